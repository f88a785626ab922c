/**
 * The part of the pipeline every step shares and that never touches the target: read the source, filter it,
 * assess it, decide with `failOn`. `check` uses it to fail preview on blockers, `diff` to name changed objects,
 * `create`/`update` to go on to the script and the deployment.
 */
import {
  assess,
  evaluateFailPolicy,
  fingerprint,
  generateScript,
  type AssessmentReport,
  type DatabaseModel,
  type FailDecision,
} from "../../schema";
import { filterModel } from "./filters";
import type { SchemaDeploymentInputs } from "./inputs";
import { countObjects, objectHashes } from "./object-hashes";
import { readSource } from "./read-source";

export interface PreparedSource {
  /** The source after include/exclude. */
  model: DatabaseModel;
  warnings: string[];
  assessment: AssessmentReport;
  decision: FailDecision;
  sourceFingerprint: string;
  objectHashes: Record<string, string>;
  objectCounts: Record<string, number>;
}

export async function prepareSource(inputs: SchemaDeploymentInputs): Promise<PreparedSource> {
  const source = await readSource(inputs.source);
  const model = filterModel(source.model, { include: inputs.include, exclude: inputs.exclude });
  const assessment = assess(model, inputs.targetTier !== undefined ? { targetTier: inputs.targetTier } : {});
  return {
    model,
    warnings: source.warnings,
    assessment,
    decision: evaluateFailPolicy(assessment.findings, inputs.failOn),
    sourceFingerprint: fingerprint(model),
    objectHashes: objectHashes(model),
    objectCounts: countObjects(model),
  };
}

/**
 * What the generated script would leave out, as `kind key` → reason: the same generator the update runs, so
 * preview names exactly the objects the update will not deploy.
 */
export function omittedObjects(
  prepared: Pick<PreparedSource, "model">,
  inputs: Pick<SchemaDeploymentInputs, "targetTier">,
): Record<string, string> {
  const script = generateScript(
    prepared.model,
    inputs.targetTier !== undefined ? { assess: { targetTier: inputs.targetTier } } : {},
  );
  const out: Record<string, string> = {};
  for (const o of script.omitted) out[`${o.objectKind} ${o.objectKey}`] = o.reason;
  return out;
}

export interface AssessmentSummary {
  blocking: number;
  warning: number;
  info: number;
  /** Rule ids of the blocking findings, sorted, each once. */
  blockingRuleIds: string[];
  /** Whether failOn stops the deployment with these findings. */
  failsPolicy: boolean;
}

export function summarizeAssessment(prepared: Pick<PreparedSource, "assessment" | "decision">): AssessmentSummary {
  const { summary, findings } = prepared.assessment;
  return {
    blocking: summary.blocking,
    warning: summary.warning,
    info: summary.info,
    blockingRuleIds: [...new Set(findings.filter((f) => f.severity === "blocking").map((f) => f.ruleId))].sort(),
    failsPolicy: prepared.decision.fail,
  };
}

const LISTED_FINDINGS = 20;

/** The message that fails preview: which findings, where, and where the full report is. */
export function policyFailureMessage(prepared: PreparedSource, failOn: string, reportPaths: string[]): string {
  const offending = prepared.decision.offending;
  const lines = offending.slice(0, LISTED_FINDINGS).map((f) => {
    const where = f.file !== undefined ? ` (${f.file}${f.line !== undefined ? `:${f.line}` : ""})` : "";
    return `  - ${f.ruleId} ${f.severity} on ${f.objectKind} ${f.objectKey}${where}: ${f.message}`;
  });
  if (offending.length > LISTED_FINDINGS) lines.push(`  - ... and ${offending.length - LISTED_FINDINGS} more`);
  return (
    `the assessment found ${offending.length} finding(s) that failOn "${failOn}" does not allow; nothing was deployed:\n` +
    `${lines.join("\n")}\n` +
    `Fix them in the source, leave the objects out with exclude, or set failOn. Reports: ${reportPaths.join(", ")}`
  );
}
