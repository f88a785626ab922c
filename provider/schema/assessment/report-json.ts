/** Machine-readable assessment report (stable key order, for CI artifacts and diffs). */
import type { AssessmentReport } from "./assess";
import { ASSESSMENT_RULES } from "./rules";

export const ASSESSMENT_REPORT_FORMAT = "pulumi-azure-sql-migration/assessment@1";

export function renderAssessmentJson(report: AssessmentReport, meta: { databaseName?: string } = {}): string {
  const usedRules = new Set(report.findings.map((f) => f.ruleId));
  const doc = {
    format: ASSESSMENT_REPORT_FORMAT,
    ...(meta.databaseName !== undefined ? { database: meta.databaseName } : {}),
    summary: report.summary,
    rules: ASSESSMENT_RULES.filter((r) => usedRules.has(r.id)).map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      recommendation: r.recommendation,
      ...(r.fix !== undefined ? { fix: r.fix.description } : {}),
    })),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      objectKind: f.objectKind,
      objectKey: f.objectKey,
      ...(f.file !== undefined ? { file: f.file } : {}),
      ...(f.line !== undefined ? { line: f.line } : {}),
      message: f.message,
      recommendation: f.recommendation,
      fixable: f.fixable,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
