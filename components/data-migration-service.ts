import * as pulumi from "@pulumi/pulumi";
import { dmsArmName } from "../provider/dms/arm-names";
import { lazyProvider } from "./lazy-provider";

export interface DataMigrationServiceArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name (deterministic, no random suffix). Replaces. */
  serviceName?: pulumi.Input<string>;
  /** Azure region. Changing it replaces the service. */
  location: pulumi.Input<string>;
  /** DMS SKU, default `Premium_4vCores` (online migrations need Premium). Updated in place. */
  skuName?: pulumi.Input<string>;
  /** ARM id of the subnet DMS joins (it must reach the source server). Updated in place. */
  virtualSubnetId: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Delete the service even while tasks run (`deleteRunningTasks=true`); default false. */
  deleteRunningTasksOnDelete?: pulumi.Input<boolean>;
  /** Budget for provisioning in one update (default 1800 s). */
  timeoutSeconds?: pulumi.Input<number>;
}

const provider = lazyProvider("data-migration-service");

/** An Azure Database Migration Service instance (classic, Microsoft.DataMigration/services). */
export class DataMigrationService extends pulumi.dynamic.Resource {
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly resourceGroupName: pulumi.Output<string>;
  declare readonly subscriptionId: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly skuName: pulumi.Output<string>;
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;

  constructor(name: string, args: DataMigrationServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        serviceName: args.serviceName ?? dmsArmName("service", name),
        resourceId: undefined,
        provisioningState: undefined,
      },
      opts,
      "azure-sql-migration",
      "DataMigrationService",
    );
  }
}
