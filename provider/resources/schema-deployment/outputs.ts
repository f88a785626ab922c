/** What a SchemaDeployment records in state after each update (and what `diff` and `read` work from). */
import type { HeldBackChange } from "./deployment-plan";
import type { HashSummary, KindChange } from "./hash-summary";
import type { SchemaDeploymentInputs } from "./inputs";
import type { AssessmentSummary } from "./prepare";

export interface ObjectAnomalies {
  /** `kind key` of objects the source has and the target lacks after the deployment. */
  missing: string[];
  /** Objects on the target that the (filtered) source does not have. */
  extra: string[];
  /** Objects on both that differ, with what differs. */
  different: { id: string; details: string[] }[];
  clean: boolean;
}

export interface SchemaDrift {
  /** True when the target's schema no longer has the fingerprint recorded at deployment. */
  detected: boolean;
  checkedAt: string;
  /** Fingerprint of the target's (filtered) schema as refresh read it. */
  fingerprint: string;
  /** Objects deployed and gone since, objects added since, objects changed since (empty when not named). */
  missing: string[];
  extra: string[];
  changed: string[];
  /** The kinds whose objects drifted, with their counts as deployed and now (set whenever something drifted). */
  kinds?: KindChange[];
  /** Why the objects are not named (the objects file missing or not matching the state). */
  namesUnavailable?: string;
}

export interface SchemaDeploymentOutputs extends SchemaDeploymentInputs {
  /** Fingerprint of the (filtered) source schema this update worked from. */
  sourceFingerprint: string;
  /** Source objects by kind, after include/exclude. */
  objectCounts: Record<string, number>;
  /**
   * Summary (count and digest, overall and per kind) of the per-object hashes of the last source that was
   * completely processed (scripted, and deployed when deploy): `diff` compares a new source with it, and names
   * the objects from the objects file when that matches it (recorded-objects.ts).
   */
  objectSummary: HashSummary;
  assessment: AssessmentSummary;
  /** Rule ids of the safe fixes the script applies. */
  appliedFixes: string[];
  /** Objects left out of the script (blockers under failOn "never", their dependants), as `kind key`. */
  omittedObjects: string[];
  scriptPath: string;
  reportPaths: { assessmentJson: string; assessmentMarkdown: string; deploymentReport: string };
  /** True once the whole plan ran on the target; false with deploy: false or while a run is partial. */
  deployed: boolean;
  /** Batches in the current plan, and how many of them ran (across resumed runs). */
  plannedBatchCount: number;
  deployedBatchCount: number;
  /** Only while a run is partial: the first batch not executed, where the next update resumes. */
  nextBatchIndex?: number;
  /** Only while a run is partial: the plan being executed (batch ids), its source and its target. */
  pendingBatchIds?: string[];
  pendingSourceFingerprint?: string;
  pendingTarget?: string;
  /** The first error of a partial run: object, batch and the server's message. */
  lastError?: string;
  /** Loose statements (scripts, not objects) that ran, by id and hash: they run once, or again when changed. */
  statementsRun: Record<string, string>;
  /** Changes found but not applied (column changes, data loss without allowDataLoss, ...), with why. */
  heldBack: HeldBackChange[];
  /** Fingerprint of the target's (filtered) schema read back after the deployment. */
  fingerprint?: string;
  /** Summary of the per-object hashes of that read-back (the hashes are in the objects file), for refresh's drift. */
  targetSummary?: HashSummary;
  /** Target vs source after the deployment. */
  anomalies?: ObjectAnomalies;
  /** Set by refresh. */
  drift?: SchemaDrift;
}

/** Outputs travel to Pulumi as plain records. */
export function asProperties(outputs: SchemaDeploymentOutputs): Record<string, unknown> {
  return outputs as unknown as Record<string, unknown>;
}
