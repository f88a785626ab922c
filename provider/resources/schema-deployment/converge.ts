/**
 * What `create` and `update` do: source → model → filter → assess (reports written) → script (written) →
 * when deploy: plan against the target, run, verify. A stopped run records where it stopped through a
 * ResourceInitError, so the engine saves that state and the next update resumes from it.
 */
import { generateScript, type GeneratedScript, type OmittedObject } from "../../schema";
import { DEFAULT_TRANSIENT_RETRIES } from "../../sql/transient";
import { ResourceInitError } from "../init-error";
import { logInfo, logWarn } from "../log";
import { runDeployment, verifyDeployment, type DeploymentRun } from "./deploy-to-target";
import { summarizeHashes } from "./hash-summary";
import { describeConnection, targetIdentity, type SchemaDeploymentInputs } from "./inputs";
import { writeObjectsFile, type ObjectsSection } from "./objects-file";
import {
  outputPaths,
  writeAssessmentReports,
  writeDeploymentReport,
  writeScript,
  type OutputPaths,
} from "./output-files";
import { asProperties, type SchemaDeploymentOutputs } from "./outputs";
import { policyFailureMessage, prepareSource, summarizeAssessment, type PreparedSource } from "./prepare";
import { deployedSummary, legacyMaps, targetSummary, type RecordedOutputs } from "./recorded-objects";

const LISTED_WARNINGS = 10;
const LISTED_OMISSIONS = 20;

/** Objects the script leaves out, named in the update's log with why (all of them are in the deployment report). */
function logOmissions(omitted: readonly OmittedObject[], reportPath: string): void {
  if (omitted.length === 0) return;
  logWarn(`the script leaves out ${omitted.length} object(s) (listed with their reasons in ${reportPath}):`);
  for (const o of omitted.slice(0, LISTED_OMISSIONS))
    logWarn(`  left out: ${o.objectKind} ${o.objectKey}: ${o.reason}`);
  if (omitted.length > LISTED_OMISSIONS) logWarn(`  ... and ${omitted.length - LISTED_OMISSIONS} more`);
}

/** The resource id: the target it deploys to (never a credential). */
export function resourceId(inputs: SchemaDeploymentInputs): string {
  return `schema:${targetIdentity(inputs.target)}`;
}

/** The reader's notes on statements it did not model (data not deployed, a drop ignored, ...), the first few. */
function logSourceNotes(warnings: readonly string[]): void {
  for (const warning of warnings.slice(0, LISTED_WARNINGS)) logWarn(`reading the source: ${warning}`);
  if (warnings.length > LISTED_WARNINGS)
    logWarn(`... and ${warnings.length - LISTED_WARNINGS} more notes from reading the source`);
}

/** Reports written, the failOn gate applied, the script generated and written. */
async function assessAndScript(
  inputs: SchemaDeploymentInputs,
  prepared: PreparedSource,
  paths: OutputPaths,
): Promise<GeneratedScript> {
  await writeAssessmentReports(paths, prepared.assessment, prepared.model.databaseName);
  // check fails preview on these already; this is the same gate for callers that skip preview.
  if (prepared.decision.fail)
    throw new Error(policyFailureMessage(prepared, inputs.failOn, [paths.assessmentMarkdown, paths.assessmentJson]));
  const script = generateScript(
    prepared.model,
    inputs.targetTier !== undefined ? { assess: { targetTier: inputs.targetTier } } : {},
  );
  await writeScript(paths, script.script);
  logInfo(`wrote ${script.batches.length} batch(es) to ${paths.script}; assessment in ${paths.assessmentMarkdown}`);
  logOmissions(script.omitted, paths.deploymentReport);
  return script;
}

/** The outputs of a source assessed and scripted, before anything is deployed. */
function scriptedOutputs(
  inputs: SchemaDeploymentInputs,
  prepared: PreparedSource,
  script: GeneratedScript,
  paths: OutputPaths,
  olds: SchemaDeploymentOutputs | undefined,
): SchemaDeploymentOutputs {
  // The source's objects' summary and changes, omissions and version are inputs for check's and preview's sake;
  // the outputs keep the summary once, as objectSummary (and the omissions as omittedObjects).
  const {
    sourceSummary: _sourceSummary,
    sourceChanges: _sourceChanges,
    sourceOmitted: _sourceOmitted,
    sourceVersion: _sourceVersion,
    ...settings
  } = inputs;
  return {
    ...settings,
    sourceFingerprint: prepared.sourceFingerprint,
    objectCounts: prepared.objectCounts,
    objectSummary: summarizeHashes(prepared.objectHashes),
    assessment: summarizeAssessment(prepared),
    appliedFixes: script.appliedFixes.map((f) => f.ruleId),
    omittedObjects: script.omitted.map((o) => `${o.objectKind} ${o.objectKey}`),
    scriptPath: paths.script,
    reportPaths: {
      assessmentJson: paths.assessmentJson,
      assessmentMarkdown: paths.assessmentMarkdown,
      deploymentReport: paths.deploymentReport,
    },
    deployed: false,
    plannedBatchCount: 0,
    deployedBatchCount: 0,
    statementsRun: olds?.statementsRun ?? {},
    heldBack: [],
  };
}

/**
 * The objects file is a cache of what state summarizes (objects-file.ts): when it cannot be written, diff and
 * refresh name kinds instead of objects, which is no reason to fail a deployment that succeeded.
 */
async function writeObjectsFileOrWarn(
  paths: OutputPaths,
  sections: Partial<Record<ObjectsSection, Record<string, string>>>,
): Promise<void> {
  try {
    await writeObjectsFile(paths.objects, sections);
  } catch (error) {
    logWarn(
      `could not write ${paths.objects} (${(error as Error).message}): preview and refresh will name the kinds ` +
        `of objects that change, not the objects`,
    );
  }
}

/** A run whose batch met transient errors every time: nothing recorded as pending, the next update plans again. */
function interruptedError(inputs: SchemaDeploymentInputs, run: DeploymentRun): Error {
  const lost = run.result.interrupted!;
  return new Error(
    `schema deployment to ${describeConnection(inputs.target)} interrupted: batch ${lost.batchIndex + 1} of ` +
      `${run.batches.length} (${lost.kind} ${lost.objectKey}) met transient SQL errors ${DEFAULT_TRANSIENT_RETRIES + 1} ` +
      `times, the last ${lost.error.number !== undefined ? `error ${lost.error.number}: ` : ""}${lost.error.message}\n` +
      `${lost.batchIndex} batch(es) are applied; run the update again when the database is available: it reads ` +
      `the target and deploys only what it does not hold yet.`,
  );
}

/** A run stopped by a failing batch: recorded (report and state) so the next update resumes at that batch. */
async function stoppedRunError(
  inputs: SchemaDeploymentInputs,
  outs: SchemaDeploymentOutputs,
  run: DeploymentRun,
  script: GeneratedScript,
  paths: OutputPaths,
  olds: SchemaDeploymentOutputs | undefined,
): Promise<ResourceInitError> {
  const { result } = run;
  const failure = result.failure!;
  const recorded = olds as RecordedOutputs | undefined;
  const partial: SchemaDeploymentOutputs = {
    ...outs,
    // Not deployed yet: diff keeps comparing with what was last deployed completely (its objects file stays).
    objectSummary: recorded ? deployedSummary(recorded) : summarizeHashes({}),
    nextBatchIndex: result.nextBatchIndex,
    pendingBatchIds: run.batches.map((b) => b.id),
    pendingSourceFingerprint: outs.sourceFingerprint,
    pendingTarget: targetIdentity(inputs.target),
    lastError: failure.message,
  };
  if (olds?.fingerprint !== undefined) partial.fingerprint = olds.fingerprint;
  const target = recorded ? targetSummary(recorded) : undefined;
  if (target !== undefined) partial.targetSummary = target;
  // State written by an earlier version held the per-object maps: they move to the objects file.
  const legacy = recorded ? legacyMaps(recorded) : {};
  if (Object.keys(legacy).length > 0) await writeObjectsFileOrWarn(paths, legacy);
  await writeDeploymentReport(paths, {
    deployed: false,
    target: describeConnection(inputs.target),
    plannedBatches: run.batches.map((b) => b.id),
    executedBatches: result.nextBatchIndex,
    failure: {
      batchIndex: failure.batchIndex,
      objectKey: failure.objectKey,
      kind: failure.kind,
      message: failure.message,
      number: failure.error.number,
    },
    heldBack: run.heldBack,
    omitted: script.omitted,
    blockers: script.blockers,
  });
  return new ResourceInitError(
    `schema deployment to ${describeConnection(inputs.target)} stopped: ${failure.message}\n` +
      `${failure.batchIndex} of ${run.batches.length} batch(es) are applied; the next update resumes at batch ${failure.batchIndex + 1}.`,
    resourceId(inputs),
    asProperties(partial),
  );
}

/**
 * converge: one pass that makes the remote resource match the inputs (create, adopt or update) and returns its
 * outputs; running it again on a converged resource changes nothing.
 * Here: the steps in this file's header; a deployment stopped at a batch is recorded through a ResourceInitError
 * and the next pass resumes from it.
 */
export async function converge(
  inputs: SchemaDeploymentInputs,
  olds?: SchemaDeploymentOutputs,
): Promise<SchemaDeploymentOutputs> {
  const prepared = await prepareSource(inputs);
  logSourceNotes(prepared.warnings);
  const paths = outputPaths(inputs.outputDirectory, inputs.target.database);
  const script = await assessAndScript(inputs, prepared, paths);
  const outs = scriptedOutputs(inputs, prepared, script, paths, olds);
  if (!inputs.deploy) {
    await writeDeploymentReport(paths, {
      deployed: false,
      reason: "deploy is false",
      script: paths.script,
      omitted: script.omitted,
      blockers: script.blockers,
    });
    await writeObjectsFileOrWarn(paths, { deployed: prepared.objectHashes });
    logInfo(
      `deploy is false: the schema was assessed and scripted, ${describeConnection(inputs.target)} was not contacted`,
    );
    return outs;
  }

  const run = await runDeployment(inputs, script, prepared.sourceFingerprint, prepared.objectHashes, olds);
  Object.assign(outs, {
    plannedBatchCount: run.batches.length,
    deployedBatchCount: run.result.nextBatchIndex,
    statementsRun: run.statementsRun,
    heldBack: run.heldBack,
  });
  if (run.result.interrupted) throw interruptedError(inputs, run);
  if (run.result.failure) throw await stoppedRunError(inputs, outs, run, script, paths, olds);

  const { targetHashes, ...verification } = await verifyDeployment(inputs, script);
  await writeObjectsFileOrWarn(paths, { deployed: prepared.objectHashes, target: targetHashes });
  const done: SchemaDeploymentOutputs = {
    ...outs,
    deployed: true,
    ...verification,
    targetSummary: summarizeHashes(targetHashes),
  };
  await writeDeploymentReport(paths, {
    deployed: true,
    target: describeConnection(inputs.target),
    executedBatches: run.batches.slice(run.fromBatchIndex).map((b) => b.id),
    heldBack: run.heldBack,
    fingerprint: verification.fingerprint,
    anomalies: verification.anomalies,
    omitted: script.omitted,
    blockers: script.blockers,
    appliedFixes: script.appliedFixes,
  });
  return done;
}
