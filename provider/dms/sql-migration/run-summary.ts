/**
 * One run of a SqlDb migration in the words the resource reports: states, per-table copy progress and every
 * error the service gave, with empty strings dropped (`sqlDataCopyErrors` may hold `""`).
 */
import { qualifiedTableName } from "../table-names";
import type { DatabaseMigrationSqlDb } from "./shapes";

export interface SqlDbTableProgress {
  /** `schema.table`, as the service names it. */
  table: string;
  /** PreparingForCopy, Copying, CopyFinished, RebuildingIndexes, Succeeded, Failed, Canceled… */
  status: string;
  rowsRead: number;
  rowsCopied: number;
  /** KB per second, as the service computes it. */
  throughputKBps?: number;
  durationSeconds?: number;
  copyStart?: string;
}

export interface SqlDbRunSummary {
  provisioningState: string;
  /** Absent while the service still validates a new run. */
  migrationStatus?: string;
  /** The service's pipeline step: StartSqlDataCopy, MonitorMigration, WaitForRetry, Succeeded… */
  migrationState?: string;
  migrationOperationId?: string;
  startedOn?: string;
  endedOn?: string;
  tables: SqlDbTableProgress[];
  rowsCopied: number;
  errors: string[];
}

export function summarizeSqlDbRun(migration: DatabaseMigrationSqlDb): SqlDbRunSummary {
  const p = migration.properties;
  const details = p.migrationStatusDetails ?? undefined;
  const tables: SqlDbTableProgress[] = (details?.listOfCopyProgressDetails ?? []).map((t) => ({
    table: qualifiedTableName(t.tableName ?? "?"),
    status: t.status ?? "Unknown",
    rowsRead: t.rowsRead ?? 0,
    rowsCopied: t.rowsCopied ?? 0,
    ...(t.copyThroughput !== undefined ? { throughputKBps: t.copyThroughput } : {}),
    ...(t.copyDuration !== undefined ? { durationSeconds: t.copyDuration } : {}),
    ...(t.copyStart ? { copyStart: t.copyStart } : {}),
  }));
  const errors: string[] = [];
  const failure = p.migrationFailureError;
  if (failure && (failure.code || failure.message))
    errors.push([failure.code, failure.message].filter(Boolean).join(": "));
  if (p.provisioningError) errors.push(p.provisioningError);
  for (const message of details?.sqlDataCopyErrors ?? []) if (message.trim()) errors.push(message.trim());
  for (const table of tables) {
    if (table.status === "Failed" && !errors.some((e) => e.includes(table.table)))
      errors.push(`table ${table.table} failed`);
  }
  return {
    provisioningState: p.provisioningState ?? "Unknown",
    ...(p.migrationStatus ? { migrationStatus: p.migrationStatus } : {}),
    ...(details?.migrationState ? { migrationState: details.migrationState } : {}),
    ...(p.migrationOperationId ? { migrationOperationId: p.migrationOperationId } : {}),
    ...(p.startedOn ? { startedOn: p.startedOn } : {}),
    ...(p.endedOn ? { endedOn: p.endedOn } : {}),
    tables,
    rowsCopied: tables.reduce((sum, t) => sum + t.rowsCopied, 0),
    errors: [...new Set(errors)],
  };
}
