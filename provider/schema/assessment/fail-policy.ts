/** Decides whether an assessment fails a pipeline: on blocking findings, on warnings too, or never. */
import type { Finding } from "./types";

export type FailOn = "blocking" | "warning" | "never";

export interface FailDecision {
  fail: boolean;
  /** The findings that caused the failure (empty when it passes). */
  offending: Finding[];
}

export interface FailPolicyOptions {
  /**
   * Count findings the script generator fixes automatically. Default false: a fixed finding needs no one's
   * attention, so it should not stop a pipeline.
   */
  countFixable?: boolean;
}

export function evaluateFailPolicy(
  findings: readonly Finding[],
  failOn: FailOn,
  options: FailPolicyOptions = {},
): FailDecision {
  if (failOn === "never") return { fail: false, offending: [] };
  const offending = findings.filter(
    (f) =>
      (options.countFixable === true || !f.fixable) &&
      (f.severity === "blocking" || (failOn === "warning" && f.severity === "warning")),
  );
  return { fail: offending.length > 0, offending };
}

export function shouldFail(findings: readonly Finding[], failOn: FailOn, options: FailPolicyOptions = {}): boolean {
  return evaluateFailPolicy(findings, failOn, options).fail;
}
