/**
 * What `check` records as the input `sourceChanges` so that preview names the objects a new source would
 * create, alter or remove: the engine shows a changed input in the preview, while lines logged by `diff` during
 * a preview are lost (the dynamic provider's log goes through its stdout, which the engine stops reading when the
 * preview ends; test/integration/schema-deployment.test.ts checks what preview shows).
 *
 * Compared: the new source's hashes with the ones behind the previous inputs' `sourceSummary` — an earlier
 * version's `sourceObjects` map, or the objects file's `deployed` section when it digests to that summary (after
 * a complete update, the last check's reading is what was deployed). Bounded: the first LISTED objects, then a
 * count; when the previous hashes are not at hand, why (the summary's kinds in the same preview show what changed).
 */
import { isStringRecord, type HashSummary } from "./hash-summary";
import { compareObjectHashes, scriptedChanges } from "./object-hashes";
import { readObjectsSection, type ObjectDetail } from "./objects-file";
import { outputPaths } from "./output-files";
import { recordedSummary } from "./reuse-reading";

const LISTED = 25;
export const NAMES_UNAVAILABLE = "per-object names unavailable";

/** The hashes behind the previous inputs' summary, or why they are not at hand. */
async function previousHashes(olds: Record<string, unknown>, summary: HashSummary): Promise<ObjectDetail> {
  if (isStringRecord(olds.sourceObjects)) return { hashes: olds.sourceObjects };
  const target = olds.target as { database?: unknown } | undefined;
  if (typeof olds.outputDirectory !== "string" || typeof target?.database !== "string")
    return { unavailable: "the previous inputs name no output directory" };
  return readObjectsSection(outputPaths(olds.outputDirectory, target.database).objects, "deployed", summary);
}

/**
 * `kind key` → created / altered / removed for the objects that changed since the previous inputs' reading (the
 * new source's `hashes` and their `summary`)
 * (objects the script leaves out are not listed: `sourceOmitted` names them); undefined when nothing changed or
 * there is no previous reading (a create shows everything as new).
 */
export async function previewChanges(
  olds: Record<string, unknown>,
  hashes: Record<string, string>,
  summary: HashSummary,
  omitted: Record<string, string> = {},
): Promise<Record<string, string> | undefined> {
  const previous = recordedSummary(olds);
  if (previous === undefined || previous.digest === summary.digest) return undefined;
  const detail = await previousHashes(olds, previous);
  if ("unavailable" in detail) return { [NAMES_UNAVAILABLE]: detail.unavailable };
  const changes = scriptedChanges(compareObjectHashes(detail.hashes, hashes), omitted);
  const entries = [
    ...changes.created.map((id) => [id, "created"]),
    ...changes.altered.map((id) => [id, "altered"]),
    ...changes.removed.map((id) => [id, "removed"]),
  ].sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  if (entries.length === 0) return undefined;
  const shown = Object.fromEntries(entries.slice(0, LISTED));
  if (entries.length > LISTED) shown[`(and ${entries.length - LISTED} more)`] = "named in the update's log";
  return shown;
}
