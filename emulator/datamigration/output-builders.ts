/**
 * Turns a MigrationProgress into the task `output` arrays the REST spec defines: MigrateSqlServerSqlDbTaskOutput
 * (offline) and MigrateSqlServerSqlDbSyncTaskOutput (online). The maps the spec declares as strings
 * (`databases`, `databaseSummary`, `objectSummary`) are sent as JSON text, as the service does.
 */
import type { DatabaseProgress, MigrationProgress, TableProgress } from "./migration-progress";
import { pendingChanges } from "./migration-progress";

export interface ServerVersions {
  sourceServer: string;
  sourceServerVersion: string;
  sourceServerBrandVersion: string;
  targetServer: string;
  targetServerVersion: string;
  targetServerBrandVersion: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** ErrorOutput: how both task outputs carry a migration-level error (a connection or validation failure). */
export function errorOutput(message: string): unknown {
  return { id: "error", resultType: "ErrorOutput", error: { message } };
}

// --- offline -------------------------------------------------------------------------------------------

const OFFLINE_TABLE_STATE: Record<TableProgress["stage"], string> = {
  Queued: "None",
  Loading: "InProgress",
  Loaded: "Completed",
  Failed: "Failed",
  Canceled: "Stopped",
};

function offlineDatabaseState(db: DatabaseProgress): string {
  switch (db.stage) {
    case "Queued":
      return "None";
    case "Completed":
      return db.tables.some((t) => t.stage === "Failed") ? "Failed" : "Completed";
    case "Failed":
      return "Failed";
    case "Canceled":
      return "Stopped";
    default:
      return "InProgress";
  }
}

function offlineMigrationStatus(progress: MigrationProgress, taskState: string): string {
  if (taskState === "Canceled") return "Stopped";
  if (taskState === "Failed" || taskState === "FailedInputValidation" || taskState === "Faulted") return "Error";
  if (taskState === "Succeeded") return "Completed";
  return progress.startedAt === undefined ? "Configured" : "Running";
}

// Longer than ~80 lines on purpose: builds the task output in the order DMS writes it (migration level, then each
// database and its tables) — one list, read top to bottom.
export function offlineOutput(progress: MigrationProgress, taskState: string, versions: ServerVersions): unknown[] {
  const out: unknown[] = [];
  const summary = Object.fromEntries(
    progress.databases.map((db) => {
      const rows = db.tables.reduce((n, t) => n + t.totalRows, 0);
      const copied = db.tables.reduce((n, t) => n + t.copiedRows, 0);
      return [
        db.sourceName,
        compact({
          name: db.sourceName,
          startedOn: iso(db.startedAt),
          endedOn: iso(db.endedAt),
          state: offlineDatabaseState(db),
          itemsCount: rows,
          itemsCompletedCount: copied,
          resultPrefix: `${db.id}/tables/`,
          errorPrefix: `${db.id}/errors/`,
        }),
      ];
    }),
  );
  out.push(
    compact({
      id: "migration",
      resultType: "MigrationLevelOutput",
      startedOn: iso(progress.startedAt),
      endedOn: iso(progress.endedAt),
      durationInSeconds:
        progress.startedAt === undefined
          ? undefined
          : Math.floor(((progress.endedAt ?? progress.startedAt) - progress.startedAt) / 1000),
      status: offlineMigrationStatus(progress, taskState),
      databases: JSON.stringify(Object.fromEntries(progress.databases.map((d) => [d.sourceName, d.id]))),
      databaseSummary: JSON.stringify(summary),
      sourceServerVersion: versions.sourceServerVersion,
      sourceServerBrandVersion: versions.sourceServerBrandVersion,
      targetServerVersion: versions.targetServerVersion,
      targetServerBrandVersion: versions.targetServerBrandVersion,
    }),
  );
  for (const db of progress.databases) {
    const done = db.tables.filter((t) => t.stage === "Loaded").length;
    out.push(
      compact({
        id: db.id,
        resultType: "DatabaseLevelOutput",
        databaseName: db.sourceName,
        startedOn: iso(db.startedAt),
        endedOn: iso(db.endedAt),
        state: offlineDatabaseState(db),
        stage: db.stage === "Completed" ? "Completed" : db.stage === "Queued" ? "None" : "Initialize",
        message: db.errors.length ? db.errors.join(" ") : undefined,
        statusMessage: db.errors.length ? db.errors[0] : undefined,
        numberOfObjects: db.tables.length,
        numberOfObjectsCompleted: done,
        errorCount: db.tables.filter((t) => t.stage === "Failed").length,
        resultPrefix: `${db.id}/tables/`,
        errorPrefix: `${db.id}/errors/`,
        objectSummary: JSON.stringify({
          Table: compact({
            name: "Table",
            state: offlineDatabaseState(db),
            itemsCount: db.tables.length,
            itemsCompletedCount: done,
          }),
        }),
      }),
    );
    db.tables.forEach((t, i) =>
      out.push(
        compact({
          id: `${db.id}/tables/${i + 1}`,
          resultType: "TableLevelOutput",
          objectName: t.name,
          startedOn: iso(t.startedAt),
          endedOn: iso(t.endedAt),
          state: OFFLINE_TABLE_STATE[t.stage],
          statusMessage: t.stage === "Failed" ? t.failure?.message : undefined,
          itemsCount: t.totalRows,
          itemsCompletedCount: t.copiedRows,
          resultPrefix: `${db.id}/tables/${i + 1}/`,
          errorPrefix: `${db.id}/errors/${i + 1}/`,
        }),
      ),
    );
  }
  if (progress.error) out.push(errorOutput(progress.error));
  return out;
}

// --- online --------------------------------------------------------------------------------------------

const SYNC_TABLE_STATE: Record<TableProgress["stage"], string> = {
  Queued: "BEFORE_LOAD",
  Loading: "FULL_LOAD",
  Loaded: "COMPLETED",
  Failed: "ERROR",
  Canceled: "CANCELED",
};

function syncDatabaseState(db: DatabaseProgress): string {
  switch (db.stage) {
    case "Queued":
      return "CONFIGURING";
    case "FullLoad":
      return "RUNNING";
    // READY_TO_COMPLETE only once every table is fully loaded; an errored table keeps it RUNNING.
    case "Syncing":
      return db.tables.every((t) => t.stage === "Loaded") ? "READY_TO_COMPLETE" : "RUNNING";
    case "Completing":
      return "COMPLETING";
    case "Completed":
      return "COMPLETE";
    case "Canceled":
      return "CANCELLED";
    case "Failed":
      return "FAILED";
  }
}

export function syncOutput(progress: MigrationProgress, versions: ServerVersions): unknown[] {
  const out: unknown[] = [
    compact({
      id: "migration",
      resultType: "MigrationLevelOutput",
      startedOn: iso(progress.startedAt),
      endedOn: iso(progress.endedAt),
      sourceServer: versions.sourceServer,
      sourceServerVersion: versions.sourceServerVersion,
      targetServer: versions.targetServer,
      targetServerVersion: versions.targetServerVersion,
      databaseCount: progress.databases.length,
    }),
  ];
  for (const db of progress.databases) {
    const count = (stage: TableProgress["stage"]) => db.tables.filter((t) => t.stage === stage).length;
    const cdc = db.tables.reduce(
      (c, t) => ({
        inserts: c.inserts + t.applied.inserts,
        updates: c.updates + t.applied.updates,
        deletes: c.deletes + t.applied.deletes,
      }),
      { inserts: 0, updates: 0, deletes: 0 },
    );
    out.push(
      compact({
        id: db.id,
        resultType: "DatabaseLevelOutput",
        databaseName: db.sourceName,
        startedOn: iso(db.startedAt),
        endedOn: iso(db.endedAt),
        migrationState: syncDatabaseState(db),
        incomingChanges: db.incoming,
        appliedChanges: db.appliedTotal,
        cdcInsertCounter: cdc.inserts,
        cdcUpdateCounter: cdc.updates,
        cdcDeleteCounter: cdc.deletes,
        fullLoadCompletedTables: count("Loaded"),
        fullLoadLoadingTables: count("Loading"),
        fullLoadQueuedTables: count("Queued"),
        fullLoadErroredTables: count("Failed"),
        initializationCompleted: db.tables.every((t) => t.stage === "Loaded"),
        latency: pendingChanges(db) > 0 ? 1 : 0,
      }),
    );
    db.tables.forEach((t, i) =>
      out.push(
        compact({
          id: `${db.id}/tables/${i + 1}`,
          resultType: "TableLevelOutput",
          databaseName: db.sourceName,
          tableName: t.name,
          state: SYNC_TABLE_STATE[t.stage],
          fullLoadStartedOn: iso(t.startedAt),
          fullLoadEndedOn: t.stage === "Loaded" ? iso(t.endedAt) : undefined,
          fullLoadTotalRows: t.copiedRows,
          cdcInsertCounter: t.applied.inserts,
          cdcUpdateCounter: t.applied.updates,
          cdcDeleteCounter: t.applied.deletes,
          totalChangesApplied: t.applied.inserts + t.applied.updates + t.applied.deletes,
          dataErrorsCounter: 0,
          lastModifiedTime: iso(t.endedAt ?? t.startedAt),
        }),
      ),
    );
    // The spec gives DatabaseLevelErrorOutput no database name; the emulator adds one (readers ignore extras).
    for (const message of db.errors) {
      out.push({
        id: `${db.id}/errors`,
        resultType: "DatabaseLevelErrorOutput",
        databaseName: db.sourceName,
        errorMessage: message,
        events: [],
      });
    }
  }
  if (progress.error) out.push(errorOutput(progress.error));
  return out;
}
