/**
 * What a progress line of a databaseMigration says: the run's states, then per table (status, rows,
 * throughput) while there are few tables, or a count of tables per status when there are many.
 */
import type { SqlDbTableProgress } from "../../dms";
import type { RunReading } from "./run";

/** Above this many tables a report counts tables per status instead of listing every table. */
export const PER_TABLE_LIMIT = 20;

function tableLine(t: SqlDbTableProgress): string {
  const throughput = t.throughputKBps !== undefined ? `, ${t.throughputKBps.toFixed(1)} KB/s` : "";
  return `  ${t.table}: ${t.status}, ${t.rowsCopied} rows copied${throughput}`;
}

function statusCounts(tables: SqlDbTableProgress[]): string {
  const counts = new Map<string, number>();
  for (const t of tables) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
}

export function describeRun(label: string, reading: RunReading): string {
  const s = reading.summary;
  const status = s.migrationStatus ?? s.provisioningState;
  const step = s.migrationState ? `, ${s.migrationState}` : "";
  const lines = [
    `database migration ${label}: ${status}${step} (${reading.phase}), ${s.rowsCopied} rows copied in ${s.tables.length} tables`,
  ];
  if (s.tables.length <= PER_TABLE_LIMIT) lines.push(...s.tables.map(tableLine));
  else lines.push(`  tables: ${statusCounts(s.tables)}`);
  return lines.join("\n");
}

/** The states in a report (not the counters), so a state change is reported at once. */
export function runStates(reading: RunReading): string {
  const s = reading.summary;
  return [
    s.provisioningState,
    s.migrationStatus,
    s.migrationState,
    reading.phase,
    ...s.tables.map((t) => t.status),
  ].join("|");
}
