/**
 * Reading a databaseMigration run and saying where it is in the lifecycle's words. Only the live resource
 * decides the phase — never what an earlier update believed.
 */
import { ArmClient } from "../../arm";
import {
  databaseMigrationPath,
  databaseMigrationSchema,
  parseDms,
  SQL_MIGRATION_API_VERSION,
  summarizeSqlDbRun,
  type DatabaseMigrationAddress,
  type DatabaseMigrationSqlDb,
  type SqlDbRunSummary,
} from "../../dms";
import type { MigrationPhase } from "../migration-phase";

/** One reading of the live run: where it is now (not a saved schema snapshot). */
export interface RunReading {
  phase: MigrationPhase;
  summary: SqlDbRunSummary;
}

/**
 * GET with the per-table details. With an operation id it reads that run (a plain GET answers the latest run,
 * which may be someone else's); without one, the latest.
 */
export async function fetchMigration(
  arm: ArmClient,
  address: DatabaseMigrationAddress,
  migrationOperationId?: string,
): Promise<DatabaseMigrationSqlDb | undefined> {
  const query: Record<string, string> = { $expand: "MigrationStatusDetails" };
  if (migrationOperationId) query.migrationOperationId = migrationOperationId;
  const body = await arm.find(databaseMigrationPath(address), SQL_MIGRATION_API_VERSION, query);
  return body === undefined ? undefined : parseDms(databaseMigrationSchema, body, "DatabaseMigrationSqlDb");
}

/**
 * provisioningState covers the service's validation of a new run (Creating → Succeeded, or Failed with no
 * operation id); migrationStatus covers the copy. Retriable is a paused failure (the service waits up to 8 h
 * for a retry), so it is `failed` here and `retry` resumes it.
 */
export function phaseOf(summary: SqlDbRunSummary): MigrationPhase {
  const status = summary.migrationStatus ?? "";
  if (/^Failed$/i.test(summary.provisioningState) || /^(Failed|Retriable)$/i.test(status)) return "failed";
  if (
    /^(Canceled|Cancelled|Canceling|Dropping)$/i.test(status) ||
    /^(Canceling|Dropping)$/i.test(summary.provisioningState)
  )
    return "canceled";
  if (/^Succeeded$/i.test(status)) return "completed";
  if (/^InProgress$/i.test(status)) return "running";
  return "queued";
}

export function readingOf(migration: DatabaseMigrationSqlDb): RunReading {
  const summary = summarizeSqlDbRun(migration);
  return { phase: phaseOf(summary), summary };
}

/** A run the service is still working on (validating, copying, paused for retry, canceling). */
export function isActive(summary: SqlDbRunSummary): boolean {
  if (/^(Creating|Provisioning|Updating)$/i.test(summary.provisioningState) && !summary.migrationStatus) return true;
  return /^(Creating|InProgress|Canceling|Retriable)$/i.test(summary.migrationStatus ?? "");
}
