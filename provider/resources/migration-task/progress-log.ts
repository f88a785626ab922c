/**
 * What a progress line of a migration task says: per table (rows, percent, state) while there are few tables,
 * one line per database when there are many. ThrottledProgress decides when it is said.
 */
import type { DatabaseProgress, TableProgress } from "../../dms";
import type { TaskReading } from "./phase";

/** Above this many tables a report aggregates per database instead of listing every table. */
export const PER_TABLE_LIMIT = 20;

function tableLine(t: TableProgress): string {
  const rows = t.rowsCopied ?? 0;
  const total = t.totalRows !== undefined ? `/${t.totalRows}` : "";
  const percent = t.percent !== undefined ? ` (${t.percent}%)` : "";
  const changes = t.changesApplied !== undefined ? `, ${t.changesApplied} changes applied` : "";
  return `  ${t.database}.${t.table}: ${t.state ?? "?"}, ${rows}${total} rows${percent}${changes}`;
}

function databaseLine(db: DatabaseProgress): string {
  const total = db.totalRows !== undefined ? `/${db.totalRows}` : "";
  const percent = db.percent !== undefined ? ` (${db.percent}%)` : "";
  const pending = db.pendingChanges !== undefined ? `, ${db.pendingChanges} changes pending` : "";
  const done = db.tables.filter((t) => /^(Completed|COMPLETED)$/.test(t.state ?? "")).length;
  return `  ${db.database}: ${db.state ?? "?"}, ${db.rowsCopied}${total} rows${percent}, ${done}/${db.tables.length} tables loaded${pending}`;
}

export function describeProgress(taskName: string, reading: TaskReading): string {
  const databases = reading.summary?.databases ?? [];
  const tableCount = databases.reduce((n, db) => n + db.tables.length, 0);
  const lines = [`migration task ${taskName}: ${reading.state} (${reading.phase})`];
  for (const db of databases) {
    lines.push(databaseLine(db));
    if (tableCount <= PER_TABLE_LIMIT) lines.push(...db.tables.map(tableLine));
  }
  return lines.join("\n");
}

/** The states in a report (not the counters), so a state change is reported at once. */
export function progressStates(reading: TaskReading): string {
  const databases = (reading.summary?.databases ?? []).map(
    (db) => `${db.state}:${db.tables.map((t) => t.state).join(",")}`,
  );
  return `${reading.state}|${reading.phase}|${databases.join(";")}`;
}
