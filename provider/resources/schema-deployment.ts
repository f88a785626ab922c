/**
 * SchemaDeployment: the schema half of the migration guide, as the Data Migration Assistant does it — read the
 * source schema (live database, T-SQL scripts or a snapshot), assess it for Azure SQL Database, script it in
 * dependency order, deploy what the target lacks, and check the target for anomalies.
 *
 * Lifecycle (docs/schema-deployment.md has the details and the decisions):
 *   check   validates the inputs, reads the source and assesses it: findings that failOn does not allow fail
 *           here, which is at preview, before anything is deployed; when a cheap probe says the source is at the
 *           version the last check read, with the same assessment inputs, that reading is kept instead
 *           (schema-deployment/reuse-reading.ts); it records the source's objects as a summary and names those
 *           that changed since the last reading (schema-deployment/preview-changes.ts), which preview shows;
 *   diff    compares the new source's summary with the last complete update's; when they differ, names the
 *           objects that would be created, altered or removed in the update's log (check's hashes from this
 *           process, the last deployed ones from the objects file), or the kinds when either is unavailable; no
 *           change → no update, nothing sent to the target;
 *   create / update   assess, script, deploy, verify (schema-deployment/converge.ts); a run that stops at a batch
 *           is recorded and the next update resumes there;
 *   read    reads the target back and records drift;
 *   delete  never drops anything on the target.
 */
import type * as pulumi from "@pulumi/pulumi";
import { logInfo } from "./log";
import { withPlainOutputs } from "./plain-outputs";
import { converge, resourceId } from "./schema-deployment/converge";
import { detectDrift } from "./schema-deployment/drift";
import {
  describeConnection,
  describeSource,
  schemaDeploymentInputs,
  type SchemaDeploymentInputs,
} from "./schema-deployment/inputs";
import { outputPaths, writeAssessmentReports } from "./schema-deployment/output-files";
import type { SchemaDeploymentOutputs } from "./schema-deployment/outputs";
import { computeDiff } from "./schema-deployment/plan-diff";
import { omittedObjects, policyFailureMessage, prepareSource } from "./schema-deployment/prepare";
import { ASSESSMENT_INPUTS, probeSourceVersion, reusableReading } from "./schema-deployment/reuse-reading";
import { previewChanges } from "./schema-deployment/preview-changes";
import { rememberSourceHashes } from "./schema-deployment/source-hash-cache";
import { sourceSides } from "./schema-deployment/source-sides";
import { containsUnknown, failuresSafeToPrint, validateInputs, type CheckFailure } from "./validation";

/** While any input the source's assessment depends on is unknown (preview), the assessment waits for the update. */
function assessmentInputsKnown(news: Record<string, unknown>): boolean {
  return !ASSESSMENT_INPUTS.some((key) => containsUnknown(news[key]));
}

/**
 * The assessment gate at check time. check is the step that runs at preview for a new resource as well as an
 * existing one (diff does not run for creates), with the source readable, so blockers fail preview here.
 */
async function assessSource(
  inputs: SchemaDeploymentInputs,
  news: Record<string, unknown>,
): Promise<{
  failures: CheckFailure[];
  sourceHashes?: Record<string, string>;
  sourceOmitted?: Record<string, string>;
}> {
  let prepared;
  try {
    prepared = await prepareSource(inputs);
  } catch (error) {
    return {
      failures: [
        { property: "source", reason: `cannot read ${describeSource(inputs.source)}: ${(error as Error).message}` },
      ],
    };
  }
  if (!prepared.decision.fail) {
    const omitted = omittedObjects(prepared, inputs);
    return {
      failures: [],
      sourceHashes: prepared.objectHashes,
      ...(Object.keys(omitted).length > 0 ? { sourceOmitted: omitted } : {}),
    };
  }
  const reports: string[] = [];
  if (!containsUnknown(news.outputDirectory) && !containsUnknown(news.target)) {
    // Written even though preview fails: the full report is what the reviewer needs to fix the source.
    const paths = outputPaths(inputs.outputDirectory, inputs.target.database);
    try {
      await writeAssessmentReports(paths, prepared.assessment, prepared.model.databaseName);
      reports.push(paths.assessmentMarkdown, paths.assessmentJson);
    } catch {
      // The finding list in the failure is still complete enough to act on.
    }
  }
  return { failures: [{ property: "source", reason: policyFailureMessage(prepared, inputs.failOn, reports) }] };
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  async check(olds, news) {
    const result = validateInputs(schemaDeploymentInputs, news);
    if (!result.ok) return { inputs: news, failures: failuresSafeToPrint(result.failures, news) };
    if (!assessmentInputsKnown(news)) return { inputs: result.value };
    // What check sets is replaced, whatever a program passed.
    const {
      sourceOmitted: _omitted,
      sourceSummary: _summary,
      sourceChanges: _changes,
      sourceVersion: _version,
      ...value
    } = result.value;
    // Probed before the source is read: a change between the two shows as a new version at the next check.
    const version = await probeSourceVersion(value.source);
    const stamp = version !== undefined ? { sourceVersion: version } : {};
    // The same source version under the same assessment inputs: the last check's reading still holds.
    const reused = version !== undefined ? reusableReading(olds, result.value, version) : undefined;
    if (reused) return { inputs: { ...value, ...reused, ...stamp } };
    const assessed = await assessSource(result.value, news);
    if (assessed.failures.length) return { inputs: news, failures: failuresSafeToPrint(assessed.failures, news) };
    // The summary of the source's objects becomes an input (diff sees a change only through inputs) and so do
    // the objects that changed since the last reading: preview shows inputs, not lines logged by diff. The
    // hashes stay in this process, for diff to name the objects in the update's log. Likewise the objects the
    // script would leave out, with why: preview names them rather than "would create".
    const hashes = assessed.sourceHashes!;
    const sourceSummary = rememberSourceHashes(hashes);
    const changes = await previewChanges(olds, hashes, sourceSummary, assessed.sourceOmitted);
    return {
      inputs: {
        ...value,
        sourceSummary,
        ...(changes !== undefined ? { sourceChanges: changes } : {}),
        ...(assessed.sourceOmitted !== undefined ? { sourceOmitted: assessed.sourceOmitted } : {}),
        ...stamp,
      },
    };
  },

  async diff(_id, olds: SchemaDeploymentOutputs, news: SchemaDeploymentInputs) {
    const known = assessmentInputsKnown(news as unknown as Record<string, unknown>);
    const decision = computeDiff(olds, news, await sourceSides(olds, news, known));
    // For the update's log: during a preview these lines are lost (check's sourceChanges input shows there).
    if (decision.changes)
      for (const message of decision.messages)
        logInfo(`schema deployment to ${describeConnection(news.target)}: ${message}`);
    return { changes: decision.changes, replaces: decision.replaces, deleteBeforeReplace: false };
  },

  async create(inputs: SchemaDeploymentInputs) {
    const outs = await converge(inputs);
    return { id: resourceId(inputs), outs };
  },

  async read(id, props: SchemaDeploymentOutputs) {
    const drift = await detectDrift(props);
    return { id, props: drift ? { ...props, drift } : props };
  },

  async update(_id, olds: SchemaDeploymentOutputs, news: SchemaDeploymentInputs) {
    return { outs: await converge(news, olds) };
  },

  async delete(_id, props: SchemaDeploymentOutputs) {
    logInfo(
      `the schema deployed to ${describeConnection(props.target)} was left in place: deleting a SchemaDeployment never drops ` +
        `or truncates anything on the target` +
        (props.scriptPath ? ` (the script and reports stay in ${props.outputDirectory})` : ""),
    );
  },
});
