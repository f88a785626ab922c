/**
 * The files SchemaDeployment writes to its outputDirectory: the deployment script, the assessment (JSON and
 * Markdown) and the deployment report (plan, held-back changes, failure, anomalies). Named after the target
 * database, so several deployments can share one folder. Nothing written here carries a credential: the
 * model holds none and connections are described by server and database only.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { renderAssessmentJson, renderAssessmentMarkdown, type AssessmentReport } from "../../schema";

export interface OutputPaths {
  script: string;
  assessmentJson: string;
  assessmentMarkdown: string;
  deploymentReport: string;
}

/** File names keep letters, digits, '-', '_' and '.'; anything else in a database name becomes '_'. */
function fileStem(databaseName: string): string {
  return databaseName.replace(/[^A-Za-z0-9._-]/g, "_") || "database";
}

export function outputPaths(outputDirectory: string, targetDatabase: string): OutputPaths {
  const stem = fileStem(targetDatabase);
  return {
    script: path.join(outputDirectory, `${stem}.deploy.sql`),
    assessmentJson: path.join(outputDirectory, `${stem}.assessment.json`),
    assessmentMarkdown: path.join(outputDirectory, `${stem}.assessment.md`),
    deploymentReport: path.join(outputDirectory, `${stem}.deployment.json`),
  };
}

/** Writes through a temporary file and a rename, so a reader (or a crash) never sees half a file. */
async function writeFileAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text, "utf8");
  await fs.rename(temp, file);
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
