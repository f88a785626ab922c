import * as pulumi from "@pulumi/pulumi";
import type { MigrationReportArgs } from "./report-args";
import type { DataValidationArgs } from "./data-validation-args";
import { lazyProvider } from "./lazy-provider";
import { withSecretPassword } from "./secret-password";

/** A SQL Server (or Azure SQL logical server) reached with SQL authentication from where `pulumi up` runs. */
export interface ReplicationEndpointArgs {
  server: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  userName: pulumi.Input<string>;
  /** Always stored as a Pulumi secret, whether or not it was given as one. */
  password: pulumi.Input<string>;
  /** `strict` (TDS 8.0), true (default) or false. */
  encrypt?: pulumi.Input<"strict" | boolean>;
  /** Skip certificate validation (default false). */
  trustServerCertificate?: pulumi.Input<boolean>;
  /** PEM of a CA to trust for this server. */
  ca?: pulumi.Input<string>;
  hostNameInCertificate?: pulumi.Input<string>;
}

export interface ReplicationDistributorArgs {
  /** `local` (default): the source is its own distributor, created when missing; `remote`: an existing one. */
  mode?: pulumi.Input<"local" | "remote">;
  /** Default `distribution`. */
  distributionDatabase?: pulumi.Input<string>;
  /** Snapshot folder of a local distributor (default the instance's ReplData folder). */
  workingDirectory?: pulumi.Input<string>;
  /** Remote: the distributor as the publisher knows it. */
  server?: pulumi.Input<string>;
  /** Remote: how `pulumi up` reaches the distributor to monitor it. */
  connection?: pulumi.Input<ReplicationEndpointArgs>;
  /** Remove a distributor this resource created once the cutover is done and nothing else uses it (default true). */
  removeAfterCutover?: pulumi.Input<boolean>;
}

export interface ReplicationMigrationArgs {
  /** The publisher: SQL Server 2016 or later, a sysadmin login, SQL Server Agent running. */
  source: pulumi.Input<ReplicationEndpointArgs>;
  sourceDatabaseName: pulumi.Input<string>;
  /** The Azure SQL logical server; the login is db_owner in the target database (the Distribution Agent uses it too). */
  target: pulumi.Input<ReplicationEndpointArgs & { subscriber?: pulumi.Input<string> }>;
  /** The target database, with the tables already deployed (the schema step). */
  targetDatabaseName: pulumi.Input<string>;
  /** Deterministic, without % * [ ] | : " ? \ / < > (SqlServerToAzureSqlMigration derives one). */
  publicationName: pulumi.Input<string>;
  /** Tables to publish (`dbo.Orders`); default every table with a primary key. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** `fail` (default) or `exclude` a table without a primary key. */
  withoutPrimaryKey?: pulumi.Input<"fail" | "exclude">;
  distributor?: pulumi.Input<ReplicationDistributorArgs>;
  /** How the Log Reader and Snapshot agents reach the publisher: `sql` (default) or `windows`. */
  publisherSecurity?: pulumi.Input<"sql" | "windows">;
  /** `delete` (default) the target table's rows before the snapshot loads it, or `none`. */
  preCreationCommand?: pulumi.Input<"delete" | "none">;
  /** Readiness gate: pending commands allowed (default 0). */
  maxPendingCommands?: pulumi.Input<number>;
  /** Readiness gate: a tracer token must arrive within this many seconds (default 60). */
  maxLatencySeconds?: pulumi.Input<number>;
  /** Cut over once the gate passes. Cannot be undone. */
  cutover?: pulumi.Input<boolean>;
  /** T-SQL run on the source database when cutover begins, to stop application writes. */
  stopWritesSql?: pulumi.Input<string>;
  validation?: pulumi.Input<DataValidationArgs>;
  allowValidationMismatch?: pulumi.Input<boolean>;
  revalidate?: pulumi.Input<number>;
  /** Bump after an agent failed (cause fixed): the agent is started again. */
  retry?: pulumi.Input<number>;
  /** `readyForCutover` (default) or `started`. */
  wait?: pulumi.Input<"started" | "readyForCutover">;
  strictWait?: pulumi.Input<boolean>;
  /** Wait budget of one update, default 3600 s; the next update continues from the live state. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Seconds between two polls of the replication monitor (default 5). */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Least seconds between two progress reports (default 30). */
  progressLogIntervalSeconds?: pulumi.Input<number>;
  /** Folder of the per-table files, the cutover journal and the migration report (default "migration-report"). */
  reportDirectory?: pulumi.Input<string>;
  /** The migration report this database contributes to (SqlServerToAzureSqlMigration sets it). */
  report?: pulumi.Input<MigrationReportArgs>;
}

const provider = lazyProvider("replication-migration");

/** The distributor's monitoring connection, if any, with its password kept secret. */
function withSecretDistributor(
  distributor: pulumi.Input<ReplicationDistributorArgs> | undefined,
): pulumi.Output<ReplicationDistributorArgs | undefined> {
  return pulumi
    .output(distributor)
    .apply((d) =>
      d?.connection ? { ...d, connection: withSecretPassword(d.connection) } : d,
    ) as unknown as pulumi.Output<ReplicationDistributorArgs | undefined>;
}

/**
 * The online data move of one database to Azure SQL Database with transactional replication (the source
 * publishes, the Azure SQL database is a push subscriber), followed by each `pulumi up`; `cutover: true`
 * completes it once the readiness gate passes.
 */
export class ReplicationMigration extends pulumi.dynamic.Resource {
  declare readonly resourceId: pulumi.Output<string>;
  declare readonly publicationName: pulumi.Output<string>;
  /** configuring, initializing, syncing, readyForCutover, cuttingOver, completed, failed. */
  declare readonly phase: pulumi.Output<string>;
  declare readonly publisher: pulumi.Output<string | undefined>;
  declare readonly subscriber: pulumi.Output<string>;
  /** Commands waiting in the distribution database, and the monitor's estimate of the seconds they take. */
  declare readonly pendingCommands: pulumi.Output<number | undefined>;
  declare readonly estimatedSeconds: pulumi.Output<number | undefined>;
  /** The last tracer token's publisher-to-subscriber latency, in seconds. */
  declare readonly latencySeconds: pulumi.Output<number | undefined>;
  declare readonly agentStatus: pulumi.Output<string | undefined>;
  declare readonly gate: pulumi.Output<{ ready: boolean; reasons: string[]; checkedAt: string }>;
  declare readonly lastErrors: pulumi.Output<string[]>;
  declare readonly publishedTables: pulumi.Output<number>;
  declare readonly excludedTables: pulumi.Output<string[]>;
  declare readonly rowsOnTarget: pulumi.Output<number>;
  /** The first tables (state, rows on each side); every table is in dataMoveFile. */
  declare readonly tableProgress: pulumi.Output<unknown[]>;
  declare readonly dataMoveFile: pulumi.Output<string | undefined>;
  declare readonly validationResult: pulumi.Output<unknown>;
  /** The cutover's steps, each with when it started and ended. */
  declare readonly cutoverSteps: pulumi.Output<unknown[]>;
  declare readonly completedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ReplicationMigrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        source: withSecretPassword(args.source),
        target: withSecretPassword(args.target),
        distributor: withSecretDistributor(args.distributor),
        resourceId: undefined,
        publisher: undefined,
        distributionDatabase: undefined,
        subscriber: undefined,
        phase: undefined,
        configured: undefined,
        created: undefined,
        publishedTables: undefined,
        excludedTables: undefined,
        articlesActive: undefined,
        pendingCommands: undefined,
        estimatedSeconds: undefined,
        latencySeconds: undefined,
        latencyMeasuredAt: undefined,
        agentStatus: undefined,
        gate: undefined,
        lastErrors: undefined,
        rowsOnTarget: undefined,
        tableProgress: undefined,
        dataMoveFile: undefined,
        validationResult: undefined,
        validationMismatchAllowed: undefined,
        cutoverSteps: undefined,
        startedAt: undefined,
        completedAt: undefined,
        checkedAt: undefined,
      },
      // The outputs repeat the inputs, connection passwords included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target", "distributor"] }),
      "azure-sql-migration",
      "ReplicationMigration",
    );
  }
}
