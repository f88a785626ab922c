/**
 * What `diff` compares the new source with, gathered before the pure decision (plan-diff.ts): the new source's
 * summary from check with the hashes check kept in this process, and the last deployed summary with its hashes
 * from an earlier version's state or the objects file — each side's hashes, or why they are unavailable.
 */
import type { SchemaDeploymentInputs } from "./inputs";
import type { SchemaDeploymentOutputs } from "./outputs";
import type { ObjectSet, SourceSides } from "./plan-diff";
import { prepareSource } from "./prepare";
import { deployedSummary, recordedDetail, type RecordedOutputs } from "./recorded-objects";
import { recalledSourceHashes, rememberSourceHashes } from "./source-hash-cache";

/** The new source's objects: check's summary, with the hashes check kept in this process (or read now). */
async function nextSourceSet(news: SchemaDeploymentInputs, known: boolean): Promise<ObjectSet | undefined> {
  if (news.sourceSummary !== undefined) {
    const hashes = recalledSourceHashes(news.sourceSummary.digest);
    return {
      summary: news.sourceSummary,
      detail: hashes
        ? { hashes }
        : { unavailable: "check kept its last reading of the unchanged source, which has no per-object hashes" },
    };
  }
  // check could not read the source (inputs unknown then); when they are known now, read it here.
  if (!known) return undefined;
  const hashes = (await prepareSource(news)).objectHashes;
  return { summary: rememberSourceHashes(hashes), detail: { hashes } };
}

/**
 * Both sides of diff's source comparison (`known`: the inputs the source's reading depends on are known). The
 * last deployed hashes are read (an earlier version's state, or the objects file) only when the digests differ:
 * a converged diff reads no file.
 */
export async function sourceSides(
  olds: SchemaDeploymentOutputs,
  news: SchemaDeploymentInputs,
  known: boolean,
): Promise<SourceSides | undefined> {
  const next = await nextSourceSet(news, known);
  if (next === undefined) return undefined;
  const recorded = olds as RecordedOutputs;
  const summary = deployedSummary(recorded);
  const detail =
    summary.digest === next.summary.digest
      ? { unavailable: "not needed: the digests are equal" }
      : await recordedDetail(recorded, "deployed", summary);
  return { previous: { summary, detail }, next };
}
