import * as pulumi from "@pulumi/pulumi";
import type { DataValidationArgs } from "./data-validation-args";
import { lazyProvider } from "./lazy-provider";
import { withSecretPassword } from "./secret-password";

/** A SQL Server or Azure SQL logical server, reached with SQL authentication. */
export interface SqlEndpointArgs {
  server: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  userName: pulumi.Input<string>;
  /** Always stored as a Pulumi secret, whether or not it was given as one. */
  password: pulumi.Input<string>;
  /** Encrypt the connection (default true). */
  encrypt?: pulumi.Input<boolean>;
  /** Skip certificate validation (default false). */
  trustServerCertificate?: pulumi.Input<boolean>;
}

export interface MigrationDatabaseArgs {
  sourceName: pulumi.Input<string>;
  targetName: pulumi.Input<string>;
  /** Schema-qualified tables (`dbo.Orders`); default all user tables. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Offline only: make the source read-only during the copy. */
  makeSourceDbReadOnly?: pulumi.Input<boolean>;
}

export interface MigrationTaskArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  serviceName: pulumi.Input<string>;
  projectName: pulumi.Input<string>;
  /** Base ARM name of the task; default the Pulumi resource name. `-retry-N` is added when retry is N > 0. */
  taskName?: pulumi.Input<string>;
  mode: pulumi.Input<"offline" | "online">;
  source: pulumi.Input<SqlEndpointArgs>;
  target: pulumi.Input<SqlEndpointArgs>;
  databases: pulumi.Input<pulumi.Input<MigrationDatabaseArgs>[]>;
  /** How far one update follows: offline default `completed`, online default `readyForCutover`. */
  wait?: pulumi.Input<"started" | "completed" | "readyForCutover">;
  /** Fail (instead of warn) when the wait budget runs out first. */
  strictWait?: pulumi.Input<boolean>;
  /** Wait budget of one update, default 3600 s; the next update continues from the live state. */
  waitTimeoutSeconds?: pulumi.Input<number>;
  /** Online only: complete the migration once the readiness gate passes. Cannot be undone. */
  cutover?: pulumi.Input<boolean>;
  /** Readiness gate: pending changes allowed per database at cutover (default 0). */
  maxPendingChanges?: pulumi.Input<number>;
  /** Bump to replace a failed task with a new one. */
  retry?: pulumi.Input<number>;
  /** Least seconds between two progress reports (default 30). */
  progressLogIntervalSeconds?: pulumi.Input<number>;
  /** Compare source and target: after an offline task succeeded, before an online one is cut over (default row counts). */
  validation?: pulumi.Input<DataValidationArgs>;
  /** Bump to validate again (after fixing data) without a new data move. */
  revalidate?: pulumi.Input<number>;
  /** Online: cut over even when validation finds differences (recorded in the report). */
  allowValidationMismatch?: pulumi.Input<boolean>;
  /** Folder for the per-table validation files (default "migration-report"). */
  reportDirectory?: pulumi.Input<string>;
}

const provider = lazyProvider("migration-task");


/**
 * A DMS migration task (offline `Migrate.SqlServer.SqlDb` or online `Migrate.SqlServer.AzureSqlDb.Sync`) that
 * each `pulumi up` follows as far as its budget allows; `cutover: true` completes an online migration.
 */
export class MigrationTask extends pulumi.dynamic.Resource {
  declare readonly remoteTaskName: pulumi.Output<string>;
  declare readonly resourceId: pulumi.Output<string>;
  /** The service's task state: Queued, Running, Succeeded, Failed, Canceled... */
  declare readonly state: pulumi.Output<string>;
  /** Lifecycle phase: queued, running, readyForCutover, completing, completed, validated, validationFailed, failed, canceled. */
  declare readonly phase: pulumi.Output<string>;
  declare readonly startedOn: pulumi.Output<string | undefined>;
  declare readonly endedOn: pulumi.Output<string | undefined>;
  /** Per database and table: state, rows, percent, changes, errors. */
  declare readonly databaseProgress: pulumi.Output<unknown[]>;
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
        remoteTaskName: undefined,
        resourceId: undefined,
        state: undefined,
        phase: undefined,
        startedOn: undefined,
        endedOn: undefined,
        databaseProgress: undefined,
        errors: undefined,
        checkedAt: undefined,
        validationResults: undefined,
      },
      // The outputs repeat the inputs, connection passwords included: keep them encrypted in state.
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["source", "target"] }),
      "azure-sql-migration",
      "MigrationTask",
    );
  }
}
