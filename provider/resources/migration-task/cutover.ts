/**
 * Cutover of an online migration: the readiness gate, then the complete command per database. When the gate
 * does not pass nothing is sent, and the error explains per database and table what is not ready.
 */
import { ArmClient } from "../../arm";
import { buildCompleteSyncCommandBody, readinessForCutover, summarizeSyncOutput, type ProjectTask } from "../../dms";
import { DMS_API_VERSION, taskPath, type TaskAddress } from "../dms-paths";
import { logInfo, logWarn } from "../log";
import type { ValidationSummary } from "../validation-step";
import { validateDatabases, validationReasons } from "./validation";
import type { MigrationTaskInputs } from "./inputs";
import { taskFacts } from "./task-facts";

/** One entry of the cutover timeline the report shows: a gate check with its values, or a command sent. */
export interface CutoverEvent {
  at: string;
  check: string;
  passed: boolean;
  values: Record<string, unknown>;
}

export class CutoverNotReadyError extends Error {
  constructor(readonly reasons: string[]) {
    super(`cutover refused, the migration is not ready (no command was sent):\n  - ${reasons.join("\n  - ")}`);
  }
}

/**
 * Sends the complete command for every database not yet completing, once the readiness gate passes and
 * validation is clean (or its mismatch is allowed); throws CutoverNotReadyError when not. Answers the
 * validations it ran, to be recorded.
 */
export async function completeMigration(
  arm: ArmClient,
  address: TaskAddress,
  task: ProjectTask,
  inputs: MigrationTaskInputs,
  /** Gate checks and commands are appended here (also when the cutover is refused). */
  timeline: CutoverEvent[] = [],
): Promise<ValidationSummary[]> {
  const record = (check: string, passed: boolean, values: Record<string, unknown>) =>
    timeline.push({ at: new Date().toISOString(), check, passed, values });
  // Databases already completing (an earlier update sent their command) are not gated or commanded again.
  const completing = new Set(
    summarizeSyncOutput(taskFacts(task).output)
      .databases.filter((db) => db.state === "COMPLETING" || db.state === "COMPLETE")
      .map((db) => db.database.toLowerCase()),
  );
  const databases = inputs.databases.map((d) => d.sourceName).filter((name) => !completing.has(name.toLowerCase()));
  if (!databases.length) return [];
  const gate = readinessForCutover(taskFacts(task).output, { maxPendingChanges: inputs.maxPendingChanges, databases });
  record("readiness gate", gate.ready, {
    databases,
    maxPendingChanges: inputs.maxPendingChanges,
    reasons: gate.reasons.map((r) => r.message),
  });
  if (!gate.ready) throw new CutoverNotReadyError(gate.reasons.map((r) => r.message));
  // The guide's last check before cutover: every change of the source is on the target.
  const validations = inputs.validation.depth === "none" ? [] : await validateDatabases(inputs, databases);
  const differences = validationReasons(validations, databases);
  if (validations.length) {
    record("validation", differences.length === 0, {
      tables: validations.reduce((n, v) => n + v.tables, 0),
      differing: differences,
      allowed: inputs.allowValidationMismatch && differences.length > 0,
    });
  }
  if (differences.length && !inputs.allowValidationMismatch) {
    throw new CutoverNotReadyError([
      ...differences,
      "validation is not clean; fix the data (or set allowValidationMismatch: true to cut over anyway)",
    ]);
  }
  if (differences.length)
    logWarn(`cutover despite validation differences (allowValidationMismatch): ${differences.join("; ")}`);
  for (const database of databases) {
    logInfo(`cutover: completing database ${database} of migration task ${address.taskName}`);
    await arm.post(`${taskPath(address)}/command`, DMS_API_VERSION, buildCompleteSyncCommandBody(database));
    record("complete command sent", true, { database });
  }
  return validations;
}
