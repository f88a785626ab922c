/**
 * The lifecycle's words for where a data move is (docs/lifecycle.md), shared by every data engine so the
 * component's outputs, the gate and the report read the same whatever moves the data. Each engine maps its own
 * states onto these phases.
 */
export type MigrationPhase =
  | "queued"
  /** Replication: distributor, publication, articles or subscription still being set up. */
  | "configuring"
  /** Replication: the initial snapshot is being produced and delivered. */
  | "initializing"
  | "running"
  /** Replication: every article initialized; changes flow, the readiness gate not (yet) passed. */
  | "syncing"
  | "readyForCutover"
  | "completing"
  /** Replication: the cutover steps are under way (stop writes, drain, validate, tear down, fix the target). */
  | "cuttingOver"
  | "completed"
  /** Completed, and validation found source and target equal. */
  | "validated"
  /** Completed, but validation found differences (or could not read a table): fix, then revalidate. */
  | "validationFailed"
  | "failed"
  | "canceled";

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
      return !isFailedPhase(phase) && phase !== "queued" && phase !== "configuring";
    case "readyForCutover":
      return phase === "readyForCutover" || phase === "completing" || phase === "cuttingOver" || isDataMoved(phase);
    case "completed":
      return phase === "completed" || phase === "validated";
  }
}

/** Phases after which following cannot help: the migration will not move on by itself. */
export function isFinalPhase(phase: MigrationPhase): boolean {
  return isFailedPhase(phase) || isDataMoved(phase);
}

/** The data move is over (whatever validation said of it). */
export function isDataMoved(phase: MigrationPhase): boolean {
  return phase === "completed" || phase === "validated" || phase === "validationFailed";
}

/** The migration's phase from each database's: any failure wins, then the least advanced. */
export function combinedPhase(phases: readonly string[]): string {
  for (const phase of [
    "failed",
    "canceled",
    "validationFailed",
    "queued",
    "configuring",
    "initializing",
    "running",
    "syncing",
    "readyForCutover",
    "completing",
    "cuttingOver",
    "completed",
  ]) {
    if (phases.includes(phase)) return phase;
  }
  return phases.length && phases.every((p) => p === "validated") ? "validated" : "queued";
}
