/**
 * One run of a SqlDb database migration (one PUT = one run = one migrationOperationId) and the pure step
 * functions the engine applies per tick. Knows nothing of HTTP, the store or the clock: times come in as
 * arguments, and turning a run into the resource body is sqldb-view.ts' job.
 *
 * Per table (tables with rows only; DMS never lists 0-row tables):
 *   PreparingForCopy → Copying (rowsPerTick per tick) → CopyFinished (while others still copy)
 *   → RebuildingIndexes (once every table has copied) → Succeeded;   Failed at a planted failure point.
 * Per run: StartSqlDataCopy (no tables listed yet) → MonitorMigration → Succeeded, or WaitForRetry
 * (Retriable) / Failed once the other tables are done.
 */
import type { ConnectionAttempt } from "../source-catalog";
import { SQL_DATA_COPY_FAILED } from "./errors";

export type TableCopyStatus =
  "PreparingForCopy" | "Copying" | "CopyFinished" | "RebuildingIndexes" | "Succeeded" | "Failed" | "Canceled";

export interface TableFailure {
  atRows: number;
  message: string;
  /** Retriable: the run waits for retry (WaitForRetry); otherwise the run fails. */
  retriable: boolean;
}

export interface TableCopy {
  /** `schema.table`, without brackets. */
  tableName: string;
  totalRows: number;
  rowsCopied: number;
  status: TableCopyStatus;
  copyStart?: number;
  copyEnd?: number;
  failure?: TableFailure;
}

/** What a PUT asked for. Connections (with passwords) live only here, in memory, never in the store. */
export interface SqlDbRunInput {
  targetServerName: string;
  targetDbName: string;
  scope: string;
  migrationService: string;
  sourceDatabaseName: string;
  sourceConnection: ConnectionAttempt;
  targetConnection: ConnectionAttempt;
  /** As sent (echoed on GET), and as `schema.table` names to copy. */
  tableList?: string[];
  tables?: string[];
  targetDatabaseCollation?: string;
  sqlServerInstanceId?: string;
}

/** Creating, InProgress, Canceling, Retriable: a run that holds the migration (no second PUT, no delete). */
export type RunPhase =
  "Creating" | "InProgress" | "Canceling" | "Retriable" | "Succeeded" | "Failed" | "Canceled" | "Dropping";

export interface SqlDbRun {
  input: SqlDbRunInput;
  migrationOperationId?: string;
  provisioningState: string;
  migrationStatus?: string;
  migrationState?: string;
  provisioningError?: string;
  migrationFailureError?: { code: string; message: string };
  startedOn?: number;
  endedOn?: number;
  tables: TableCopy[];
  sqlDataCopyErrors: string[];
}

const ACTIVE_STATUSES: readonly string[] = ["InProgress", "Canceling", "Retriable"];

/** Whether the run holds its migration: being validated, copying, canceling or waiting for retry. */
export function isActive(run: SqlDbRun): boolean {
  if (run.provisioningState === "Creating") return true;
  return run.migrationStatus !== undefined && ACTIVE_STATUSES.includes(run.migrationStatus);
}

export function newRun(input: SqlDbRunInput): SqlDbRun {
  return { input, provisioningState: "Creating", tables: [], sqlDataCopyErrors: [] };
}

/** Validation passed: the copy starts (StartSqlDataCopy lists no tables yet, as recorded). */
export function startCopy(run: SqlDbRun, operationId: string, tables: TableCopy[], now: number): void {
  run.migrationOperationId = operationId;
  run.provisioningState = "Succeeded";
  run.migrationStatus = "InProgress";
  run.migrationState = "StartSqlDataCopy";
  run.startedOn = now;
  run.tables = tables;
}

export function failValidation(run: SqlDbRun, message: string): void {
  run.provisioningState = "Failed";
  run.provisioningError = message;
}

const copying = (t: TableCopy) => t.status === "PreparingForCopy" || t.status === "Copying";

/** One tick of an InProgress run. */
export function stepCopy(run: SqlDbRun, rowsPerTick: number, now: number): void {
  if (run.migrationState === "StartSqlDataCopy") {
    run.migrationState = "MonitorMigration";
    return;
  }
  for (const t of run.tables) if (t.status === "RebuildingIndexes") t.status = "Succeeded";
  for (const t of run.tables) {
    if (t.status === "PreparingForCopy") {
      t.status = "Copying";
      t.copyStart = now;
    } else if (t.status !== "Copying") continue;
    const limit = t.failure ? Math.min(t.failure.atRows, t.totalRows) : t.totalRows;
    t.rowsCopied = Math.min(limit, t.rowsCopied + rowsPerTick);
    if (t.failure && t.rowsCopied >= t.failure.atRows) {
      t.status = "Failed";
      t.copyEnd = now;
      run.sqlDataCopyErrors.push(`${t.tableName}: ${t.failure.message}`);
    } else if (t.rowsCopied >= t.totalRows) {
      t.status = "CopyFinished";
      t.copyEnd = now;
    }
  }
  // Indexes are rebuilt once no table copies any more (a table done early waits as CopyFinished).
  if (!run.tables.some(copying))
    for (const t of run.tables) if (t.status === "CopyFinished") t.status = "RebuildingIndexes";
  if (run.tables.every((t) => t.status === "Succeeded" || t.status === "Failed")) finish(run, now);
}

function finish(run: SqlDbRun, now: number): void {
  const failed = run.tables.filter((t) => t.status === "Failed");
  if (failed.length === 0) {
    run.migrationStatus = "Succeeded";
    run.migrationState = "Succeeded";
    run.endedOn = now;
  } else if (failed.every((t) => t.failure?.retriable !== false)) {
    run.migrationStatus = "Retriable";
    run.migrationState = "WaitForRetry";
  } else {
    run.migrationStatus = "Failed";
    run.migrationState = "Failed";
    run.migrationFailureError = { code: SQL_DATA_COPY_FAILED, message: run.sqlDataCopyErrors.join("; ") };
    run.endedOn = now;
  }
}

/** Retry of a Retriable run: the failed tables copy again from 0; succeeded ones stay. */
export function retryFailedTables(run: SqlDbRun, plantFailure: (tableName: string) => TableFailure | undefined): void {
  for (const t of run.tables) {
    if (t.status !== "Failed") continue;
    t.status = "PreparingForCopy";
    t.rowsCopied = 0;
    delete t.copyStart;
    delete t.copyEnd;
    const failure = plantFailure(t.tableName);
    if (failure) t.failure = failure;
    else delete t.failure;
  }
  run.sqlDataCopyErrors = [];
  run.migrationStatus = "InProgress";
  run.migrationState = "MonitorMigration";
}

export function beginCancel(run: SqlDbRun): void {
  run.provisioningState = "Canceling";
  run.migrationStatus = "Canceling";
}

/** Cancel done: what was still on its way is Canceled; finished and failed tables stay as they are. */
export function finishCancel(run: SqlDbRun, now: number): void {
  for (const t of run.tables) {
    if (t.status === "Succeeded" || t.status === "Failed") continue;
    t.status = "Canceled";
    t.copyEnd ??= now;
  }
  run.provisioningState = "Succeeded";
  run.migrationStatus = "Canceled";
  run.migrationState = "Canceled";
  run.endedOn = now;
}
