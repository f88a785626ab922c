/**
 * When `check` may take the previous check's reading of the source (its objects' summary and omissions) instead of
 * reading, assessing and hashing the whole source again: the source is at the version recorded beside that
 * reading, and nothing the assessment depends on changed. Anything else — no recorded version, a version that
 * differs, a probe that fails, a changed filter or tier — reads the source whole, as every check did before.
 */
import { logWarnDelivered } from "../log";
import { isHashSummary, isStringRecord, type HashSummary } from "./hash-summary";
import { describeSource, type SchemaDeploymentInputs, type SchemaSourceInput } from "./inputs";
import { stableJson } from "./object-hashes";
import { rememberSourceHashes } from "./source-hash-cache";
import { sourceVersion } from "./source-version";

/** The inputs the source's reading and assessment depend on. */
export const ASSESSMENT_INPUTS = ["source", "include", "exclude", "failOn", "targetTier"] as const;

export interface SourceReading {
  sourceSummary: HashSummary;
  sourceOmitted?: Record<string, string>;
}

/**
 * The recorded summary: `sourceSummary`, or the per-object map `sourceObjects` that earlier versions recorded
 * instead (summarized, and kept in this process so diff can still name the objects).
 */
export function recordedSummary(olds: Record<string, unknown>): HashSummary | undefined {
  if (isHashSummary(olds.sourceSummary)) return olds.sourceSummary;
  return isStringRecord(olds.sourceObjects) ? rememberSourceHashes(olds.sourceObjects) : undefined;
}

/** The recorded reading in `olds` (the previous inputs) when it still holds for `news` at `version`. */
export function reusableReading(
  olds: Record<string, unknown> | undefined,
  news: SchemaDeploymentInputs,
  version: string,
): SourceReading | undefined {
  if (olds === undefined || olds.sourceVersion !== version) return undefined;
  if (olds.sourceOmitted !== undefined && !isStringRecord(olds.sourceOmitted)) return undefined;
  if (ASSESSMENT_INPUTS.some((key) => stableJson(olds[key]) !== stableJson(news[key]))) return undefined;
  const sourceSummary = recordedSummary(olds);
  if (sourceSummary === undefined) return undefined;
  return {
    sourceSummary,
    ...(olds.sourceOmitted !== undefined ? { sourceOmitted: olds.sourceOmitted } : {}),
  };
}

/** The source's version, or undefined after saying why it could not be told (the source is then read whole). */
export async function probeSourceVersion(source: SchemaSourceInput): Promise<string | undefined> {
  try {
    return await sourceVersion(source);
  } catch (error) {
    await logWarnDelivered(
      `could not tell whether ${describeSource(source)} changed since the last check ` +
        `(${(error as Error).message}): reading it whole`,
    );
    return undefined;
  }
}
