/** Human-readable assessment report, e.g. for a pull-request comment or a CI summary. */
import type { AssessmentReport } from "./assess";
import { ASSESSMENT_RULES } from "./rules";
import type { Finding } from "./types";

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/`/g, "\\`").replace(/\r?\n/g, " ");
}

function location(f: Finding): string {
  if (f.file !== undefined) return `${f.file}${f.line !== undefined ? `:${f.line}` : ""}`;
  return f.line !== undefined ? `line ${f.line}` : "";
}

export function renderAssessmentMarkdown(report: AssessmentReport, meta: { databaseName?: string } = {}): string {
  const lines: string[] = [];
  lines.push(
    `# Azure SQL Database assessment${meta.databaseName !== undefined ? `: ${cell(meta.databaseName)}` : ""}`,
    "",
  );
  const { blocking, warning, info } = report.summary;
  lines.push(`**${blocking}** blocking, **${warning}** warning, **${info}** info.`, "");
  if (report.findings.length === 0) {
    lines.push("No findings: the schema is ready for Azure SQL Database.", "");
    return lines.join("\n");
  }
  for (const rule of ASSESSMENT_RULES) {
    const findings = report.findings.filter((f) => f.ruleId === rule.id);
    if (findings.length === 0) continue;
    lines.push(`## ${rule.id} ${cell(rule.title)} (${findings.length})`, "");
    lines.push(`${rule.recommendation}`, "");
    if (rule.fix !== undefined) lines.push(`Automatic fix: ${rule.fix.description}`, "");
    lines.push("| Severity | Object | Location | Finding |", "| --- | --- | --- | --- |");
    for (const f of findings)
      lines.push(`| ${f.severity} | ${cell(f.objectKey)} | ${cell(location(f))} | ${cell(f.message)} |`);
    lines.push("");
  }
  return lines.join("\n");
}
