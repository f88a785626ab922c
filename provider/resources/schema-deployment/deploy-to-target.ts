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
import { deployBatches, extractCatalog, type DeploymentResult } from "../../sql";
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
  targetObjectHashes: Record<string, string>;
  anomalies: ObjectAnomalies;
}

const LISTED = 25;

function listed(ids: string[]): string {
  return ids.length > LISTED ? `${ids.slice(0, LISTED).join(", ")} and ${ids.length - LISTED} more` : ids.join(", ");
}

/** Reads the target's schema, narrowed by the same filters as the source (what else it holds is not ours). */
export async function readTargetSchema(inputs: SchemaDeploymentInputs): Promise<DatabaseModel> {
  return filterModel(await extractCatalog(inputs.target), { include: inputs.include, exclude: inputs.exclude });
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
    const target = await readTargetSchema(inputs);
    const made = planDeployment(script, target, {
      allowDataLoss: inputs.allowDataLoss,
      dropExtraObjects: inputs.dropExtraObjects,
      statementsRun,
      currentHashes,
    });
    plan = { ...made, fromBatchIndex: 0 };
    logInfo(
      plan.batches.length === 0
        ? `${where} already has the schema: nothing to deploy`
        : `deploying ${plan.batches.length} of ${script.batches.length} script batch(es) to ${where}: ${listed(plan.batches.map((b) => `${b.kind} ${b.objectKey}`))}`,
    );
  }
  for (const held of plan.heldBack)
    logWarn(`not applied: ${held.id}: ${held.reason}${held.details.length ? ` (${held.details.join("; ")})` : ""}`);

  const result =
    plan.batches.length === plan.fromBatchIndex
      ? { nextBatchIndex: plan.fromBatchIndex, executed: 0 }
      : await deployBatches(inputs.target, plan.batches, {
          fromBatchIndex: plan.fromBatchIndex,
          onBatchDone: batchProgressLogger(plan.batches.length),
        });

  // Loose statements that ran are remembered so a later update does not run them again.
  for (const batch of plan.batches.slice(plan.fromBatchIndex, result.nextBatchIndex)) {
    if (batch.kind !== "statement") continue;
    const id = `statement ${batch.objectKey}`;
    if (currentHashes[id] !== undefined) statementsRun[id] = currentHashes[id];
  }
  return { batches: plan.batches, heldBack: plan.heldBack, fromBatchIndex: plan.fromBatchIndex, result, statementsRun };
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
  return { fingerprint: fingerprint(actual), targetObjectHashes: objectHashes(actual), anomalies };
}
