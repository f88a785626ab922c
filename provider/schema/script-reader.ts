/**
 * Reads T-SQL script files — one file, or a folder tree such as an SSDT project — into the schema model.
 * Files are read in sorted path order and statements that refer to objects from other files (ALTER TABLE,
 * CREATE INDEX, role membership) are applied once everything is read, so the result does not depend on how
 * the project is laid out. What the reader does not understand is kept and reported, never dropped.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { splitBatches } from "./batches";
import type { ColumnDef, DatabaseModel } from "./model";
import { ReaderContext, type ScriptWarning } from "./reader/reader-context";
import { readStatement } from "./reader/dispatch";
import { splitStatements } from "./statements";
import { schemaObjectKey } from "./keys";

export type { ScriptWarning } from "./reader/reader-context";

export interface ReadScriptsOptions {
  /** Name of the source database, so three-part names naming it are not taken for cross-database references. */
  databaseName?: string;
  /** Schema of unqualified names. Default "dbo". */
  defaultSchema?: string;
}

export interface ScriptReadResult {
  model: DatabaseModel;
  warnings: ScriptWarning[];
  /** Files read, relative to the root, in the order they were read. */
  files: string[];
}

/** A script text in memory, for callers (and tests) that do not read from disk. */
export interface ScriptSource {
  file: string;
  text: string;
}

/** Folders an SSDT project keeps build output in. */
const SKIPPED_FOLDERS = new Set(["bin", "obj", "node_modules", ".git"]);

/** Reads a .sql file, or every .sql file under a folder (recursively), or several of either. */
export async function readScripts(paths: string | string[], options: ReadScriptsOptions = {}): Promise<ScriptReadResult> {
  const sources: ScriptSource[] = [];
  for (const root of Array.isArray(paths) ? paths : [paths]) {
    const stat = await fs.stat(root);
    if (stat.isDirectory()) {
      for (const file of await listSqlFiles(root)) {
        sources.push({ file: toPosix(path.relative(root, file)), text: stripBom(await fs.readFile(file, "utf8")) });
      }
    } else {
      sources.push({ file: toPosix(path.basename(root)), text: stripBom(await fs.readFile(root, "utf8")) });
    }
  }
  return readScriptSources(sources, options);
}

/** Reads scripts already in memory, in the order given. */
export function readScriptSources(sources: ScriptSource[], options: ReadScriptsOptions = {}): ScriptReadResult {
  const ctx = new ReaderContext(options.defaultSchema ?? "dbo", options.databaseName);
  for (const source of sources) {
    ctx.file = source.file;
    for (const batch of splitBatches(source.text)) {
      for (const stmt of splitStatements(source.text, batch.tokens)) readStatement(ctx, stmt, source.text);
    }
  }
  ctx.runDeferred();
  resolveAliasTypeSizes(ctx.model);
  return { model: ctx.model, warnings: ctx.warnings, files: sources.map((s) => s.file) };
}

/** Convenience for a single script text. */
export function readScriptText(text: string, file = "<inline>", options: ReadScriptsOptions = {}): ScriptReadResult {
  return readScriptSources([{ file, text }], options);
}

async function listSqlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name.toLowerCase())) out.push(...(await listSqlFiles(full)));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".sql")) {
      out.push(full);
    }
  }
  // Sorted by relative path with a fixed comparison so every machine reads in the same order.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Columns declared with an alias type report the base type's sizes in sys.columns; do the same. */
function resolveAliasTypeSizes(model: DatabaseModel): void {
  const aliases = new Map(model.types.filter((t) => t.kind === "aliasType").map((t) => [t.key, t]));
  const resolve = (col: ColumnDef): void => {
    if (col.typeSchema === undefined) return;
    const alias = aliases.get(schemaObjectKey(col.typeSchema, col.typeName));
    if (alias === undefined || alias.kind !== "aliasType") return;
    col.maxLength = alias.maxLength;
    col.precision = alias.precision;
    col.scale = alias.scale;
  };
  for (const table of model.tables) table.columns.forEach(resolve);
  for (const type of model.types) if (type.kind === "tableType") type.columns.forEach(resolve);
}
