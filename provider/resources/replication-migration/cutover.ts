/**
 * The cutover, once the readiness gate passed, as journaled steps (journal.ts):
 *   stopWrites        the user's T-SQL hook on the source database (optional);
 *   drain             a tracer token posted now arrives and nothing is pending;
 *   validate          the final comparison of source and target (a difference stops the cutover here, before
 *                     anything is dropped, unless allowValidationMismatch);
 *   dropSubscription → dropPublication → disablePublishing (when this resource enabled it) → removeDistributor
 *                     (when this resource created it and nothing else uses it);
 *   reseedIdentities, advanceSequences, enableConstraints, dropLeftovers   on the target.
 * Each step is recorded when it starts and when it ends, so an interrupted update resumes at the first step not
 * done; each also checks the live state first.
 */
import {
  advanceSequences,
  commonTables,
  disablePublishing,
  dropPublication,
  dropReplicationLeftovers,
  dropSubscription,
  enableConstraintsAndTriggers,
  findPublication,
  removeLocalDistributor,
  reseedIdentities,
  type ReplicationTopology,
  type TableName,
} from "../../replication";
import { withConnection, type SqlSession } from "../../sql/connection";
import { logInfo, logWarn } from "../log";
import { runValidationStep, type ValidationSummary } from "../validation-step";
import type { CreatedObjects } from "./configure";
import { sourceSpec, targetSpec, withSourceAndDistributor } from "./connections";
import { followReplication, type MeasuredLatency } from "./follow";
import type { ReplicationMigrationInputs } from "./inputs";
import { CUTOVER_STEPS, type CutoverJournal, type CutoverStep } from "./journal";

/** The cutover did not start, or stopped before anything was dropped: the next `up` tries again. */
export class CutoverRefusedError extends Error {
  constructor(
    readonly reasons: string[],
    readonly validation?: ValidationSummary,
  ) {
    super(`cutover refused, nothing was dropped:\n  - ${reasons.join("\n  - ")}`);
  }
}

/** A step could not finish within the update's budget (a drain still waiting): the next `up` resumes there. */
export class CutoverIncompleteError extends Error {}

export interface CutoverContext {
  inputs: ReplicationMigrationInputs;
  topology: ReplicationTopology;
  tables: TableName[];
  created: CreatedObjects;
  journal: CutoverJournal;
  label: string;
  deadline: number;
}

export interface CutoverOutcome {
  validation?: ValidationSummary;
  latency?: MeasuredLatency;
}

export function validationReasons(label: string, summary: ValidationSummary): string[] {
  const lines = summary.mismatches.map((m) => `database ${label}: table ${m.table}: ${m.detail}`);
  const more = summary.mismatched + summary.errors - summary.mismatches.length;
  if (more > 0)
    lines.push(`database ${label}: and ${more} more (see ${summary.resultFile ?? "the validation results"})`);
  return lines;
}

/** Runs the validation of the migration (the gate's and the final one). */
export async function validateMigration(inputs: ReplicationMigrationInputs): Promise<ValidationSummary> {
  return runValidationStep(
    inputs.targetDatabaseName,
    sourceSpec(inputs),
    targetSpec(inputs),
    inputs.validation,
    inputs.reportDirectory,
    inputs.progressLogIntervalSeconds * 1000,
  );
}

/** The target's fixes cover the tables both databases hold (known after the publication is gone, on any runner). */
function onBothSides<T>(
  inputs: ReplicationMigrationInputs,
  work: (target: SqlSession, source: SqlSession) => Promise<T>,
): Promise<T> {
  return withConnection(targetSpec(inputs), (target) =>
    withConnection(sourceSpec(inputs), (source) => work(target, source)),
  );
}

/** One short case per journaled cutover step, in the order they run, so the steps read side by side. */
async function step(context: CutoverContext, outcome: CutoverOutcome, name: CutoverStep): Promise<string> {
  const { inputs, topology, created } = context;
  switch (name) {
    case "stopWrites": {
      if (!inputs.stopWritesSql) return "no stop-writes hook given";
      await withConnection(sourceSpec(inputs), (session) => session.executeBatch(inputs.stopWritesSql!));
      return "ran the stop-writes hook on the source database";
    }
    case "drain":
      return drain(context, outcome);
    case "validate":
      return finalValidation(context, outcome);
    case "dropSubscription":
      return (await withConnection(sourceSpec(inputs), (s) => dropSubscription(s, topology)))
        ? `dropped the subscription of ${topology.subscriber}/${topology.subscriptionDatabase}`
        : "the subscription was already gone";
    case "dropPublication":
      return (await withConnection(sourceSpec(inputs), (s) => dropPublication(s, topology)))
        ? `dropped publication ${topology.publication}`
        : "the publication was already gone";
    case "disablePublishing": {
      if (!created.publishing)
        return `left publishing on ${topology.publicationDatabase} enabled: it was enabled before this migration`;
      const result = await withConnection(sourceSpec(inputs), (s) =>
        disablePublishing(s, topology.publicationDatabase),
      );
      return result.disabled
        ? `disabled publishing on ${topology.publicationDatabase}`
        : result.leftBecause
          ? `left publishing enabled: ${result.leftBecause}`
          : "publishing was already disabled";
    }
    case "removeDistributor": {
      if (inputs.distributor.mode !== "local") return "the distributor is remote: left in place";
      if (!created.distributor) return "left the distributor in place: it existed before this migration";
      if (!inputs.distributor.removeAfterCutover) return "left the distributor in place (removeAfterCutover: false)";
      const removal = await withConnection(sourceSpec(inputs), (s) =>
        removeLocalDistributor(s, topology.publisher, topology.publicationDatabase),
      );
      if (removal.leftBecause) logInfo(`cutover: left the distributor in place: ${removal.leftBecause}`);
      return removal.leftBecause
        ? `left the distributor in place: ${removal.leftBecause}`
        : removal.removed.length
          ? `removed ${removal.removed.join(", ")}`
          : "the distributor was already gone";
    }
    case "reseedIdentities": {
      const done = await onBothSides(inputs, async (t, s) => reseedIdentities(t, s, await commonTables(s, t)));
      return done.length
        ? `reseeded ${done.map((d) => `${d.table}.${d.column} to ${d.seed}`).join(", ")}`
        : "no identity needed reseeding";
    }
    case "advanceSequences": {
      const done = await onBothSides(inputs, (t, s) => advanceSequences(t, s));
      return done.length
        ? `restarted ${done.map((d) => `${d.sequence} at ${d.restartWith}`).join(", ")}`
        : "no sequence needed restarting";
    }
    case "enableConstraints": {
      const done = await onBothSides(inputs, async (t, s) =>
        enableConstraintsAndTriggers(t, s, await commonTables(s, t)),
      );
      return done.length ? `re-enabled and validated ${done.length} constraints/triggers` : "nothing was disabled";
    }
    case "dropLeftovers": {
      const dropped = await onBothSides(inputs, async (t, s) =>
        dropReplicationLeftovers(t, topology, await commonTables(s, t)),
      );
      return dropped.length ? `dropped ${dropped.join(", ")}` : "no replication leftovers on the target";
    }
  }
}

/** The drain: writes are stopped, so a tracer token must arrive and nothing stay pending within the budget. */
async function drain(context: CutoverContext, outcome: CutoverOutcome): Promise<string> {
  const followed = await followReplication(
    context.inputs,
    context.topology,
    context.tables.length,
    "drained",
    Math.max(0, context.deadline - Date.now()),
    context.label,
  );
  if (followed.reading.phase === "failed") throw new Error(`the drain stopped: ${followed.reading.failure}`);
  if (!followed.reached) {
    throw new CutoverIncompleteError(
      `the drain has not finished within the wait budget (${followed.reading.reasons.join("; ") || followed.reading.phase}); the next update continues the cutover from the drain`,
    );
  }
  if (followed.latency) outcome.latency = followed.latency;
  return `nothing pending; tracer token ${followed.latency?.tracerId} arrived (${followed.latency?.seconds} s)`;
}

/** The final validation: differences refuse the cutover (drain and validate run again next time) unless allowed. */
async function finalValidation(context: CutoverContext, outcome: CutoverOutcome): Promise<string> {
  const { inputs } = context;
  if (inputs.validation.depth === "none") return "validation is off (depth none)";
  const summary = await validateMigration(inputs);
  outcome.validation = summary;
  if (summary.verdict !== "validationFailed") return `${summary.matched} of ${summary.tables} tables match`;
  const reasons = validationReasons(context.label, summary);
  if (!inputs.allowValidationMismatch) {
    // Drain and validate run again next time; the stop-writes hook is not repeated.
    await context.journal.forget(["drain", "validate"]);
    throw new CutoverRefusedError(
      [
        ...reasons,
        "the final validation is not clean; fix the data (or set allowValidationMismatch: true to cut over anyway)",
      ],
      summary,
    );
  }
  logWarn(`cutover despite validation differences (allowValidationMismatch): ${reasons.join("; ")}`);
  return `${summary.mismatched + summary.errors} of ${summary.tables} tables differ (allowed)`;
}

/** Whether the source's replication is already being taken apart (the publication is gone). */
async function publicationGone(context: CutoverContext): Promise<boolean> {
  return withSourceAndDistributor(context.inputs, async (source) => !(await findPublication(source, context.topology)));
}

/** Runs every cutover step not yet done, in order. */
export async function runCutover(context: CutoverContext): Promise<CutoverOutcome> {
  const outcome: CutoverOutcome = {};
  for (const name of CUTOVER_STEPS) {
    if (context.journal.done(name)) continue;
    // Without the journal (another runner), a torn-down publication proves the steps before teardown were done.
    if ((name === "stopWrites" || name === "drain" || name === "validate") && (await publicationGone(context))) {
      await context.journal.finish(name, "done before (the publication was already dropped)");
      continue;
    }
    await context.journal.start(name);
    const detail = await step(context, outcome, name);
    await context.journal.finish(name, detail);
    logInfo(`cutover ${context.label}: ${name}: ${detail}`);
  }
  return outcome;
}
