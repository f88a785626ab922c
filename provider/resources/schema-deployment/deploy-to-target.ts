/**
 * The deployment half of an update: plan against the live target (or resume a recorded plan), run the
 * batches, stop at the first error, then read the target back and report anomalies.
 *
 * Resuming: a run that stopped records its plan (batch ids), the source fingerprint and the next batch index.
 * The next update, from the same source to the same target, rebuilds exactly those batches and continues at
 * that index — it does not plan again, because the target now holds part of the plan and a new plan would
 * renumber everything. When the source changed in between, the recorded plan is dropped and a new one is made
 * from the target as it is (which already holds what the earlier run created).
 */
import { findAnomalies, fingerprint, type DatabaseModel, type GeneratedScript } from "../../schema";
import { setTimeout as sleep } from "node:timers/promises";
import { deployBatches, extractCatalog, type DeploymentResult } from "../../sql";
import { DEFAULT_TRANSIENT_RETRIES } from "../../sql/transient";
import { logInfo, logWarn } from "../log";
import {
  expectedModel,
  planDeployment,
  resolvePlannedBatches,
  type HeldBackChange,
  type PlannedBatch,
} from "./deployment-plan";
import { filterModel } from "./filters";
import { describeConnection, targetIdentity, type SchemaDeploymentInputs } from "./inputs";
import { objectHashes } from "./object-hashes";
import type { ObjectAnomalies, SchemaDeploymentOutputs } from "./outputs";
import { batchProgressLogger } from "./progress-log";

export interface DeploymentRun {
  batches: PlannedBatch[];
  heldBack: HeldBackChange[];
  fromBatchIndex: number;
  result: DeploymentResult;
  /** statementsRun after this run. */
  statementsRun: Record<string, string>;
}

export interface Verification {
  fingerprint: string;
  /** Per-object hashes of the target read back: summarized in state, kept in the objects file. */
  targetHashes: Record<string, string>;
  anomalies: ObjectAnomalies;
}

const LISTED = 25;
/** First pause after an interrupted batch; doubled on each retry (as for every transient SQL error). */
const TRANSIENT_PAUSE_MS = 500;

function listed(ids: string[]): string {
  return ids.length > LISTED ? `${ids.slice(0, LISTED).join(", ")} and ${ids.length - LISTED} more` : ids.join(", ");
}

/** Reads the target's schema, narrowed by the same filters as the source (what else it holds is not ours). */
export async function readTargetSchema(inputs: SchemaDeploymentInputs): Promise<DatabaseModel> {
  const model = await extractCatalog(inputs.target, {
    onRetry: (error, attempt) =>
      logWarn(
        `reading ${describeConnection(inputs.target)}: retry ${attempt} after a transient error: ${error.message}`,
      ),
  });
  return filterModel(model, { include: inputs.include, exclude: inputs.exclude });
}

function recordedPlan(
  inputs: SchemaDeploymentInputs,
  script: GeneratedScript,
  sourceFingerprint: string,
  olds: SchemaDeploymentOutputs | undefined,
) {
  if (olds?.nextBatchIndex === undefined || olds.pendingBatchIds === undefined) return undefined;
  if (olds.pendingTarget !== targetIdentity(inputs.target)) return undefined;
  if (olds.pendingSourceFingerprint !== sourceFingerprint) {
    logWarn(
      `the source changed since the deployment stopped at batch ${olds.nextBatchIndex + 1}; planning again from the target as it is now`,
    );
    return undefined;
  }
  const batches = resolvePlannedBatches(script, olds.pendingBatchIds);
  if (batches === undefined || olds.nextBatchIndex > batches.length) {
    logWarn("the recorded plan no longer matches the generated script; planning again from the target as it is now");
    return undefined;
  }
  return { batches, heldBack: olds.heldBack ?? [], fromBatchIndex: olds.nextBatchIndex };
}

type Plan = { batches: PlannedBatch[]; heldBack: HeldBackChange[]; fromBatchIndex: number };

/** A new plan from the target as it is now (what is already there is not sent again). */
async function planFromTarget(
  inputs: SchemaDeploymentInputs,
  script: GeneratedScript,
  statementsRun: Record<string, string>,
  currentHashes: Record<string, string>,
): Promise<Plan> {
  const target = await readTargetSchema(inputs);
  const made = planDeployment(script, target, {
    allowDataLoss: inputs.allowDataLoss,
    dropExtraObjects: inputs.dropExtraObjects,
    statementsRun,
    currentHashes,
  });
  return { ...made, fromBatchIndex: 0 };
}

/** Loose statements that ran are remembered so a later update does not run them again. */
function rememberStatements(
  ran: readonly PlannedBatch[],
  currentHashes: Record<string, string>,
  statementsRun: Record<string, string>,
): void {
  for (const batch of ran) {
    if (batch.kind !== "statement") continue;
    const id = `statement ${batch.objectKey}`;
    if (currentHashes[id] !== undefined) statementsRun[id] = currentHashes[id];
  }
}

function runPlan(inputs: SchemaDeploymentInputs, plan: Plan): Promise<DeploymentResult> {
  if (plan.batches.length === plan.fromBatchIndex)
    return Promise.resolve({ nextBatchIndex: plan.fromBatchIndex, executed: 0 });
  return deployBatches(inputs.target, plan.batches, {
    fromBatchIndex: plan.fromBatchIndex,
    onBatchDone: batchProgressLogger(plan.batches.length),
  });
}

/** Batches already run by earlier attempts of this update come first, so counts and resume ids cover the whole run. */
function afterEarlierAttempts(done: readonly PlannedBatch[], result: DeploymentResult): DeploymentResult {
  const shift = done.length;
  if (shift === 0) return result;
  return {
    ...result,
    nextBatchIndex: result.nextBatchIndex + shift,
    ...(result.failure ? { failure: { ...result.failure, batchIndex: result.failure.batchIndex + shift } } : {}),
    ...(result.interrupted
      ? { interrupted: { ...result.interrupted, batchIndex: result.interrupted.batchIndex + shift } }
      : {}),
  };
}

/**
 * Plans (or resumes a recorded plan) and runs it. A batch cut short by a transient SQL error (failover,
 * throttling, a lost connection) may or may not have taken effect, so it is never simply sent again: after a
 * pause the target is read and the rest is planned from what it holds — an object the lost batch did create is
 * not created twice, one it did not is. After DEFAULT_TRANSIENT_RETRIES such interruptions the run stops with
 * `result.interrupted` set.
 */
export async function runDeployment(
  inputs: SchemaDeploymentInputs,
  script: GeneratedScript,
  sourceFingerprint: string,
  currentHashes: Record<string, string>,
  olds: SchemaDeploymentOutputs | undefined,
): Promise<DeploymentRun> {
  const where = describeConnection(inputs.target);
  const statementsRun = { ...(olds?.statementsRun ?? {}) };
  let plan = recordedPlan(inputs, script, sourceFingerprint, olds);
  if (plan !== undefined) {
    const next = plan.batches[plan.fromBatchIndex];
    logInfo(
      `resuming the deployment to ${where} at batch ${plan.fromBatchIndex + 1} of ${plan.batches.length}${next ? ` (${next.kind} ${next.objectKey})` : ""}`,
    );
  } else {
    plan = await planFromTarget(inputs, script, statementsRun, currentHashes);
    logInfo(
      plan.batches.length === 0
        ? `${where} already has the schema: nothing to deploy`
        : `deploying ${plan.batches.length} of ${script.batches.length} script batch(es) to ${where}: ${listed(plan.batches.map((b) => `${b.kind} ${b.objectKey}`))}`,
    );
  }
  for (const held of plan.heldBack)
    logWarn(`not applied: ${held.id}: ${held.reason}${held.details.length ? ` (${held.details.join("; ")})` : ""}`);

  const fromBatchIndex = plan.fromBatchIndex;
  const done: PlannedBatch[] = [];
  for (let attempt = 0; ; attempt++) {
    const result = await runPlan(inputs, plan);
    rememberStatements(plan.batches.slice(plan.fromBatchIndex, result.nextBatchIndex), currentHashes, statementsRun);
    const lost = result.interrupted;
    if (lost === undefined || attempt >= DEFAULT_TRANSIENT_RETRIES) {
      const batches = [...done, ...plan.batches];
      return {
        batches,
        heldBack: plan.heldBack,
        fromBatchIndex,
        result: afterEarlierAttempts(done, result),
        statementsRun,
      };
    }
    done.push(...plan.batches.slice(0, result.nextBatchIndex));
    const lostBatch = plan.batches[result.nextBatchIndex]!;
    logWarn(
      `batch ${lost.batchIndex + 1} of ${plan.batches.length} (${lost.kind} ${lost.objectKey}) on ${where} was cut short by a ` +
        `transient error${lost.error.number !== undefined ? ` ${lost.error.number}` : ""} (${lost.error.message}); ` +
        `retry ${attempt + 1}: reading the target and deploying what it does not hold yet`,
    );
    await sleep(TRANSIENT_PAUSE_MS * 2 ** attempt);
    plan = await planFromTarget(inputs, script, statementsRun, currentHashes);
    // The target holds what the lost batch creates: it did run, and counts as run.
    if (!plan.batches.some((b) => b.id === lostBatch.id)) done.push(lostBatch);
  }
}

/** Reads the target back and compares it with what the script should have produced. */
export async function verifyDeployment(inputs: SchemaDeploymentInputs, script: GeneratedScript): Promise<Verification> {
  const actual = await readTargetSchema(inputs);
  const found = findAnomalies(expectedModel(script), actual);
  const anomalies: ObjectAnomalies = {
    missing: found.missing.map((o) => `${o.kind} ${o.key}`),
    extra: found.extra.map((o) => `${o.kind} ${o.key}`),
    different: found.different.map((o) => ({ id: `${o.kind} ${o.key}`, details: o.details })),
    clean: found.clean,
  };
  if (!anomalies.clean) {
    const parts = [
      anomalies.missing.length ? `missing: ${listed(anomalies.missing)}` : "",
      anomalies.extra.length ? `extra: ${listed(anomalies.extra)}` : "",
      anomalies.different.length ? `different: ${listed(anomalies.different.map((d) => d.id))}` : "",
    ].filter(Boolean);
    logWarn(
      `the schema on ${describeConnection(inputs.target)} departs from the source after the deployment — ${parts.join("; ")}`,
    );
  }
  return { fingerprint: fingerprint(actual), targetHashes: objectHashes(actual), anomalies };
}
