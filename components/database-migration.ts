import * as pulumi from "@pulumi/pulumi";
import type { SchemaStepFacts } from "../provider/report";
import type { DataValidationArgs } from "./data-validation-args";
import { lazyProvider } from "./lazy-provider";
import { withSecretPassword } from "./secret-password";
import type { SqlEndpointArgs } from "./migration-task";

export interface DatabaseMigrationArgs {
  /** ARM id of the SqlMigrationService that runs the copy (`SqlMigrationService.resourceId`). */
  migrationServiceId: pulumi.Input<string>;
  /** ARM id of the target Azure SQL logical server. */
  targetServerResourceId: pulumi.Input<string>;
  /** The target database; it must exist with its tables (deploy the schema first). */
  targetDatabaseName: pulumi.Input<string>;
  sourceDatabaseName: pulumi.Input<string>;
  /** The source SQL Server as the self-hosted integration runtime reaches it; SQL or Windows authentication. */
  source: pulumi.Input<SqlEndpointArgs & { authentication?: pulumi.Input<"sql" | "windows"> }>;
  /** The target server, SQL authentication. */
  target: pulumi.Input<SqlEndpointArgs>;
  /** Tables to copy (`dbo.Orders`); default every table. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Only `offline`: the current DMS has no online migrations to Azure SQL Database. */
  mode?: pulumi.Input<string>;
  /** How far one update follows the run: `completed` (default) or `started`. */
  wait?: pulumi.Input<"started" | "completed">;
  /** Fail (instead of warn) when the wait budget runs out first. */
  strictWait?: pulumi.Input<boolean>;
  /** Wait budget of one update, default 3600 s; the next update continues from the live state. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Bump after a failure: resumes a Retriable run (the service's retry), otherwise starts a new run. */
  retry?: pulumi.Input<number>;
  /** Least seconds between two progress reports (default 30). */
  progressLogIntervalSeconds?: pulumi.Input<number>;
  /** Compare source and target once the copy succeeded; default exact row counts of every table. */
  validation?: pulumi.Input<DataValidationArgs>;
  /** Bump to validate again (after fixing data) without a new data move. */
  revalidate?: pulumi.Input<number>;
  /** Folder for the per-table files (data move, validation) and the migration report (default "migration-report"). */
  reportDirectory?: pulumi.Input<string>;
  /** The migration report this database contributes to (SqlServerToAzureSqlMigration sets it). */
  report?: pulumi.Input<{ migration: string; engine: string; apiVersions?: string[]; schema?: pulumi.Input<SchemaStepFacts> }>;
}

const provider = lazyProvider("database-migration");


/**
 * The data move of one database with the current Azure DMS (a `databaseMigrations` resource of kind SqlDb),
 * followed by each `pulumi up` as far as its budget allows. Offline: the copy ends on its own.
 */
export class DatabaseMigration extends pulumi.dynamic.Resource {
  declare readonly resourceId: pulumi.Output<string>;
  /** The run this resource follows. */
  declare readonly migrationOperationId: pulumi.Output<string | undefined>;
  declare readonly provisioningState: pulumi.Output<string>;
  /** InProgress, Succeeded, Failed, Retriable, Canceling, Canceled… (absent while the service validates). */
  declare readonly migrationStatus: pulumi.Output<string | undefined>;
  /** Lifecycle phase: queued, running, validated (or completed without validation), validationFailed, failed, canceled. */
  declare readonly phase: pulumi.Output<string>;
  declare readonly startedOn: pulumi.Output<string | undefined>;
  declare readonly endedOn: pulumi.Output<string | undefined>;
  /** Per table: status, rows read and copied, throughput, duration. */
  declare readonly tableProgress: pulumi.Output<unknown[]>;
  declare readonly rowsCopied: pulumi.Output<number>;
  declare readonly errors: pulumi.Output<string[]>;
  /** The last validation: verdict, counts, the first differing tables, and the file with every table's result. */
  declare readonly validationResult: pulumi.Output<unknown>;
  declare readonly dataMoveFile: pulumi.Output<string | undefined>;

  constructor(name: string, args: DatabaseMigrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      {
        ...args,
        source: withSecretPassword(args.source),
        target: withSecretPassword(args.target),
        resourceId: undefined,
        migrationOperationId: undefined,
        provisioningState: undefined,
        migrationStatus: undefined,
        migrationState: undefined,
        phase: undefined,
        startedOn: undefined,
        endedOn: undefined,
        tableProgress: undefined,
        rowsCopied: undefined,
        errors: undefined,
        connectionFingerprint: undefined,
        validationResult: undefined,
        dataMoveFile: undefined,
        checkedAt: undefined,
      },
      // The outputs repeat the inputs, connection passwords included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "DatabaseMigration",
    );
  }
}
