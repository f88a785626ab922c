/**
 * The per-object hashes of the sources `check` read in this provider process, by digest, so `diff` can name the
 * objects that changed: the engine calls check and then diff of a resource in the same dynamic provider
 * process, and state carries only the summary (hash-summary.ts). A new process (or a check that kept the last
 * reading without reading the source) has nothing here, and diff falls back to the kinds that changed.
 */
import { summarizeHashes, type HashSummary } from "./hash-summary";

/** A process serves a handful of SchemaDeployments; a few sets of 50,000 hashes are a few MB. */
const KEPT = 8;
const bySummaryDigest = new Map<string, Record<string, string>>();

/** Keeps a source's hashes and returns their summary. */
export function rememberSourceHashes(hashes: Record<string, string>): HashSummary {
  const summary = summarizeHashes(hashes);
  bySummaryDigest.delete(summary.digest);
  bySummaryDigest.set(summary.digest, hashes);
  while (bySummaryDigest.size > KEPT) bySummaryDigest.delete(bySummaryDigest.keys().next().value!);
  return summary;
}

export function recalledSourceHashes(digest: string): Record<string, string> | undefined {
  return bySummaryDigest.get(digest);
}

/** For tests: a new provider process. */
export function forgetSourceHashes(): void {
  bySummaryDigest.clear();
}
