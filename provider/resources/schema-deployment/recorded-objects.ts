/**
 * The object sets a SchemaDeployment's state records — the last deployed source and the target read back after
 * it — as summaries, with their per-object hashes when they can be had.
 *
 * State written by earlier versions holds the per-object maps themselves (`objectHashes`, `targetObjectHashes`):
 * they are read as summaries, and serve as the per-object detail, so a stack keeps naming objects across the
 * upgrade. The next update records summaries and writes the maps to the objects file instead.
 */
import { summarizeHashes, type HashSummary } from "./hash-summary";
import { outputPaths } from "./output-files";
import { readObjectsSection, type ObjectDetail, type ObjectsSection } from "./objects-file";
import type { SchemaDeploymentOutputs } from "./outputs";

/** Outputs as any version recorded them: earlier ones kept per-object maps where summaries are now. */
export type RecordedOutputs = Omit<SchemaDeploymentOutputs, "objectSummary"> & {
  objectSummary?: HashSummary;
  /** Earlier versions: per-object hashes of the last deployed source. */
  objectHashes?: Record<string, string>;
  /** Earlier versions: per-object hashes of the target read back. */
  targetObjectHashes?: Record<string, string>;
};

const LEGACY_KEY: Record<ObjectsSection, "objectHashes" | "targetObjectHashes"> = {
  deployed: "objectHashes",
  target: "targetObjectHashes",
};

/** Summary of the last source completely processed; empty when nothing was. */
export function deployedSummary(recorded: RecordedOutputs): HashSummary {
  return recorded.objectSummary ?? summarizeHashes(recorded.objectHashes ?? {});
}

/** Summary of the target read back after the last deployment; undefined when none completed. */
export function targetSummary(recorded: RecordedOutputs): HashSummary | undefined {
  if (recorded.targetSummary !== undefined) return recorded.targetSummary;
  return recorded.targetObjectHashes !== undefined ? summarizeHashes(recorded.targetObjectHashes) : undefined;
}

/** The per-object maps an earlier version kept in state, to carry into the objects file. */
export function legacyMaps(recorded: RecordedOutputs): Partial<Record<ObjectsSection, Record<string, string>>> {
  return {
    ...(recorded.objectHashes !== undefined ? { deployed: recorded.objectHashes } : {}),
    ...(recorded.targetObjectHashes !== undefined ? { target: recorded.targetObjectHashes } : {}),
  };
}

/** The per-object hashes behind `summary`: the map of an earlier version's state, else the objects file. */
export async function recordedDetail(
  recorded: RecordedOutputs,
  section: ObjectsSection,
  summary: HashSummary,
): Promise<ObjectDetail> {
  const legacy = recorded[LEGACY_KEY[section]];
  if (legacy !== undefined) return { hashes: legacy };
  return readObjectsSection(outputPaths(recorded.outputDirectory, recorded.target.database).objects, section, summary);
}
