/** Runs the assessment rules over a model and returns findings in a stable order. */
import type { DatabaseModel } from "../model";
import { AssessmentContext } from "./context";
import { ASSESSMENT_RULES } from "./rules";
import { SEVERITY_ORDER, type AssessOptions, type AssessmentRule, type Finding, type Severity } from "./types";

export interface AssessmentReport {
  /** Sorted by severity, rule id, object key, line, message. */
  findings: Finding[];
  summary: Record<Severity, number>;
  /** Ids of the rules that ran. */
  rules: string[];
}

export function assess(
  model: DatabaseModel,
  options: AssessOptions = {},
  rules: readonly AssessmentRule[] = ASSESSMENT_RULES,
): AssessmentReport {
  const disabled = new Set(options.disabledRules ?? []);
  const active = rules.filter((r) => !disabled.has(r.id));
  const ctx = new AssessmentContext(model, options, active);
  const findings = active.flatMap((rule) => rule.check(ctx));
  findings.sort(compareFindings);
  const summary: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return { findings, summary, rules: active.map((r) => r.id) };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.objectKey, b.objectKey) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareStrings(a.message, b.message)
  );
}

export function findRule(id: string): AssessmentRule | undefined {
  return ASSESSMENT_RULES.find((r) => r.id === id);
}
