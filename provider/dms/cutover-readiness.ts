import { parseSyncTaskOutput } from "./parse-responses";
import type {
  SyncDatabaseErrorOutput,
  SyncDatabaseLevelOutput,
  SyncErrorOutput,
  SyncTableLevelOutput,
} from "./sync-output-shapes";

/**
 * The gate in front of the complete (cutover) command of an online migration. Completing a database stops
 * replication and makes the target the database of record, so the gate is conservative: it passes only when
 * the service says the database is ready *and* every detail the output carries agrees.
 *
 * A database passes when, in the `Migrate.SqlServer.AzureSqlDb.Sync` output:
 *  - it has a DatabaseLevelOutput whose `migrationState` is `READY_TO_COMPLETE` — the spec's
 *    SyncDatabaseMigrationReportingState the service enters once the full load is done and changes stream;
 *  - no table is queued, loading or errored in the full load (`fullLoad*Tables` counters), and every
 *    TableLevelOutput of the database is `COMPLETED` (full load done), none `ERROR`/`FAILED`;
 *  - no table reports data errors (`dataErrorsCounter` > 0 means rows failed to apply on the target);
 *  - pending changes, `incomingChanges - appliedChanges`, are at or under `maxPendingChanges`;
 *  - no DatabaseLevelErrorOutput or ErrorOutput is present.
 */

export type ReadinessReasonCode =
  | "NoOutput"
  | "MigrationError"
  | "DatabaseNotReported"
  | "DatabaseStateNotReady"
  | "DatabaseError"
  | "FullLoadIncomplete"
  | "TableNotFullyLoaded"
  | "TableErrored"
  | "TableDataErrors"
  | "PendingChangesOverThreshold"
  | "ChangeCountersMissing";

export interface ReadinessReason {
  code: ReadinessReasonCode;
  /** Absent for migration-level reasons. */
  database?: string;
  table?: string;
  message: string;
}

export interface DatabaseReadiness {
  database: string;
  ready: boolean;
  migrationState?: string;
  pendingChanges?: number;
  reasons: ReadinessReason[];
}

export interface CutoverReadiness {
  ready: boolean;
  databases: DatabaseReadiness[];
  /** Every reason, migration-level first, then per database in order. */
  reasons: ReadinessReason[];
}

export interface ReadinessOptions {
  /** Largest acceptable `incomingChanges - appliedChanges` per database. Default 0. */
  maxPendingChanges?: number;
  /**
   * The source databases the migration covers. A database listed here with no DatabaseLevelOutput is not
   * ready (the service has not reported it yet). Default: the databases found in the output.
   */
  databases?: readonly string[];
}

const READY_STATE = "READY_TO_COMPLETE";

function sameName(a: string | undefined, b: string): boolean {
  return (a ?? "").toLowerCase() === b.toLowerCase();
}

function databaseReadiness(
  name: string,
  db: SyncDatabaseLevelOutput | undefined,
  tables: SyncTableLevelOutput[],
  errors: SyncDatabaseErrorOutput[],
  maxPending: number,
): DatabaseReadiness {
  const reasons: ReadinessReason[] = [];
  const add = (code: ReadinessReasonCode, message: string, table?: string) =>
    reasons.push({ code, database: name, ...(table ? { table } : {}), message });

  if (!db) {
    add("DatabaseNotReported", `database ${name}: the service has not reported it yet`);
    return { database: name, ready: false, reasons };
  }
  if (db.migrationState !== READY_STATE) {
    add(
      "DatabaseStateNotReady",
      `database ${name}: state is ${db.migrationState ?? "unknown"}, cutover needs ${READY_STATE}`,
    );
  }
  for (const e of errors) {
    add("DatabaseError", `database ${name}: ${e.errorMessage ?? "error reported"}`);
  }
  const queued = db.fullLoadQueuedTables ?? 0;
  const loading = db.fullLoadLoadingTables ?? 0;
  const errored = db.fullLoadErroredTables ?? 0;
  if (queued + loading > 0) {
    add("FullLoadIncomplete", `database ${name}: full load not done (${queued} tables queued, ${loading} loading)`);
  }
  if (errored > 0) add("TableErrored", `database ${name}: ${errored} tables errored in the full load`);

  for (const t of tables) {
    const table = t.tableName ?? "(unnamed)";
    if (t.state === "ERROR" || t.state === "FAILED") {
      add("TableErrored", `table ${name}.${table}: state ${t.state}`, table);
    } else if (t.state !== "COMPLETED") {
      add(
        "TableNotFullyLoaded",
        `table ${name}.${table}: full load ${t.state ?? "not started"}, needs COMPLETED`,
        table,
      );
    }
    if ((t.dataErrorsCounter ?? 0) > 0) {
      add("TableDataErrors", `table ${name}.${table}: ${t.dataErrorsCounter} rows failed to apply`, table);
    }
  }

  let pending: number | undefined;
  if (db.incomingChanges === undefined || db.appliedChanges === undefined) {
    add(
      "ChangeCountersMissing",
      `database ${name}: incoming/applied change counters not reported, pending changes unknown`,
    );
  } else {
    pending = Math.max(0, db.incomingChanges - db.appliedChanges);
    if (pending > maxPending) {
      add(
        "PendingChangesOverThreshold",
        `database ${name}: ${pending} changes pending (incoming ${db.incomingChanges}, applied ${db.appliedChanges}), at most ${maxPending} allowed`,
      );
    }
  }
  return {
    database: name,
    ready: reasons.length === 0,
    migrationState: db.migrationState,
    pendingChanges: pending,
    reasons,
  };
}

/**
 * Whether an online migration task may be completed. `output` is the task's `properties.output` (from a GET
 * with `$expand=output`). Never throws for a not-ready migration; throws DmsShapeError only when the output
 * does not match the spec.
 */
export function readinessForCutover(output: unknown, options: ReadinessOptions = {}): CutoverReadiness {
  const maxPending = options.maxPendingChanges ?? 0;
  if (!Number.isFinite(maxPending) || maxPending < 0) throw new RangeError("maxPendingChanges must be a number >= 0");
  const results = parseSyncTaskOutput(output ?? []);
  const dbResults = results.filter((r) => r.resultType === "DatabaseLevelOutput") as SyncDatabaseLevelOutput[];
  const tableResults = results.filter((r) => r.resultType === "TableLevelOutput") as SyncTableLevelOutput[];
  const dbErrors = results.filter((r) => r.resultType === "DatabaseLevelErrorOutput") as SyncDatabaseErrorOutput[];
  const migrationErrors = results.filter((r) => r.resultType === "ErrorOutput") as SyncErrorOutput[];

  const migrationReasons: ReadinessReason[] = migrationErrors.map((e) => ({
    code: "MigrationError",
    message: `migration error: ${e.error?.message ?? "no message"}`,
  }));

  const names = options.databases?.length
    ? [...options.databases]
    : [
        ...new Set([...dbResults.map((d) => d.databaseName ?? ""), ...tableResults.map((t) => t.databaseName ?? "")]),
      ].filter(Boolean);
  if (names.length === 0 && migrationReasons.length === 0) {
    migrationReasons.push({ code: "NoOutput", message: "the task has reported no database yet" });
  }

  // DatabaseLevelErrorOutput has no database name in the spec: attribute it by a name the service may add,
  // to the only database when there is one, otherwise to the whole migration.
  const unattributed: SyncDatabaseErrorOutput[] = [];
  const errorsFor = (name: string) =>
    dbErrors.filter((e) => typeof e.databaseName === "string" && sameName(e.databaseName, name));
  for (const e of dbErrors) {
    if (!(typeof e.databaseName === "string" && names.some((n) => sameName(e.databaseName as string, n))))
      unattributed.push(e);
  }
  const databases = names.map((name) =>
    databaseReadiness(
      name,
      dbResults.find((d) => sameName(d.databaseName, name)),
      tableResults.filter((t) => sameName(t.databaseName, name)),
      names.length === 1 ? [...errorsFor(name), ...unattributed] : errorsFor(name),
      maxPending,
    ),
  );
  if (names.length !== 1) {
    for (const e of unattributed)
      migrationReasons.push({ code: "MigrationError", message: `database error: ${e.errorMessage ?? "no message"}` });
  }

  const reasons = [...migrationReasons, ...databases.flatMap((d) => d.reasons)];
  return { ready: reasons.length === 0, databases, reasons };
}
