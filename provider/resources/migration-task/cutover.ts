/**
 * Cutover of an online migration: the readiness gate, then the complete command per database. When the gate
 * does not pass nothing is sent, and the error explains per database and table what is not ready.
 */
import { ArmClient } from "../../arm";
import { buildCompleteSyncCommandBody, readinessForCutover, summariseSyncOutput, type ProjectTask } from "../../dms";
import { DMS_API_VERSION, taskPath, type TaskAddress } from "../dms-paths";
import { logInfo } from "../log";
import type { MigrationTaskInputs } from "./inputs";
import { taskFacts } from "./task-facts";

export class CutoverNotReadyError extends Error {
  constructor(readonly reasons: string[]) {
    super(`cutover refused, the migration is not ready (no command was sent):\n  - ${reasons.join("\n  - ")}`);
  }
}

/** Sends the complete command for every database not yet completing; throws CutoverNotReadyError when not ready. */
export async function completeMigration(
  arm: ArmClient,
  address: TaskAddress,
  task: ProjectTask,
  inputs: MigrationTaskInputs,
): Promise<void> {
  // Databases already completing (an earlier update sent their command) are not gated or commanded again.
  const completing = new Set(
    summariseSyncOutput(taskFacts(task).output)
      .databases.filter((db) => db.state === "COMPLETING" || db.state === "COMPLETE")
      .map((db) => db.database.toLowerCase()),
  );
  const databases = inputs.databases.map((d) => d.sourceName).filter((name) => !completing.has(name.toLowerCase()));
  if (!databases.length) return;
  const gate = readinessForCutover(taskFacts(task).output, { maxPendingChanges: inputs.maxPendingChanges, databases });
  if (!gate.ready) throw new CutoverNotReadyError(gate.reasons.map((r) => r.message));
  for (const database of databases) {
    logInfo(`cutover: completing database ${database} of migration task ${address.taskName}`);
    await arm.post(`${taskPath(address)}/command`, DMS_API_VERSION, buildCompleteSyncCommandBody(database));
  }
}
