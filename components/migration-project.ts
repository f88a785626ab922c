import * as pulumi from "@pulumi/pulumi";
import { dmsArmName } from "../provider/dms/arm-names";
import { MIGRATION_PROJECT_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";

export interface MigrationProjectArgs {
  /** Subscription (GUID) of the service. Required; changing it replaces the project. */
  subscriptionId: pulumi.Input<string>;
  /** Resource group of the service. Required; changing it replaces the project. */
  resourceGroupName: pulumi.Input<string>;
  /** The DMS service (`DataMigrationService.serviceName`). Required; changing it replaces the project. */
  serviceName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name. Changing it replaces the project. */
  projectName?: pulumi.Input<string>;
  /** Region of the service. Required; changing it replaces the project. */
  location: pulumi.Input<string>;
  /** Source databases recorded in the project (informational); default none. Updated in place. */
  sourceDatabases?: pulumi.Input<pulumi.Input<string>[]>;
  /** Resource tags; default none. Updated in place. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Delete the project even while its tasks run (`deleteRunningTasks=true`); default false. Updated in place (state only). */
  deleteRunningTasksOnDelete?: pulumi.Input<boolean>;
}

const provider = lazyProvider("migration-project");

/** A DMS migration project for SQL Server → Azure SQL Database (Microsoft.DataMigration/services/projects). */
export class MigrationProject extends pulumi.dynamic.Resource {
  /** The project's ARM name (as given or derived). */
  declare readonly projectName: pulumi.Output<string>;
  /** The service the project belongs to, as given. */
  declare readonly serviceName: pulumi.Output<string>;
  /** The project's ARM id. */
  declare readonly resourceId: pulumi.Output<string>;
  /** `SQL`, as the project reports it. */
  declare readonly sourcePlatform: pulumi.Output<string>;
  /** `SQLDB`, as the project reports it. */
  declare readonly targetPlatform: pulumi.Output<string>;

  constructor(name: string, args: MigrationProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        projectName: args.projectName ?? dmsArmName("project", name),
        ...outputPlaceholders(MIGRATION_PROJECT_OUTPUTS),
      },
      opts,
      "azure-sql-migration",
      "MigrationProject",
    );
  }
}
