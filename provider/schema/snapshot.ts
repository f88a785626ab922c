/**
 * Save and load a schema model as a JSON file. The file carries a format version so an older or newer tool
 * refuses a snapshot it would misread, and the model is validated on load so a hand-edited or truncated file
 * fails with the path of the first wrong field instead of a confusing error far away.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { DatabaseModel } from "./model";
import { databaseModelSchema } from "./model-validation";

export const SNAPSHOT_FORMAT = "pulumi-azure-sql-migration/schema-snapshot";
/**
 * 3: indexed views (`views[].indexes`, absent on a view without indexes).
 * 2: security policies and XML schema collections (new model lists), temporal tables, masked/hidden/generated columns, column sets, graph
 * tables.
 * Older files still load: a version 1 file cannot hold any of that, so it is version 2 with no security policy and
 * no XML schema collection; a version 2 file cannot hold a view's indexes, so it is version 3 with none. An upgraded
 * file is then validated against the current shape, so a field no version knows is refused.
 */
export const SNAPSHOT_FORMAT_VERSION = 3;
/**
 * Older versions this tool still reads, each with the step that brings its model up one version (to `version + 1`);
 * the steps run in order from the file's version up to the current one.
 */
const UPGRADES: Record<number, (model: Record<string, unknown>) => void> = {
  1: (model) => {
    if (!("securityPolicies" in model)) model.securityPolicies = [];
    if (!("xmlSchemaCollections" in model)) model.xmlSchemaCollections = [];
  },
  // Nothing to add: a view without indexes has no `indexes` field.
  2: () => undefined,
};

export interface SchemaSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  model: DatabaseModel;
}

const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  model: databaseModelSchema,
});

/** Thrown when a snapshot file is unreadable or does not match the model; `issues` lists every wrong path. */
export class SnapshotError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "SnapshotError";
  }
}

/** Serialises a model into snapshot text (two-space indented JSON, trailing newline). */
export function serializeSnapshot(model: DatabaseModel): string {
  const snapshot: SchemaSnapshot = { format: SNAPSHOT_FORMAT, formatVersion: SNAPSHOT_FORMAT_VERSION, model };
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Parses and validates snapshot text; `file` is only used in error messages. */
export function parseSnapshot(text: string, file = "<snapshot>"): DatabaseModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(`${file}: not valid JSON (${(err as Error).message})`, file);
  }
  const version =
    raw !== null && typeof raw === "object" ? (raw as { formatVersion?: unknown }).formatVersion : undefined;
  if (typeof version === "number" && UPGRADES[version] !== undefined) {
    const old = raw as { formatVersion: number; model?: unknown };
    for (let v = version; v < SNAPSHOT_FORMAT_VERSION; v++) {
      if (old.model !== null && typeof old.model === "object") UPGRADES[v]!(old.model as Record<string, unknown>);
    }
    raw = { ...old, formatVersion: SNAPSHOT_FORMAT_VERSION };
  }
  const result = snapshotSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new SnapshotError(
      `${file}: invalid schema snapshot at ${first?.path}: ${first?.message}${more}`,
      file,
      issues,
    );
  }
  return result.data.model;
}

/** Writes a snapshot atomically (temp file + rename) so a crash never leaves half a snapshot behind. */
export async function saveSnapshot(file: string, model: DatabaseModel): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, serializeSnapshot(model), "utf8");
  await fs.rename(temp, file);
}

export async function loadSnapshot(file: string): Promise<DatabaseModel> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (err) {
    throw new SnapshotError(`${file}: cannot read snapshot (${(err as Error).message})`, file);
  }
  return parseSnapshot(text, file);
}

/** `model.tables[3].columns[0].maxLength` style, the way a reader would navigate the JSON. */
function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? String(s) : `.${String(s)}`;
  }
  return out === "" ? "(root)" : out;
}
