/**
 * A stable hash of a model: sha256 over canonical JSON. Object lists are ordered by key and source locations
 * are left out by default, so the same schema read from a reorganised script folder, or extracted in a
 * different order, has the same fingerprint.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import type { DatabaseModel } from "./model";

export interface FingerprintOptions {
  /** Include where each object was read from (file and line). Default false. */
  includeSource?: boolean;
}

/** Lists added to the model after fingerprints were first stored: left out while empty, so older fingerprints hold. */
const LATER_LISTS = new Set(["securityPolicies", "xmlSchemaCollections"]);

export function fingerprint(model: DatabaseModel, options: FingerprintOptions = {}): string {
  const lists: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(model)) {
    if (!Array.isArray(value)) {
      lists[name] = value;
      continue;
    }
    if (value.length === 0 && LATER_LISTS.has(name)) continue;
    const sorted = [...(value as { key: string; source?: unknown }[])].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    );
    lists[name] = options.includeSource === true ? sorted : sorted.map(withoutSource);
  }
  return `sha256:${createHash("sha256").update(canonicalJson(lists)).digest("hex")}`;
}

function withoutSource<T extends { key: string; source?: unknown }>(obj: T): Omit<T, "source"> {
  const { source: _source, ...rest } = obj;
  return rest;
}
