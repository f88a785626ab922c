import * as pulumi from "@pulumi/pulumi";
import { dmsArmName } from "../provider/dms/arm-names";
import { DATA_MIGRATION_SERVICE_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";

export interface DataMigrationServiceArgs {
  /** Subscription (GUID) of the service. Required; changing it replaces the service. */
  subscriptionId: pulumi.Input<string>;
  /** Resource group of the service (must exist). Required; changing it replaces the service. */
  resourceGroupName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name (deterministic, no random suffix). Changing it replaces the service. */
  serviceName?: pulumi.Input<string>;
  /** Azure region. Required; changing it replaces the service. */
  location: pulumi.Input<string>;
  /** DMS SKU, default `Premium_4vCores` (online migrations need Premium). Updated in place (PATCH). */
  skuName?: pulumi.Input<string>;
  /** ARM id of the subnet DMS joins (it must reach the source server). Required; updated in place (PATCH). */
  virtualSubnetId: pulumi.Input<string>;
  /** Resource tags; default none. Updated in place (PATCH). */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Delete the service even while tasks run (`deleteRunningTasks=true`); default false. Updated in place (state only). */
  deleteRunningTasksOnDelete?: pulumi.Input<boolean>;
  /**
   * How long one create/update waits for the service to be provisioned, default 1800 s; past it the update fails
   * saying the service goes on in Azure, and the next update adopts it and waits again. Updated in place (state only).
   */
  timeoutSeconds?: pulumi.Input<number>;
}

const provider = lazyProvider("data-migration-service");

/** An Azure Database Migration Service instance (classic, Microsoft.DataMigration/services). */
export class DataMigrationService extends pulumi.dynamic.Resource {
  /** The service's ARM name (as given or derived). */
  declare readonly serviceName: pulumi.Output<string>;
  /** The resource group, as given. */
  declare readonly resourceGroupName: pulumi.Output<string>;
  /** The subscription, as given. */
  declare readonly subscriptionId: pulumi.Output<string>;
  /** The region, as given. */
  declare readonly location: pulumi.Output<string>;
  /** The SKU the service has, as ARM reports it. */
  declare readonly skuName: pulumi.Output<string>;
  /** The service's ARM id. */
  declare readonly resourceId: pulumi.Output<string>;
  /** ARM's provisioningState at the end of the update: Succeeded once provisioned. */
  declare readonly provisioningState: pulumi.Output<string>;

  constructor(name: string, args: DataMigrationServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        serviceName: args.serviceName ?? dmsArmName("service", name),
        ...outputPlaceholders(DATA_MIGRATION_SERVICE_OUTPUTS),
      },
      opts,
      "azure-sql-migration",
      "DataMigrationService",
    );
  }
}
