/**
 * A SqlDb run as DatabaseMigrationSqlDb answers it (GET, PUT, cancel, retry, listMigrations), after the
 * recorded 2025-06-30 responses:
 *   - connections never appear (not even userName/dataSource); `sourceServerName` is the source dataSource;
 *   - `offlineConfiguration: { offline: true }`, `backupConfiguration.sourceLocation.fileStorageType: "None"`
 *     and the undocumented `sqlDataMigrationConfiguration` / `sqlSchemaMigrationConfiguration` blocks are
 *     always there, as real responses have them;
 *   - `migrationStatusDetails` only when asked for ($expand=MigrationStatusDetails), tables as `schema.table`.
 */
import type { SqlDbRun, TableCopy } from "./sqldb-run";

/** Bytes per row the simulated copy reports (the recording: 400 bytes for 20 rows). */
export const BYTES_PER_ROW = 20;

const iso = (ms: number) => new Date(ms).toISOString();

function copyProgress(t: TableCopy, now: number): Record<string, unknown> {
  const bytes = t.rowsCopied * BYTES_PER_ROW;
  const seconds = t.copyStart === undefined ? 0 : Math.round(((t.copyEnd ?? now) - t.copyStart) / 1000);
  return {
    tableName: t.tableName,
    status: t.status,
    parallelCopyType: "None",
    usedParallelCopies: 1,
    dataRead: bytes,
    dataWritten: bytes,
    rowsRead: t.rowsCopied,
    rowsCopied: t.rowsCopied,
    ...(t.copyStart !== undefined ? { copyStart: iso(t.copyStart) } : {}),
    copyThroughput: bytes / 1024 / Math.max(1, seconds),
    copyDuration: seconds,
  };
}

export function migrationStatusDetails(run: SqlDbRun, now: number): Record<string, unknown> | undefined {
  if (run.migrationState === undefined) return undefined;
  return {
    migrationState: run.migrationState,
    sqlDataCopyErrors: [...run.sqlDataCopyErrors],
    listOfCopyProgressDetails:
      run.migrationState === "StartSqlDataCopy" ? [] : run.tables.map((t) => copyProgress(t, now)),
  };
}

export function runProperties(run: SqlDbRun, options: { expand: boolean; now: number }): Record<string, unknown> {
  const input = run.input;
  const details = options.expand ? migrationStatusDetails(run, options.now) : undefined;
  return {
    kind: "SqlDb",
    scope: input.scope,
    migrationService: input.migrationService,
    sourceDatabaseName: input.sourceDatabaseName,
    sourceServerName: input.sourceConnection.dataSource,
    ...(input.tableList !== undefined ? { tableList: [...input.tableList] } : {}),
    ...(input.targetDatabaseCollation !== undefined ? { targetDatabaseCollation: input.targetDatabaseCollation } : {}),
    ...(input.sqlServerInstanceId !== undefined ? { sqlServerInstanceId: input.sqlServerInstanceId } : {}),
    provisioningState: run.provisioningState,
    ...(run.migrationStatus !== undefined ? { migrationStatus: run.migrationStatus } : {}),
    ...(run.migrationOperationId !== undefined ? { migrationOperationId: run.migrationOperationId } : {}),
    ...(run.provisioningError !== undefined ? { provisioningError: run.provisioningError } : {}),
    ...(run.migrationFailureError !== undefined ? { migrationFailureError: { ...run.migrationFailureError } } : {}),
    ...(run.startedOn !== undefined ? { startedOn: iso(run.startedOn) } : {}),
    ...(run.endedOn !== undefined ? { endedOn: iso(run.endedOn) } : {}),
    offlineConfiguration: { offline: true },
    backupConfiguration: { sourceLocation: { fileStorageType: "None" } },
    sqlDataMigrationConfiguration: { enableDataMigration: true },
    sqlSchemaMigrationConfiguration: { enableSchemaMigration: false },
    ...(details ? { migrationStatusDetails: details } : {}),
  };
}
