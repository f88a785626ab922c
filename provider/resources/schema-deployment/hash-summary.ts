/**
 * A bounded summary of a set of per-object hashes: how many objects and one digest, overall and per kind.
 *
 * Why: state used to keep a hash per object (three maps, ~263 bytes an object: 12.5 MB at 50,000 objects). A
 * summary is a few hundred bytes per kind whatever the object count, and still tells, by comparing digests,
 * whether anything changed and in which kinds. Naming the objects needs the per-object hashes, which live in a
 * file beside the script (object-detail.ts) and are trusted only when they hash to the summary's digest.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

export const kindSummarySchema = z.strictObject({ count: z.number().int().nonnegative(), digest: z.string() });
export const hashSummarySchema = z.strictObject({
  count: z.number().int().nonnegative(),
  digest: z.string(),
  kinds: z.record(z.string(), kindSummarySchema),
});

export type KindSummary = z.output<typeof kindSummarySchema>;
export type HashSummary = z.output<typeof hashSummarySchema>;

/** A kind whose digest differs between two summaries, with its object counts on each side. */
export interface KindChange {
  kind: string;
  before: number;
  after: number;
}

/** The kind of an object id `kind key` (object-hashes.ts): its first word. */
export function kindOf(id: string): string {
  const space = id.indexOf(" ");
  return space < 0 ? id : id.slice(0, space);
}

/** sha-256 over the sorted `id=hash` lines, 32 hex digits: the same set of hashes always gives the same digest. */
function digestOf(lines: string[]): string {
  const hash = createHash("sha256");
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest("hex").slice(0, 32);
}

export function summarizeHashes(hashes: Record<string, string>): HashSummary {
  const ids = Object.keys(hashes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byKind = new Map<string, string[]>();
  const all: string[] = [];
  for (const id of ids) {
    const line = `${id}=${hashes[id]}`;
    all.push(line);
    const kind = kindOf(id);
    const lines = byKind.get(kind) ?? [];
    lines.push(line);
    byKind.set(kind, lines);
  }
  const kinds: Record<string, KindSummary> = {};
  for (const kind of [...byKind.keys()].sort()) {
    const lines = byKind.get(kind)!;
    kinds[kind] = { count: lines.length, digest: digestOf(lines) };
  }
  return { count: all.length, digest: digestOf(all), kinds };
}

/** A per-object hash map (`kind key` → hash), as an earlier version kept in state and the objects file keeps. */
export function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string")
  );
}

export function isHashSummary(value: unknown): value is HashSummary {
  return hashSummarySchema.safeParse(value).success;
}

/** The kinds whose objects differ between two summaries (added, removed or changed), sorted by kind. */
export function changedKinds(before: HashSummary, after: HashSummary): KindChange[] {
  if (before.digest === after.digest) return [];
  const kinds = [...new Set([...Object.keys(before.kinds), ...Object.keys(after.kinds)])].sort();
  return kinds
    .filter((kind) => before.kinds[kind]?.digest !== after.kinds[kind]?.digest)
    .map((kind) => ({ kind, before: before.kinds[kind]?.count ?? 0, after: after.kinds[kind]?.count ?? 0 }));
}

/** `view (3 → 4 objects), procedure (2 objects, definitions differ)`, for logs. */
export function describeKindChanges(changes: readonly KindChange[]): string {
  return changes
    .map((c) =>
      c.before === c.after
        ? `${c.kind} (${c.after} object${c.after === 1 ? "" : "s"}, some differ)`
        : `${c.kind} (${c.before} → ${c.after} objects)`,
    )
    .join(", ");
}
