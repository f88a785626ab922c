/** AZSQL010: USE statements. */
import type { AssessmentRule, Finding } from "../types";

function isUse(s: { firstWords: string }): boolean {
  return s.firstWords === "USE" || s.firstWords.startsWith("USE ");
}

export const useStatements: AssessmentRule = {
  id: "AZSQL010",
  title: "USE statement",
  severity: "warning",
  detects: "USE statements (switching to a database by name) in the scripts.",
  recommendation:
    "Azure SQL Database cannot switch databases with USE; connect to the target database directly. The generated script leaves USE statements out.",
  fix: {
    description: "USE statements removed: the deployment connects to the target database itself.",
    apply(model) {
      model.statements = model.statements.filter((s) => !isUse(s));
    },
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const s of ctx.model.statements)
      if (isUse(s)) findings.push(ctx.finding(this, s, `${s.sql.trim()} switches database`));
    return findings;
  },
};
