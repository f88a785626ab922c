import * as pulumi from "@pulumi/pulumi";
import { sqlMigrationServiceName } from "../provider/dms/sql-migration/names";
import { SQL_MIGRATION_SERVICE_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";

export interface SqlMigrationServiceArgs {
  /** Subscription (GUID) of the service. Required; changing it replaces the service. */
  subscriptionId: pulumi.Input<string>;
  /** Resource group of the service (must exist). Required; changing it replaces the service. */
  resourceGroupName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name (deterministic). Changing it replaces the service. */
  serviceName?: pulumi.Input<string>;
  /** Azure region; must be the target server's. Required; changing it replaces the service. */
  location: pulumi.Input<string>;
  /** Resource tags; default none. Updated in place. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `online` (default): each update waits up to `runtimeWaitTimeoutSeconds` for a self-hosted integration
   * runtime node to be registered and online, and fails saying what to do when none is. `none`: never wait.
   * Updated in place.
   */
  waitForRuntime?: pulumi.Input<"online" | "none">;
  /** Budget of that wait (default 600 s). Updated in place. */
  runtimeWaitTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Budget of one update's wait for the service to be provisioned (default 1800 s). Past it the update fails
   * saying the operation goes on in Azure; the next `pulumi up` waits for that same operation. Updated in place.
   */
  timeoutSeconds?: pulumi.Input<number>;
  /** Bump a counter (default 0) to regenerate that key: one regenerateAuthKeys call per bump. Updated in place. */
  regenerateAuthKeys?: pulumi.Input<{ authKey1?: pulumi.Input<number>; authKey2?: pulumi.Input<number> }>;
  /** Cancel running migrations when the service is deleted; default false (delete refuses while they run). Updated in place (state only). */
  cancelMigrationsOnDelete?: pulumi.Input<boolean>;
}

const provider = lazyProvider("sql-migration-service");

/**
 * An instance of the current Azure Database Migration Service (Microsoft.DataMigration/sqlMigrationServices).
 * Data moves through a self-hosted integration runtime (SHIR) registered with `authKey1` or `authKey2`.
 */
export class SqlMigrationService extends pulumi.dynamic.Resource {
  /** The service's ARM name (as given or derived). */
  declare readonly serviceName: pulumi.Output<string>;
  /** The region, as given. */
  declare readonly location: pulumi.Output<string>;
  /** The service's ARM id (what `DatabaseMigration.migrationServiceId` takes). */
  declare readonly resourceId: pulumi.Output<string>;
  /** ARM's provisioningState at the end of the update: Succeeded once provisioned. */
  declare readonly provisioningState: pulumi.Output<string>;
  /** NeedRegistration until a SHIR node registers, Online while one is online, Offline otherwise. */
  declare readonly integrationRuntimeState: pulumi.Output<string>;
  /** The runtime's name in the service (`default-ir` as the service names it). */
  declare readonly integrationRuntimeName: pulumi.Output<string>;
  /** The registered runtime nodes: name, status, version, concurrent jobs. */
  declare readonly nodes: pulumi.Output<
    {
      nodeName: string;
      status?: string;
      version?: string;
      concurrentJobsLimit?: number;
      concurrentJobsRunning?: number;
    }[]
  >;
  /** Key that registers a SHIR node with this service. Secret. */
  declare readonly authKey1: pulumi.Output<string>;
  /** The second key (rotate one while the other is in use). Secret. */
  declare readonly authKey2: pulumi.Output<string>;

  constructor(name: string, args: SqlMigrationServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        serviceName: args.serviceName ?? sqlMigrationServiceName(name),
        ...outputPlaceholders(SQL_MIGRATION_SERVICE_OUTPUTS),
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["authKey1", "authKey2"] }),
      "azure-sql-migration",
      "SqlMigrationService",
    );
  }
}
