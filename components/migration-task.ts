import * as pulumi from "@pulumi/pulumi";
import type { MigrationReportArgs } from "./report-args";
import type { DataValidationArgs } from "./data-validation-args";
import { MIGRATION_TASK_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import { lazyProvider } from "./lazy-provider";
import { withSecretPassword } from "./secret-password";

/** A SQL Server or Azure SQL logical server, reached with SQL authentication. */
export interface SqlEndpointArgs {
  /** Host name as the migration service reaches it (`sql01.contoso.local`, `sales.database.windows.net`). Required. */
  server: pulumi.Input<string>;
  /** TCP port; default the server's (1433, or the named instance's). */
  port?: pulumi.Input<number>;
  /** SQL login. Required. */
  userName: pulumi.Input<string>;
  /** Always stored as a Pulumi secret, whether or not it was given as one. */
  password: pulumi.Input<string>;
  /** Encrypt the connection (default true). */
  encrypt?: pulumi.Input<boolean>;
  /** Skip certificate validation (default false). */
  trustServerCertificate?: pulumi.Input<boolean>;
}

export interface MigrationDatabaseArgs {
  /** Source database. Required. */
  sourceName: pulumi.Input<string>;
  /** Target database (it must exist with its tables). Required. */
  targetName: pulumi.Input<string>;
  /** Schema-qualified tables (`dbo.Orders`); default all user tables. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Offline only: make the source read-only during the copy. */
  makeSourceDbReadOnly?: pulumi.Input<boolean>;
}

export interface MigrationTaskArgs {
  /** Subscription (GUID) of the service. Required; changing it replaces the task. */
  subscriptionId: pulumi.Input<string>;
  /** Resource group of the service. Required; changing it replaces the task. */
  resourceGroupName: pulumi.Input<string>;
  /** The DMS service (`DataMigrationService.serviceName`). Required; changing it replaces the task. */
  serviceName: pulumi.Input<string>;
  /** The project (`MigrationProject.projectName`). Required; changing it replaces the task. */
  projectName: pulumi.Input<string>;
  /** Base ARM name of the task; default the Pulumi resource name. `-retry-N` is added when retry is N > 0. Changing it replaces the task. */
  taskName?: pulumi.Input<string>;
  /** `offline` or `online` (with cutover). Required; changing it replaces the task. */
  mode: pulumi.Input<"offline" | "online">;
  /** The source SQL Server. Required; changing it replaces the task, except the password (used by a task not started yet). */
  source: pulumi.Input<SqlEndpointArgs>;
  /** The target logical server. Required; changing it replaces the task, except the password. */
  target: pulumi.Input<SqlEndpointArgs>;
  /** The databases to move. Required; changing them replaces the task. */
  databases: pulumi.Input<pulumi.Input<MigrationDatabaseArgs>[]>;
  /** How far one update follows: offline default `completed`, online default `readyForCutover`. Updated in place. */
  wait?: pulumi.Input<"started" | "completed" | "readyForCutover">;
  /** Fail (instead of warn) when the wait budget runs out first; default false. Updated in place. */
  strictWait?: pulumi.Input<boolean>;
  /** Wait budget of one update, default 3600 s; the next update continues from the live state. Updated in place. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Online only: complete the migration once the readiness gate passes (default false). Updated in place; cannot be undone. */
  cutover?: pulumi.Input<boolean>;
  /** Readiness gate: pending changes allowed per database at cutover (default 0). Updated in place. */
  maxPendingChanges?: pulumi.Input<number>;
  /** Bump (default 0) to replace a failed task with a new one (`<taskName>-retry-N`); on a task that did not fail it changes nothing. */
  retry?: pulumi.Input<number>;
  /** Least seconds between two progress reports (default 30). Updated in place. */
  progressLogIntervalSeconds?: pulumi.Input<number>;
  /** Compare source and target: after an offline task succeeded, before an online one is cut over (default row counts). Updated in place. */
  validation?: pulumi.Input<DataValidationArgs>;
  /** Bump (default 0) to validate again (after fixing data) without a new data move. Updated in place. */
  revalidate?: pulumi.Input<number>;
  /** Online: cut over even when validation finds differences (recorded in the report); default false. Updated in place. */
  allowValidationMismatch?: pulumi.Input<boolean>;
  /** Folder for the per-table validation files and the migration report (default "migration-report"). Updated in place. */
  reportDirectory?: pulumi.Input<string>;
  /** The migration report this task contributes to (SqlServerToAzureSqlMigration sets it; default none). Updated in place. */
  report?: pulumi.Input<MigrationReportArgs>;
}

const provider = lazyProvider("migration-task");

/**
 * A DMS migration task (offline `Migrate.SqlServer.SqlDb` or online `Migrate.SqlServer.AzureSqlDb.Sync`) that
 * each `pulumi up` follows as far as its budget allows; `cutover: true` completes an online migration.
 */
export class MigrationTask extends pulumi.dynamic.Resource {
  /** The task's ARM name (`taskName`, with `-retry-N` after a retry). */
  declare readonly remoteTaskName: pulumi.Output<string>;
  /** The task's ARM id. */
  declare readonly resourceId: pulumi.Output<string>;
  /** The service's task state: Queued, Running, Succeeded, Failed, Canceled... */
  declare readonly state: pulumi.Output<string>;
  /** Lifecycle phase: queued, running, readyForCutover, completing, completed, validated, validationFailed, failed, canceled. */
  declare readonly phase: pulumi.Output<string>;
  /** When the migration started (ISO 8601), once it has. */
  declare readonly startedOn: pulumi.Output<string | undefined>;
  /** When the migration ended, once it has. */
  declare readonly endedOn: pulumi.Output<string | undefined>;
  /**
   * Per database: state, rows, percent, changes, the first errors, `tableSummary` (tables per state, the first
   * failed tables) and `dataMoveFile`, the file beside the report with every table's progress.
   */
  declare readonly databaseProgress: pulumi.Output<unknown[]>;
  /** The task's errors: the first 20 and how many more (each table's errors are in the data-move files); empty when none. */
  declare readonly errors: pulumi.Output<string[]>;
  /** The last validation of each database: verdict, counts, the first differing tables. */
  declare readonly validationResults: pulumi.Output<unknown[] | undefined>;

  constructor(name: string, args: MigrationTaskArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        taskName: args.taskName ?? name,
        source: withSecretPassword(args.source),
        target: withSecretPassword(args.target),
        ...outputPlaceholders(MIGRATION_TASK_OUTPUTS),
      },
      // The outputs repeat the inputs, connection passwords included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "MigrationTask",
    );
  }
}
