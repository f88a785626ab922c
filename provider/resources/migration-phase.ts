/**
 * The lifecycle's words for where a data move is (docs/lifecycle.md), shared by every data engine so the
 * component's outputs, the gate and the report read the same whatever moves the data. Each engine maps its own
 * states onto these phases.
 */
export type MigrationPhase = "queued" | "running" | "readyForCutover" | "completing" | "completed" | "failed" | "canceled";

/** How far one `up` follows a migration. */
export const WAIT_GOALS = ["started", "completed", "readyForCutover"] as const;
export type WaitGoal = (typeof WAIT_GOALS)[number];

/** Phases that need the user (a `retry`) before anything moves again. */
export const FAILED_PHASES: readonly MigrationPhase[] = ["failed", "canceled"];

export function isFailedPhase(phase: MigrationPhase): boolean {
  return FAILED_PHASES.includes(phase);
}

/** Whether the phase satisfies the update's goal, so following can stop. */
export function goalReached(phase: MigrationPhase, goal: WaitGoal): boolean {
  switch (goal) {
    case "started":
      return !isFailedPhase(phase) && phase !== "queued";
    case "readyForCutover":
      return phase === "readyForCutover" || phase === "completing" || phase === "completed";
    case "completed":
      return phase === "completed";
  }
}

/** Phases after which following cannot help: the migration will not move on by itself. */
export function isFinalPhase(phase: MigrationPhase): boolean {
  return isFailedPhase(phase) || phase === "completed";
}
