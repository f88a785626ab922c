/**
 * The files SchemaDeployment writes to its outputDirectory: the deployment script, the assessment (JSON and
 * Markdown), the deployment report (plan, held-back changes, failure, anomalies) and the per-object hashes
 * behind the summaries in state (objects-file.ts). Named after the target database, so several deployments can
 * share one folder. Nothing written here carries a credential: the model holds none and connections are
 * described by server and database only.
 */
import * as path from "node:path";
import { renderAssessmentJson, renderAssessmentMarkdown, type AssessmentReport } from "../../schema";
import { fileStem, writeFileAtomically } from "../atomic-file";

export interface OutputPaths {
  script: string;
  assessmentJson: string;
  assessmentMarkdown: string;
  deploymentReport: string;
  /** Per-object hashes of the last deployed source and of the target read back (objects-file.ts). */
  objects: string;
}

export function outputPaths(outputDirectory: string, targetDatabase: string): OutputPaths {
  const stem = fileStem(targetDatabase);
  return {
    script: path.join(outputDirectory, `${stem}.deploy.sql`),
    assessmentJson: path.join(outputDirectory, `${stem}.assessment.json`),
    assessmentMarkdown: path.join(outputDirectory, `${stem}.assessment.md`),
    deploymentReport: path.join(outputDirectory, `${stem}.deployment.json`),
    objects: path.join(outputDirectory, `${stem}.objects.json`),
  };
}

export async function writeAssessmentReports(
  paths: OutputPaths,
  report: AssessmentReport,
  databaseName?: string,
): Promise<void> {
  const meta = databaseName !== undefined ? { databaseName } : {};
  await writeFileAtomically(paths.assessmentJson, renderAssessmentJson(report, meta));
  await writeFileAtomically(paths.assessmentMarkdown, renderAssessmentMarkdown(report, meta));
}

export async function writeScript(paths: OutputPaths, script: string): Promise<void> {
  await writeFileAtomically(paths.script, script);
}

export async function writeDeploymentReport(paths: OutputPaths, report: unknown): Promise<void> {
  await writeFileAtomically(paths.deploymentReport, `${JSON.stringify(report, null, 2)}\n`);
}
