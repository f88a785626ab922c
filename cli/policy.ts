/** The options assess and script share: --fail-on and --tier, and the lines that print the findings that matter. */
import type { FailDecision, FailOn, Finding, TargetTier } from "../provider/schema";
import { choiceOption, type OptionSpecs, type OptionValues } from "./args";
import type { Console } from "./io";

export const FAIL_ON: readonly FailOn[] = ["blocking", "warning", "never"];

/** Every tier the library knows: a Record, so a tier added to TargetTier fails the build until it is listed here. */
const TIER_SET: Record<TargetTier, true> = {
  Basic: true,
  Standard: true,
  Premium: true,
  GeneralPurpose: true,
  BusinessCritical: true,
  Hyperscale: true,
};
export const TIERS = Object.keys(TIER_SET) as TargetTier[];

export const POLICY_OPTIONS: OptionSpecs = {
  "fail-on": { type: "string" },
  tier: { type: "string" },
};

export interface PolicyOptions {
  failOn: FailOn;
  tier?: TargetTier;
}

export function policyFromArgs(values: OptionValues): PolicyOptions {
  const tier = choiceOption(values, "tier", TIERS);
  return { failOn: choiceOption(values, "fail-on", FAIL_ON) ?? "blocking", ...(tier !== undefined ? { tier } : {}) };
}

const LISTED = 50;

function findingLine(f: Finding): string {
  const location = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ""}` : undefined;
  // A loose statement's key is already its location.
  const where = location !== undefined && location !== f.objectKey ? ` (${location})` : "";
  const fixed = f.fixable ? " [fixed automatically in the script]" : "";
  return `  ${f.ruleId} ${f.objectKind} ${f.objectKey}${where}: ${f.message}${fixed}`;
}

/** Lists the blocking findings (and warnings under --fail-on warning), at most LISTED of each. */
export function printFindings(findings: readonly Finding[], failOn: FailOn, console: Console): void {
  const groups: [string, Finding[]][] = [["Blocking", findings.filter((f) => f.severity === "blocking")]];
  if (failOn === "warning") groups.push(["Warnings", findings.filter((f) => f.severity === "warning")]);
  for (const [title, list] of groups) {
    if (list.length === 0) continue;
    console.out(`${title}:`);
    for (const f of list.slice(0, LISTED)) console.out(findingLine(f));
    if (list.length > LISTED)
      console.out(`  ... and ${list.length - LISTED} more (see the --json or --markdown report)`);
  }
}

/** The verdict line. */
export function printDecision(decision: FailDecision, failOn: FailOn, console: Console): void {
  if (decision.fail) console.out(`FAILED: ${decision.offending.length} finding(s) not allowed by --fail-on ${failOn}`);
  else console.out(`PASSED: no finding fails --fail-on ${failOn}`);
}
