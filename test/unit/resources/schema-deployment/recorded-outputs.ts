/**
 * The outputs a completed SchemaDeployment update records, for the unit tests of diff and of the object
 * summaries: everything deployed, `deployed` as the summary of the last deployed source, `extra` on top.
 */
import { summarizeHashes } from "../../../../provider/resources/schema-deployment/hash-summary";
import type { SchemaDeploymentInputs } from "../../../../provider/resources/schema-deployment/inputs";
import type { SchemaDeploymentOutputs } from "../../../../provider/resources/schema-deployment/outputs";

export function recordedOutputs(
  inputs: SchemaDeploymentInputs,
  deployed: Record<string, string>,
  extra: Record<string, unknown> = {},
): SchemaDeploymentOutputs {
  return {
    ...inputs,
    sourceFingerprint: "sha256:x",
    objectCounts: {},
    objectSummary: summarizeHashes(deployed),
    assessment: { blocking: 0, warning: 0, info: 0, blockingRuleIds: [], failsPolicy: false },
    appliedFixes: [],
    omittedObjects: [],
    scriptPath: "db.sql",
    reportPaths: { assessmentJson: "a.json", assessmentMarkdown: "a.md", deploymentReport: "d.json" },
    deployed: true,
    plannedBatchCount: 1,
    deployedBatchCount: 1,
    statementsRun: {},
    heldBack: [],
    ...extra,
  } as SchemaDeploymentOutputs;
}
