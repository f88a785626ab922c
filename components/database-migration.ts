import * as pulumi from "@pulumi/pulumi";
import type { MigrationReportArgs } from "./report-args";
import type { DataValidationArgs } from "./data-validation-args";
import { DATABASE_MIGRATION_OUTPUTS, outputPlaceholders } from "../provider/resources/output-keys";
import type { TableSummary } from "../provider/resources/table-summary";
import { lazyProvider } from "./lazy-provider";
import { withSecretPassword } from "./secret-password";
import type { SqlEndpointArgs } from "./migration-task";

export interface DatabaseMigrationArgs {
  /** ARM id of the SqlMigrationService that runs the copy (`SqlMigrationService.resourceId`). Required; changing it replaces (a new run). */
  migrationServiceId: pulumi.Input<string>;
  /** ARM id of the target Azure SQL logical server. Required; changing it replaces (a new run). */
  targetServerResourceId: pulumi.Input<string>;
  /** The target database; it must exist with its tables (deploy the schema first). Required; changing it replaces. */
  targetDatabaseName: pulumi.Input<string>;
  /** The source database. Required; changing it replaces (a new run). */
  sourceDatabaseName: pulumi.Input<string>;
  /** The source SQL Server as the self-hosted integration runtime reaches it; SQL (default) or Windows authentication. Required; changing it replaces, except the password (used by the next run). */
  source: pulumi.Input<SqlEndpointArgs & { authentication?: pulumi.Input<"sql" | "windows"> }>;
  /** The target server, SQL authentication. Required; changing it replaces, except the password (used by the next run). */
  target: pulumi.Input<SqlEndpointArgs>;
  /** Tables to copy (`dbo.Orders`); default every table. Changing it replaces (a new run). */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Only `offline` (the default): the current DMS has no online migrations to Azure SQL Database. */
  mode?: pulumi.Input<string>;
  /** How far one update follows the run: `completed` (default) or `started`. Updated in place. */
  wait?: pulumi.Input<"started" | "completed">;
  /** Fail (instead of warn) when the wait budget runs out first; default false. Updated in place. */
  strictWait?: pulumi.Input<boolean>;
  /** Wait budget of one update, default 3600 s; the next update continues from the live state. Updated in place. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Bump (default 0) after a failure: resumes a Retriable run (the service's retry), otherwise starts a new run. Updated in place. */
  retry?: pulumi.Input<number>;
  /** Least seconds between two progress reports (default 30). Updated in place. */
  progressLogIntervalSeconds?: pulumi.Input<number>;
  /** Compare source and target once the copy succeeded; default exact row counts of every table. Updated in place. */
  validation?: pulumi.Input<DataValidationArgs>;
  /** Bump (default 0) to validate again (after fixing data) without a new data move. Updated in place. */
  revalidate?: pulumi.Input<number>;
  /** Folder for the per-table files (data move, validation) and the migration report (default "migration-report"). Updated in place. */
  reportDirectory?: pulumi.Input<string>;
  /** The migration report this database contributes to (SqlServerToAzureSqlMigration sets it; default none). Updated in place. */
  report?: pulumi.Input<MigrationReportArgs>;
}

const provider = lazyProvider("database-migration");

/**
 * The data move of one database with the current Azure DMS (a `databaseMigrations` resource of kind SqlDb),
 * followed by each `pulumi up` as far as its budget allows. Offline: the copy ends on its own.
 */
export class DatabaseMigration extends pulumi.dynamic.Resource {
  /** The databaseMigrations resource's ARM id (under the target server). */
  declare readonly resourceId: pulumi.Output<string>;
  /** The run this resource follows. */
  declare readonly migrationOperationId: pulumi.Output<string | undefined>;
  /** The run's provisioningState: Creating while the service validates it, then Succeeded or Failed. */
  declare readonly provisioningState: pulumi.Output<string>;
  /** InProgress, Succeeded, Failed, Retriable, Canceling, Canceled… (absent while the service validates). */
  declare readonly migrationStatus: pulumi.Output<string | undefined>;
  /** Lifecycle phase: queued, running, validated (or completed without validation), validationFailed, failed, canceled. */
  declare readonly phase: pulumi.Output<string>;
  /** When the run started (ISO 8601), once it has. */
  declare readonly startedOn: pulumi.Output<string | undefined>;
  /** When the run ended, once it has. */
  declare readonly endedOn: pulumi.Output<string | undefined>;
  /** Tables per state, rows copied and the first failed tables (every table's progress is in `dataMoveFile`). */
  declare readonly tableSummary: pulumi.Output<TableSummary>;
  /** Rows copied so far, all tables. */
  declare readonly rowsCopied: pulumi.Output<number>;
  /** The service's errors for the run (empty when none). */
  declare readonly errors: pulumi.Output<string[]>;
  /** The last validation: verdict, counts, the first differing tables, and the file with every table's result. */
  declare readonly validationResult: pulumi.Output<unknown>;
  /** The file with every table's copy progress (the state keeps totals only). */
  declare readonly dataMoveFile: pulumi.Output<string | undefined>;

  constructor(name: string, args: DatabaseMigrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        source: withSecretPassword(args.source),
        target: withSecretPassword(args.target),
        ...outputPlaceholders(DATABASE_MIGRATION_OUTPUTS),
      },
      // The outputs repeat the inputs, connection passwords included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "DatabaseMigration",
    );
  }
}
