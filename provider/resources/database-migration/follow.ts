/** Follows one run of a databaseMigration until it reaches the update's goal, ends, or the budget runs out. */
import { ArmClient, waitUntil } from "../../arm";
import type { DatabaseMigrationAddress, DatabaseMigrationSqlDb } from "../../dms";
import { goalReached, isFinalPhase, type WaitGoal } from "../migration-phase";
import { ThrottledProgress } from "../throttled-progress";
import { describeRun, runStates } from "./progress-log";
import { fetchMigration, readingOf, type RunReading } from "./run";

export interface FollowedRun {
  migration: DatabaseMigrationSqlDb;
  reading: RunReading;
  timedOut: boolean;
}

export async function followRun(
  arm: ArmClient,
  address: DatabaseMigrationAddress,
  migrationOperationId: string | undefined,
  goal: WaitGoal,
  budgetMs: number,
  progressIntervalMs: number,
): Promise<FollowedRun> {
  const label = `${address.targetDatabaseName}`;
  const progress = new ThrottledProgress(progressIntervalMs);
  const report = (reading: RunReading, force = false) =>
    progress.report(describeRun(label, reading), runStates(reading), force);
  let operationId = migrationOperationId;
  const waited = await waitUntil(
    async () => {
      const migration = await fetchMigration(arm, address, operationId);
      if (!migration)
        throw new Error(`the migration to ${address.targetDatabaseName} disappeared while it was being followed`);
      // A new run gets its id once the service has validated it; from then on, read that run only.
      operationId ??= migration.properties.migrationOperationId;
      return { migration, reading: readingOf(migration) };
    },
    ({ reading: reading }) => goalReached(reading.phase, goal) || isFinalPhase(reading.phase),
    {
      timeoutMs: budgetMs,
      intervalMs: arm.settings.pollIntervalMs,
      onProgress: ({ reading: reading }) => report(reading),
    },
  );
  report(waited.value.reading, true);
  return { ...waited.value, timedOut: waited.timedOut };
}
