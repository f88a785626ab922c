/** The vocabulary of the Azure SQL Database assessment: severities, findings, rules and their fixes. */
import type { DatabaseModel, ObjectKind } from "../model";
import type { AssessmentContext } from "./context";
import type { CodeTriggers } from "./sieve";

export type { CodeTriggers } from "./sieve";

/** blocking: the object cannot be deployed as is; warning: it deploys but behaves differently or needs care; info: worth knowing. */
export type Severity = "blocking" | "warning" | "info";

export const SEVERITY_ORDER: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

export interface Finding {
  ruleId: string;
  severity: Severity;
  objectKind: ObjectKind;
  objectKey: string;
  /** Script file the object came from, when it was read from scripts. */
  file?: string;
  /** Line in that file, or in the object's definition for catalog-extracted objects. */
  line?: number;
  message: string;
  recommendation: string;
  /** True when the rule has a safe automatic fix that the script generator applies. */
  fixable: boolean;
}

/** A safe automatic fix: a change to (a copy of) the model that removes the problem without losing data. */
export interface RuleFix {
  /** What the fix does, in one sentence, for the generator's list of applied fixes. */
  description: string;
  /**
   * Changes `model`. The generator passes a copy whose lists and options are its own but whose objects are the
   * source's (generator/clone.ts, modelForFixes): set a list or an option, or put a changed copy of an object in
   * its list; never change an object of a list in place.
   */
  apply(model: DatabaseModel): void;
}

/** Target service tier, when known; it decides the severity of tier-dependent findings (In-Memory OLTP). */
export type TargetTier = "Basic" | "Standard" | "Premium" | "GeneralPurpose" | "BusinessCritical" | "Hyperscale";

export interface AssessOptions {
  targetTier?: TargetTier;
  /** Rule ids to skip. */
  disabledRules?: string[];
}

export interface AssessmentRule {
  /** Stable id, AZSQL001... */
  id: string;
  title: string;
  /** Default severity of the rule's findings. */
  severity: Severity;
  /** What the rule detects, for docs and reports. */
  detects: string;
  recommendation: string;
  fix?: RuleFix;
  /**
   * What the rule looks for in code, when it reads code: `ctx.codeUnits(this)` then hands it only the units that
   * contain one of these triggers outside comments and strings (a necessary condition for a finding). A rule that
   * reads code without declaring triggers gets every unit.
   */
  code?: CodeTriggers;
  check(ctx: AssessmentContext): Finding[];
}
