/**
 * Reads T-SQL script files — one file, or a folder tree such as an SSDT project — into the schema model.
 * Files are read in sorted path order and statements that refer to objects from other files (ALTER TABLE,
 * CREATE INDEX, role membership) are applied once everything is read, so the result does not depend on how
 * the project is laid out. Nothing is silently dropped: every statement is modelled, kept as written, or
 * reported with the reason it is not (data, install-script logic, drops, database-level statements).
 *
 * Per file: the text is decoded (UTF-8 with or without BOM, UTF-16 LE/BE by BOM or by the NUL bytes of
 * ASCII text), split into batches by the sqlcmd layer (batches.ts: GO, `:setvar` / `$(var)`, `:r`), each
 * batch lexed once into a token table (carrying SET QUOTED_IDENTIFIER from batch to batch), split into
 * statements (statements.ts) and routed (reader/script-statements.ts → reader/dispatch.ts). A file that
 * another file of the set includes with `:r` is read where it is included, once.
 */
import { isAscii } from "node:buffer";
import * as fsSync from "node:fs";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { optimisticBatches, scanScript, SqlcmdVariables, type ScriptBatch } from "./batches";
import type { ColumnDef, DatabaseModel } from "./model";
import { ReaderContext, type ScriptWarning } from "./reader/reader-context";
import { readStatement } from "./reader/dispatch";
import { classifyBlock, classifyLeaf, StatementRouter } from "./reader/script-statements";
import { lexBatch, splitNodes, TokenTable } from "./statements";
import { schemaObjectKey } from "./keys";

export type { ScriptWarning, ScriptWarningKind } from "./reader/reader-context";

export interface ReadScriptsOptions {
  /** Name of the source database, so three-part names naming it are not taken for cross-database references. */
  databaseName?: string;
  /** Schema of unqualified names. Default "dbo". */
  defaultSchema?: string;
  /**
   * sqlcmd variables known before any `:setvar` (an SSDT project's SqlCmdVariables). `DatabaseName`, which
   * SSDT always defines, defaults to `databaseName`.
   */
  variables?: Record<string, string>;
}

export interface ScriptReadResult {
  model: DatabaseModel;
  warnings: ScriptWarning[];
  /** Files read, relative to the root, in the order they were read (an included file where it was included). */
  files: string[];
}

/** A script text in memory, for callers (and tests) that do not read from disk. */
export interface ScriptSource {
  file: string;
  text: string;
  /** Where the file is on disk: `:r` includes that are not among the sources are looked for next to it. */
  path?: string;
  /** Set by readScripts when the bytes needed a fallback to be read (reported as a `file` warning). */
  decodeWarning?: string;
}

/** Folders an SSDT project keeps build output in. */
const SKIPPED_FOLDERS = new Set(["bin", "obj", "node_modules", ".git"]);
/** Files read from disk at once. */
const READ_CONCURRENCY = 16;

/** Reads a .sql file, or every .sql file under a folder (recursively), or several of either. */
export async function readScripts(
  paths: string | string[],
  options: ReadScriptsOptions = {},
): Promise<ScriptReadResult> {
  const wanted: { file: string; full: string }[] = [];
  for (const root of Array.isArray(paths) ? paths : [paths]) {
    const stat = await fs.stat(root);
    if (stat.isDirectory()) {
      for (const full of await listSqlFiles(root)) wanted.push({ file: toPosix(path.relative(root, full)), full });
    } else {
      wanted.push({ file: toPosix(path.basename(root)), full: path.resolve(root) });
    }
  }
  const sources: ScriptSource[] = new Array(wanted.length);
  for (let i = 0; i < wanted.length; i += READ_CONCURRENCY) {
    await Promise.all(
      wanted.slice(i, i + READ_CONCURRENCY).map(async ({ file, full }, j) => {
        const decoded = decodeScript(await fs.readFile(full));
        sources[i + j] = {
          file,
          text: decoded.text,
          path: path.resolve(full),
          ...(decoded.warning !== undefined ? { decodeWarning: decoded.warning } : {}),
        };
      }),
    );
  }
  return readScriptSources(sources, options);
}

/** Reads scripts already in memory, in the order given. */
export function readScriptSources(sources: ScriptSource[], options: ReadScriptsOptions = {}): ScriptReadResult {
  const ctx = new ReaderContext(options.defaultSchema ?? "dbo", options.databaseName);
  const files = new ScriptSetReader(ctx, sources, options).readAll();
  ctx.runDeferred();
  resolveAliasTypeSizes(ctx.model);
  return { model: ctx.model, warnings: ctx.warnings, files };
}

/** Convenience for a single script text. */
export function readScriptText(text: string, file = "<inline>", options: ReadScriptsOptions = {}): ScriptReadResult {
  return readScriptSources([{ file, text }], options);
}

/** How the bytes of a script file were read. */
export interface DecodedScript {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
  warning?: string;
}

/**
 * Decodes a script file's bytes: a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE); without one, UTF-16 is recognised
 * by the NUL bytes that ASCII characters leave in every other byte, and anything else is UTF-8, or read as
 * Windows-1252 (with a warning) when it is not valid UTF-8.
 */
export function decodeScript(bytes: Uint8Array): DecodedScript {
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8(bytes.subarray(3)) ?? latin1(bytes.subarray(3)), encoding: "utf-8-bom" };
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: utf16(bytes.subarray(2), false), encoding: "utf-16le" };
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: utf16(bytes.subarray(2), true), encoding: "utf-16be" };
  const guess = guessUtf16(bytes);
  if (guess !== undefined) return { text: stripBom(utf16(bytes, guess === "utf-16be")), encoding: guess };
  const text = utf8(bytes);
  if (text !== undefined) return { text, encoding: "utf-8" };
  return {
    text: latin1(bytes),
    encoding: "windows-1252",
    warning: "not valid UTF-8 and no byte order mark: read as Windows-1252",
  };
}

/** UTF-8 text, or undefined when the bytes are not valid UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  // Plain ASCII (most scripts) is read byte for byte, without UTF-8 validation.
  if (isAscii(bytes)) return latin1(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

function utf16(bytes: Uint8Array, bigEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const copy = Buffer.from(even);
  if (bigEndian) copy.swap16();
  return copy.toString("utf16le");
}

/** UTF-16 without a BOM: in the first 4 KB, ASCII leaves a NUL in every odd (LE) or even (BE) byte. */
function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.05) return "utf-16le";
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.05) return "utf-16be";
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a set of sources with their `:r` includes, and the state sqlcmd carries through a run. */
class ScriptSetReader {
  private readonly table = new TokenTable();
  private readonly byFile = new Map<string, number>();
  private readonly byFileLower = new Map<string, number>();
  /** Where each source was read (for "already read" reports); absent = not read yet. */
  private readonly readAt = new Map<number, string>();
  private readonly order: string[] = [];
  /** Sources of the set the reader found on disk through `:r` (appended after the given ones). */
  private readonly sources: ScriptSource[];
  private quotedIdentifier = true;
  private readonly initialVariables: Record<string, string>;

  constructor(
    private readonly ctx: ReaderContext,
    sources: ScriptSource[],
    options: ReadScriptsOptions,
  ) {
    this.sources = [...sources];
    this.sources.forEach((s, i) => {
      const key = normalizeFile(s.file);
      if (!this.byFile.has(key)) this.byFile.set(key, i);
      if (!this.byFileLower.has(key.toLowerCase())) this.byFileLower.set(key.toLowerCase(), i);
    });
    this.initialVariables = {
      ...(options.databaseName !== undefined ? { DatabaseName: options.databaseName } : {}),
      ...(options.variables ?? {}),
    };
  }

  /** Reads every source (those another source includes where they are included); returns the files in read order. */
  readAll(): string[] {
    const given = this.sources.length;
    const included = this.includedSources();
    for (let i = 0; i < given; i++) if (!included.has(i) && !this.readAt.has(i)) this.readRoot(i);
    // Files only reachable through an include cycle.
    for (let i = 0; i < given; i++) if (!this.readAt.has(i)) this.readRoot(i);
    return this.order;
  }

  /** Sources that another source of the set includes with `:r` (found by a first pass over files that have `:r` lines). */
  private includedSources(): Set<number> {
    const included = new Set<number>();
    this.sources.forEach((source, i) => {
      if (!mayInclude(source.text)) return;
      for (const unit of scanScript(source.text, new SqlcmdVariables(this.initialVariables))) {
        if (unit.kind !== "include") continue;
        const target = this.findInSet(source, unit.path);
        if (target !== undefined && target !== i) included.add(target);
      }
    });
    return included;
  }

  private readRoot(index: number): void {
    this.quotedIdentifier = true;
    this.readFile(index, new SqlcmdVariables(this.initialVariables), []);
  }

  private readFile(index: number, variables: SqlcmdVariables, including: number[]): void {
    const source = this.sources[index]!;
    const ctx = this.ctx;
    const outerFile = ctx.file;
    ctx.file = source.file;
    this.readAt.set(
      index,
      including.length === 0
        ? "read on its own"
        : `included from ${this.sources[including[including.length - 1]!]!.file}`,
    );
    this.order.push(source.file);
    if (source.decodeWarning !== undefined) ctx.report("file", 1, "", source.decodeWarning);
    const router = new StatementRouter(ctx, (stmt, text) => readStatement(ctx, stmt, text));
    // Without sqlcmd syntax the file is split at its GO lines in one search; if one of them was inside a
    // string or comment after all, the batch before it runs off its end and the file is scanned exactly from there.
    let from: { offset: number; line: number } | undefined = { offset: 0, line: 1 };
    const optimistic = optimisticBatches(source.text);
    if (optimistic !== undefined) {
      from = undefined;
      for (const batch of optimistic) {
        if (!this.readBatch(batch, router, true)) {
          from = { offset: batch.start, line: batch.line };
          break;
        }
      }
    }
    const units = from === undefined ? [] : scanScript(source.text, variables, from);
    for (const unit of units) {
      switch (unit.kind) {
        case "batch":
          this.readBatch(unit, router);
          break;
        case "include":
          router.flush();
          this.include(index, unit.path, unit.line, variables, [...including, index]);
          ctx.file = source.file;
          break;
        case "command":
          if (unit.name === "setvar") break;
          ctx.report(
            "sqlcmd",
            unit.line,
            unit.text,
            `sqlcmd command ${unit.text.split(/\s+/).slice(0, 2).join(" ")} only steers how sqlcmd runs the script; ignored`,
          );
          break;
        case "undefinedVariable":
          ctx.report(
            "sqlcmd",
            unit.line,
            `$(${unit.name})`,
            `sqlcmd variable $(${unit.name}) has no value (no :setvar before it, none given to the reader); left as written`,
          );
          break;
      }
    }
    router.flush();
    ctx.file = outerFile;
  }

  /**
   * Lexes, splits and routes one batch. With `checkCut`, a batch whose text ends inside a string, comment or
   * stepped-over group is not read (false is returned, QUOTED_IDENTIFIER left as it was).
   */
  private readBatch(batch: ScriptBatch, router: StatementRouter, checkCut = false): boolean {
    const table = this.table;
    const quotedIdentifier = lexBatch(batch.text, table, {
      startLine: batch.line,
      quotedIdentifier: this.quotedIdentifier,
    });
    if (checkCut && table.ranOff) return false;
    this.quotedIdentifier = quotedIdentifier;
    if (table.count === 0) return true;
    const nodes = splitNodes(table);
    if (batch.repeat > 1 && batch.goLine !== undefined) {
      const schema = nodes.some((node) => {
        const cls = node.body !== undefined ? classifyBlock(table, node) : classifyLeaf(table, node);
        return cls !== "data" && cls !== "script" && cls !== "message";
      });
      if (schema) {
        this.ctx.report(
          "sqlcmd",
          batch.goLine,
          `GO ${batch.repeat}`,
          `GO ${batch.repeat} runs the batch before it ${batch.repeat} times; its statements are read once`,
        );
      }
    }
    for (const node of nodes) router.route(table, node);
    return true;
  }

  /** `:r file` in source `from`: read the file where it is included, once. */
  private include(from: number, file: string, line: number, variables: SqlcmdVariables, including: number[]): void {
    const ctx = this.ctx;
    const source = this.sources[from]!;
    const shown = `:r ${file}`;
    let target = this.findInSet(source, file);
    if (target === undefined) target = this.findOnDisk(source, file);
    if (target === undefined) {
      ctx.report(
        "sqlcmd",
        line,
        shown,
        `included file not found (looked for ${this.candidates(source, file).join(", ")}); not read`,
      );
      return;
    }
    if (including.includes(target)) {
      ctx.report(
        "sqlcmd",
        line,
        shown,
        `includes ${this.sources[target]!.file}, which is being read already (an include cycle); not read again`,
      );
      return;
    }
    const readAt = this.readAt.get(target);
    if (readAt !== undefined) {
      ctx.report("sqlcmd", line, shown, `${this.sources[target]!.file} was read already (${readAt}); not read again`);
      return;
    }
    this.readFile(target, variables, including);
  }

  /** The source an include names, relative to the including file (exact path first, then ignoring case). */
  private findInSet(from: ScriptSource, file: string): number | undefined {
    const key = includeKey(from.file, file);
    return this.byFile.get(key) ?? this.byFileLower.get(key.toLowerCase());
  }

  /** An included file that is not among the sources but exists next to the including file on disk. */
  private findOnDisk(from: ScriptSource, file: string): number | undefined {
    if (from.path === undefined) return undefined;
    const full = path.resolve(path.dirname(from.path), file.replace(/\\/g, "/"));
    let bytes: Buffer;
    try {
      if (!fsSync.statSync(full).isFile()) return undefined;
      bytes = fsSync.readFileSync(full);
    } catch {
      return undefined;
    }
    const decoded = decodeScript(bytes);
    const index = this.sources.length;
    const name = includeKey(from.file, file);
    this.sources.push({
      file: name,
      text: decoded.text,
      path: full,
      ...(decoded.warning !== undefined ? { decodeWarning: decoded.warning } : {}),
    });
    this.byFile.set(name, index);
    this.byFileLower.set(name.toLowerCase(), index);
    return index;
  }

  private candidates(from: ScriptSource, file: string): string[] {
    const out = [includeKey(from.file, file)];
    if (from.path !== undefined) out.push(path.resolve(path.dirname(from.path), file.replace(/\\/g, "/")));
    return out;
  }
}

/** Whether the text may hold a `:r` line (a cheap test before the real scan). */
function mayInclude(text: string): boolean {
  return (text.includes(":r") || text.includes(":R")) && /^[ \t]*:r[ \t]/im.test(text);
}

/** The set's name for a file included from `fromFile`: relative to its folder, with / separators. */
function includeKey(fromFile: string, included: string): string {
  const target = included.replace(/\\/g, "/");
  if (path.posix.isAbsolute(target) || /^[A-Za-z]:\//.test(target)) return normalizeFile(target);
  return normalizeFile(path.posix.join(path.posix.dirname(fromFile.replace(/\\/g, "/")), target));
}

function normalizeFile(file: string): string {
  return path.posix.normalize(file.replace(/\\/g, "/"));
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
