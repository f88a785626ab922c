import * as pulumi from "@pulumi/pulumi";
import { dmsArmName } from "../provider/dms/arm-names";
import { lazyProvider } from "./lazy-provider";

export interface MigrationProjectArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  /** The DMS service (`DataMigrationService.serviceName`). Replaces. */
  serviceName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name. Replaces. */
  projectName?: pulumi.Input<string>;
  /** Region of the service. Replaces. */
  location: pulumi.Input<string>;
  /** Source databases recorded in the project. Updated in place. */
  sourceDatabases?: pulumi.Input<pulumi.Input<string>[]>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  deleteRunningTasksOnDelete?: pulumi.Input<boolean>;
}

const provider = lazyProvider("migration-project");

/** A DMS migration project for SQL Server → Azure SQL Database (Microsoft.DataMigration/services/projects). */
export class MigrationProject extends pulumi.dynamic.Resource {
  declare readonly projectName: pulumi.Output<string>;
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly sourcePlatform: pulumi.Output<string>;
  declare readonly targetPlatform: pulumi.Output<string>;

  constructor(name: string, args: MigrationProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        projectName: args.projectName ?? dmsArmName("project", name),
        resourceId: undefined,
        sourcePlatform: undefined,
        targetPlatform: undefined,
        provisioningState: undefined,
      },
      opts,
      "azure-sql-migration",
      "MigrationProject",
    );
  }
}
