/**
 * The source's version: a cheap answer to "may the source schema have changed since the last check?", so a
 * converged `preview` or `up` does not read, assess and hash the whole source again (the engine-overhead
 * figures in bench/README.md: that read was most of the SchemaDeployment's extra time).
 *
 *   - a live database: the schema-version probe (provider/sql/schema-version.ts), one query;
 *   - T-SQL scripts: every file's path, size and modification time (nanoseconds) under the folder, or of the file;
 *   - a snapshot: the SHA-256 of the file.
 * The package's version is part of it: another release may read, assess or hash the same source differently.
 * Two equal versions are taken as the same source; anything that fails here costs a full read, never a reuse.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { readSchemaVersion } from "../../sql/schema-version";
import { packageVersion } from "../../package-version";
import type { SchemaSourceInput } from "./inputs";

/** Bumped when what a version is made of changes, so versions recorded before never match. */
const FORMAT = "v1";
/** Folders the script reader skips (SSDT build output, dependencies, git): their churn is not the schema's. */
const SKIPPED_FOLDERS = new Set(["bin", "obj", "node_modules", ".git"]);

async function fileStamps(root: string, relative = ""): Promise<string[]> {
  const full = path.join(root, relative);
  const stat = await fs.stat(full, { bigint: true });
  if (!stat.isDirectory()) return [`${relative || path.basename(root)} ${stat.size} ${stat.mtimeNs}`];
  const entries = await fs.readdir(full, { withFileTypes: true });
  const stamps: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name.toLowerCase())) continue;
    stamps.push(...(await fileStamps(root, path.join(relative, entry.name))));
  }
  return stamps;
}

async function sourceAnswer(source: SchemaSourceInput): Promise<string> {
  if (source.connection) return `database ${await readSchemaVersion(source.connection)}`;
  if (source.scriptPath !== undefined) return `scripts ${(await fileStamps(source.scriptPath)).join("\n")}`;
  if (source.snapshotPath !== undefined)
    return `snapshot ${createHash("sha256")
      .update(await fs.readFile(source.snapshotPath))
      .digest("hex")}`;
  throw new Error("source: must give one of connection, scriptPath or snapshotPath");
}

/** The source's version now; throws when it cannot be told (the caller reads the whole source instead). */
export async function sourceVersion(source: SchemaSourceInput): Promise<string> {
  const answer = await sourceAnswer(source);
  const digest = createHash("sha256").update(answer).digest("hex").slice(0, 32);
  return `${FORMAT} ${await packageVersion()} ${digest}`;
}
