import * as pulumi from "@pulumi/pulumi";
import { sqlMigrationServiceName } from "../provider/dms/sql-migration/names";
import { lazyProvider } from "./lazy-provider";

export interface SqlMigrationServiceArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  /** ARM name; default derived from the Pulumi resource name (deterministic). Replaces. */
  serviceName?: pulumi.Input<string>;
  /** Azure region; must be the target server's. Changing it replaces the service. */
  location: pulumi.Input<string>;
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `online` (default): each update waits up to `runtimeWaitTimeoutSeconds` for a self-hosted integration
   * runtime node to be registered and online, and fails saying what to do when none is. `none`: never wait.
   */
  waitForRuntime?: pulumi.Input<"online" | "none">;
  /** Budget of that wait (default 600 s). */
  runtimeWaitTimeoutSeconds?: pulumi.Input<number>;
  /** Bump a counter to regenerate that key (one regenerateAuthKeys call per bump). */
  regenerateAuthKeys?: pulumi.Input<{ authKey1?: pulumi.Input<number>; authKey2?: pulumi.Input<number> }>;
  /** Cancel running migrations when the service is deleted; default false (delete refuses while they run). */
  cancelMigrationsOnDelete?: pulumi.Input<boolean>;
}

const provider = lazyProvider("sql-migration-service");

/**
 * An instance of the current Azure Database Migration Service (Microsoft.DataMigration/sqlMigrationServices).
 * Data moves through a self-hosted integration runtime (SHIR) registered with `authKey1` or `authKey2`.
 */
export class SqlMigrationService extends pulumi.dynamic.Resource {
  declare readonly serviceName: pulumi.Output<string>;
  declare readonly location: pulumi.Output<string>;
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly provisioningState: pulumi.Output<string>;
  /** NeedRegistration until a SHIR node registers, Online while one is online, Offline otherwise. */
  declare readonly integrationRuntimeState: pulumi.Output<string>;
  declare readonly integrationRuntimeName: pulumi.Output<string>;
  /** The registered runtime nodes: name, status, version, concurrent jobs. */
  declare readonly nodes: pulumi.Output<{ nodeName: string; status?: string; version?: string; concurrentJobsLimit?: number; concurrentJobsRunning?: number }[]>;
  /** Keys that register a SHIR node with this service. Secret. */
  declare readonly authKey1: pulumi.Output<string>;
  declare readonly authKey2: pulumi.Output<string>;

  constructor(name: string, args: SqlMigrationServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        serviceName: args.serviceName ?? sqlMigrationServiceName(name),
        resourceId: undefined,
        provisioningState: undefined,
        integrationRuntimeState: undefined,
        integrationRuntimeName: undefined,
        nodes: undefined,
        authKey1: undefined,
        authKey2: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["authKey1", "authKey2"] }),
      "azure-sql-migration",
      "SqlMigrationService",
    );
  }
}
