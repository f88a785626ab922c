import type { ReportableException } from "./common-shapes";
import type {
  OfflineDatabaseLevelOutput,
  OfflineErrorOutput,
  OfflineMigrationLevelOutput,
  OfflineTableLevelOutput,
} from "./offline-output-shapes";
import { parseOfflineTaskOutput, parseSyncTaskOutput } from "./parse-responses";
import type {
  SyncDatabaseErrorOutput,
  SyncDatabaseLevelOutput,
  SyncErrorOutput,
  SyncMigrationLevelOutput,
  SyncTableLevelOutput,
} from "./sync-output-shapes";
import { TASK_TYPE } from "./task-types";

/**
 * One summary shape for both task outputs, for progress logs and resource outputs: per database and per
 * table, rows, percent, state, errors and timestamps. States are the service's own words (`InProgress`,
 * `FULL_LOAD`, …) so that a log line can be matched against the portal and the docs.
 */

export interface TableProgress {
  database: string;
  /** `schema.table` as the service reports it. */
  table: string;
  state?: string;
  rowsCopied?: number;
  /** Offline only: the table's row count. The sync output has no total. */
  totalRows?: number;
  /** 0–100, rounded down; only when the total is known (or the table is done). */
  percent?: number;
  startedOn?: string;
  endedOn?: string;
  /** Online only: CDC changes applied to this table. */
  changesApplied?: number;
  cdc?: { inserts: number; updates: number; deletes: number };
  dataErrors?: number;
  errors: string[];
}

export interface DatabaseProgress {
  database: string;
  state?: string;
  startedOn?: string;
  endedOn?: string;
  rowsCopied: number;
  /** Offline: sum of known table totals. */
  totalRows?: number;
  percent?: number;
  tables: TableProgress[];
  /** Online only. */
  incomingChanges?: number;
  appliedChanges?: number;
  pendingChanges?: number;
  fullLoad?: { completed: number; loading: number; queued: number; errored: number };
  initializationCompleted?: boolean;
  errors: string[];
}

export interface TaskOutputSummary {
  mode: "offline" | "online";
  startedOn?: string;
  endedOn?: string;
  /** Offline: MigrationLevelOutput.status. Online: not reported by the service. */
  status?: string;
  databases: DatabaseProgress[];
  /** Migration-level errors (ErrorOutput, exceptionsAndWarnings). */
  errors: string[];
}

function exceptionText(e: ReportableException | undefined): string | undefined {
  if (!e) return undefined;
  return [e.message, e.actionableMessage].filter(Boolean).join(" ") || undefined;
}

function percentOf(done: number | undefined, total: number | undefined): number | undefined {
  if (done === undefined || total === undefined) return undefined;
  if (total === 0) return 100;
  return Math.min(100, Math.floor((done / total) * 100));
}

function offlineTableProgress(database: string, t: OfflineTableLevelOutput): TableProgress {
  return {
    database,
    table: t.objectName ?? "(unnamed)",
    state: t.state,
    rowsCopied: t.itemsCompletedCount,
    totalRows: t.itemsCount,
    percent: percentOf(t.itemsCompletedCount, t.itemsCount),
    startedOn: t.startedOn,
    endedOn: t.endedOn,
    errors: t.state === "Failed" && t.statusMessage ? [t.statusMessage] : [],
  };
}

/** Summarizes `Migrate.SqlServer.SqlDb` output. Tables are matched to databases by `resultPrefix`. */
export function summarizeOfflineOutput(output: unknown): TaskOutputSummary {
  const results = parseOfflineTaskOutput(output);
  const migration = results.find((r) => r.resultType === "MigrationLevelOutput") as
    OfflineMigrationLevelOutput | undefined;
  const dbResults = results.filter((r) => r.resultType === "DatabaseLevelOutput") as OfflineDatabaseLevelOutput[];
  const tableResults = results.filter((r) => r.resultType === "TableLevelOutput") as OfflineTableLevelOutput[];
  const errorResults = results.filter((r) => r.resultType === "ErrorOutput") as OfflineErrorOutput[];

  const owner = (table: OfflineTableLevelOutput): OfflineDatabaseLevelOutput | undefined => {
    const byPrefix = dbResults.find((db) => db.resultPrefix && table.id?.startsWith(db.resultPrefix));
    return byPrefix ?? (dbResults.length === 1 ? dbResults[0] : undefined);
  };

  const databases: DatabaseProgress[] = dbResults.map((db) => {
    const name = db.databaseName ?? "(unnamed)";
    const tables = tableResults.filter((t) => owner(t) === db).map((t) => offlineTableProgress(name, t));
    const rowsCopied = tables.reduce((n, t) => n + (t.rowsCopied ?? 0), 0);
    const totalKnown = tables.length > 0 && tables.every((t) => t.totalRows !== undefined);
    const totalRows = totalKnown ? tables.reduce((n, t) => n + (t.totalRows ?? 0), 0) : undefined;
    const errors = (db.exceptionsAndWarnings ?? []).map(exceptionText).filter((m): m is string => !!m);
    if (db.state === "Failed" && db.statusMessage && !errors.includes(db.statusMessage)) errors.push(db.statusMessage);
    return {
      database: name,
      state: db.state,
      startedOn: db.startedOn,
      endedOn: db.endedOn,
      rowsCopied,
      totalRows,
      percent: percentOf(rowsCopied, totalRows),
      tables,
      errors,
    };
  });

  const orphans = tableResults.filter((t) => !owner(t));
  if (orphans.length) {
    databases.push({
      database: "(unknown database)",
      rowsCopied: orphans.reduce((n, t) => n + (t.itemsCompletedCount ?? 0), 0),
      tables: orphans.map((t) => offlineTableProgress("(unknown database)", t)),
      errors: [],
    });
  }

  const errors = [
    ...errorResults.map((e) => exceptionText(e.error)).filter((m): m is string => !!m),
    ...(migration?.exceptionsAndWarnings ?? []).map(exceptionText).filter((m): m is string => !!m),
  ];
  return {
    mode: "offline",
    startedOn: migration?.startedOn,
    endedOn: migration?.endedOn,
    status: migration?.status,
    databases,
    errors,
  };
}

/** Summarizes `Migrate.SqlServer.AzureSqlDb.Sync` output. Tables carry their database name. */
export function summarizeSyncOutput(output: unknown): TaskOutputSummary {
  const results = parseSyncTaskOutput(output);
  const migration = results.find((r) => r.resultType === "MigrationLevelOutput") as
    SyncMigrationLevelOutput | undefined;
  const dbResults = results.filter((r) => r.resultType === "DatabaseLevelOutput") as SyncDatabaseLevelOutput[];
  const tableResults = results.filter((r) => r.resultType === "TableLevelOutput") as SyncTableLevelOutput[];
  const dbErrors = results.filter((r) => r.resultType === "DatabaseLevelErrorOutput") as SyncDatabaseErrorOutput[];
  const errorResults = results.filter((r) => r.resultType === "ErrorOutput") as SyncErrorOutput[];

  const names = new Set<string>([
    ...dbResults.map((d) => d.databaseName ?? "(unnamed)"),
    ...tableResults.map((t) => t.databaseName ?? "(unnamed)"),
  ]);
  const databases: DatabaseProgress[] = [...names].map((name) => {
    const db = dbResults.find((d) => (d.databaseName ?? "(unnamed)") === name);
    const tables: TableProgress[] = tableResults
      .filter((t) => (t.databaseName ?? "(unnamed)") === name)
      .map((t) => {
        const failed = t.state === "ERROR" || t.state === "FAILED";
        return {
          database: name,
          table: t.tableName ?? "(unnamed)",
          state: t.state,
          rowsCopied: t.fullLoadTotalRows,
          percent: t.state === "COMPLETED" ? 100 : undefined,
          startedOn: t.fullLoadStartedOn,
          endedOn: t.fullLoadEndedOn,
          changesApplied: t.totalChangesApplied,
          cdc: { inserts: t.cdcInsertCounter ?? 0, updates: t.cdcUpdateCounter ?? 0, deletes: t.cdcDeleteCounter ?? 0 },
          dataErrors: t.dataErrorsCounter,
          errors: failed ? [`table ${t.tableName ?? "(unnamed)"} is in state ${t.state}`] : [],
        };
      });
    const incoming = db?.incomingChanges;
    const applied = db?.appliedChanges;
    return {
      database: name,
      state: db?.migrationState,
      startedOn: db?.startedOn,
      endedOn: db?.endedOn,
      rowsCopied: tables.reduce((n, t) => n + (t.rowsCopied ?? 0), 0),
      tables,
      incomingChanges: incoming,
      appliedChanges: applied,
      pendingChanges: incoming !== undefined && applied !== undefined ? Math.max(0, incoming - applied) : undefined,
      fullLoad: db
        ? {
            completed: db.fullLoadCompletedTables ?? 0,
            loading: db.fullLoadLoadingTables ?? 0,
            queued: db.fullLoadQueuedTables ?? 0,
            errored: db.fullLoadErroredTables ?? 0,
          }
        : undefined,
      initializationCompleted: db?.initializationCompleted,
      errors: [],
    };
  });

  // DatabaseLevelErrorOutput has no database name in the spec; attribute it when the service adds one, or
  // when there is only one database, otherwise report it at migration level.
  const migrationErrors = errorResults.map((e) => exceptionText(e.error)).filter((m): m is string => !!m);
  for (const e of dbErrors) {
    const text = [e.errorMessage, ...(e.events ?? []).map((ev) => ev.eventText)].filter(Boolean).join(" ");
    if (!text) continue;
    const named = typeof e.databaseName === "string" ? databases.find((d) => d.database === e.databaseName) : undefined;
    const target = named ?? (databases.length === 1 ? databases[0] : undefined);
    if (target) target.errors.push(text);
    else migrationErrors.push(text);
  }
  return {
    mode: "online",
    startedOn: migration?.startedOn,
    endedOn: migration?.endedOn,
    databases,
    errors: migrationErrors,
  };
}

/** Summarizes a task's output by its task type; undefined for task types that have no migration output. */
export function summarizeTaskOutput(taskType: string, output: unknown): TaskOutputSummary | undefined {
  if (taskType === TASK_TYPE.migrateOffline) return summarizeOfflineOutput(output ?? []);
  if (taskType === TASK_TYPE.migrateOnline) return summarizeSyncOutput(output ?? []);
  return undefined;
}
