/**
 * Per-object hashes of a model, and what changed between two sets of them.
 *
 * Why hashes and not the model: `diff` must say which objects a new source would create or alter compared with
 * what the last update deployed, and refresh which objects drifted. The whole model would be far too big to
 * keep; a short hash per object is enough to name what changed. State keeps only a summary of them
 * (hash-summary.ts), the hashes themselves go to the objects file (objects-file.ts).
 */
import { createHash } from "node:crypto";
import { allObjects, type DatabaseModel, type SchemaObject } from "../../schema";

/** `kind key`, e.g. `table [Sales].[Orders]`: unique within a model. */
export function objectId(obj: Pick<SchemaObject, "kind" | "key">): string {
  return `${obj.kind} ${obj.key}`;
}

/** Id under which the database options are hashed (they are not an object list of the model). */
export const DATABASE_OPTIONS_ID = "database DATABASE";

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** One hash per object (where it was read from left out: moving a file does not change an object). */
export function objectHashes(model: DatabaseModel): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const obj of allObjects(model)) {
    const { source: _where, ...what } = obj as SchemaObject & { source?: unknown };
    hashes[objectId(obj)] = shortHash(stableJson(what));
  }
  if (Object.keys(model.options).length > 0) hashes[DATABASE_OPTIONS_ID] = shortHash(stableJson(model.options));
  return hashes;
}

export interface SourceChanges {
  /** In the new source, not in the last deployed one. */
  created: string[];
  /** In both, with a different definition. */
  altered: string[];
  /** In the last deployed source, gone from the new one (left on the target unless dropExtraObjects). */
  removed: string[];
}

export function compareObjectHashes(previous: Record<string, string>, next: Record<string, string>): SourceChanges {
  const created: string[] = [];
  const altered: string[] = [];
  const removed: string[] = [];
  for (const [id, hash] of Object.entries(next)) {
    if (!(id in previous)) created.push(id);
    else if (previous[id] !== hash) altered.push(id);
  }
  for (const id of Object.keys(previous)) if (!(id in next)) removed.push(id);
  const sort = (list: string[]) => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { created: sort(created), altered: sort(altered), removed: sort(removed) };
}

/** The created and altered objects the script does not leave out (`omitted`: `kind key` → why); removed as they are. */
export function scriptedChanges(changes: SourceChanges, omitted: Record<string, string>): SourceChanges {
  return {
    created: changes.created.filter((id) => omitted[id] === undefined),
    altered: changes.altered.filter((id) => omitted[id] === undefined),
    removed: changes.removed,
  };
}

/** Objects counted by kind, for the outputs. */
export function countObjects(model: DatabaseModel): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const obj of allObjects(model)) counts[obj.kind] = (counts[obj.kind] ?? 0) + 1;
  return counts;
}
