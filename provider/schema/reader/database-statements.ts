/**
 * `ALTER DATABASE`: filegroups (ADD FILEGROUP) and database options (SET ...). Other forms (ADD FILE, MODIFY
 * NAME...) are kept as statements. Options the model does not know are reported as database-level settings.
 *
 * `CREATE DATABASE` is database-level, not schema: reported, not kept (the deployment targets an existing
 * database); its collation and containment are taken into the model's options when no other source set them.
 */
import { databaseObjectKey } from "../keys";
import type { DatabaseOptions } from "../model";
import type { Statement } from "../statements";
import type { TokenCursor } from "../token-cursor";
import type { ReaderContext } from "./reader-context";
import { DATABASE_REASON } from "./script-statements";

/** Options `applyOption` records in the model's own fields. */
const KNOWN_OPTIONS = new Set([
  "TRUSTWORTHY",
  "DB_CHAINING",
  "ENABLE_BROKER",
  "NEW_BROKER",
  "DISABLE_BROKER",
  "READ_COMMITTED_SNAPSHOT",
  "ALLOW_SNAPSHOT_ISOLATION",
  "COMPATIBILITY_LEVEL",
  "RECOVERY",
  "CONTAINMENT",
  "FILESTREAM",
]);

export function readCreateDatabase(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "DATABASE");
  c.readIdentifier(true);
  const taken: string[] = [];
  let depth = 0;
  while (!c.done) {
    const t = c.next();
    if (t.text === "(") depth++;
    else if (t.text === ")") depth--;
    else if (depth === 0 && t.upper === "COLLATE" && !c.done && ctx.model.options.collation === undefined) {
      ctx.model.options.collation = c.next().value;
      taken.push(`collation ${ctx.model.options.collation}`);
    } else if (depth === 0 && t.upper === "CONTAINMENT" && c.acceptText("=") && !c.done) {
      const value = c.next().upper;
      if ((value === "NONE" || value === "PARTIAL") && ctx.model.options.containment === undefined) {
        ctx.model.options.containment = value;
        taken.push(`containment ${value}`);
      }
    }
  }
  const note = taken.length > 0 ? ` (its ${taken.join(" and ")} taken into the model's database options)` : "";
  ctx.warn(stmt, `CREATE DATABASE: ${DATABASE_REASON}${note}`, ctx.file, "database");
}

export function readAlterDatabase(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("ALTER", "DATABASE");
  if (c.atWords("SCOPED")) {
    ctx.keepStatement(stmt, false);
    return;
  }
  c.readIdentifier(true); // database name or CURRENT
  if (c.acceptWords("ADD", "FILEGROUP")) {
    const name = c.readIdentifier();
    let type: "rows" | "filestream" | "memoryOptimized" = "rows";
    if (c.acceptWords("CONTAINS", "FILESTREAM")) type = "filestream";
    else if (c.acceptWords("CONTAINS", "MEMORY_OPTIMIZED_DATA")) type = "memoryOptimized";
    ctx.add(
      ctx.model.filegroups,
      { kind: "filegroup", key: databaseObjectKey(name), name, source: ctx.source(stmt), type, isDefault: false },
      stmt,
    );
    return;
  }
  if (c.acceptWords("SET")) {
    const unknown = readSetOptions(c, ctx.model.options);
    if (unknown.length > 0) {
      const list = unknown.join(", ");
      ctx.warn(
        stmt,
        `database option${unknown.length > 1 ? "s" : ""} ${list}: database-level setting${unknown.length > 1 ? "s" : ""} the schema model does not carry (recorded under other options only); not deployed`,
        ctx.file,
        "database",
      );
    }
    return;
  }
  ctx.keepStatement(stmt, false);
}

/**
 * Reads `SET opt [=] value [, ...] [WITH ROLLBACK ...]` into the model's options; returns the options it has
 * no field for (`ANSI_NULLS ON`), as written.
 */
function readSetOptions(c: TokenCursor, options: DatabaseOptions): string[] {
  const unknown: string[] = [];
  while (!c.done && !c.atWords("WITH")) {
    const name = c.next().upper;
    const equals = c.acceptText("=");
    let value = "";
    if (c.atText("(")) value = c.readParenthesized();
    else if (!c.done && !c.atText(",")) value = c.next().upper;
    // QUERY_STORE = ON (OPERATION_MODE = READ_WRITE, ...): the sub-options belong to the option.
    if (c.atText("(")) value += ` (${c.readParenthesized().replace(/\s+/g, " ")})`;
    applyOption(options, name, value);
    if (!KNOWN_OPTIONS.has(name)) unknown.push(`${name}${equals ? " =" : ""}${value !== "" ? ` ${value}` : ""}`);
    c.acceptText(",");
  }
  return unknown;
}

function applyOption(options: DatabaseOptions, name: string, value: string): void {
  const on = value === "ON";
  switch (name) {
    case "TRUSTWORTHY":
      options.isTrustworthy = on;
      return;
    case "DB_CHAINING":
      options.isDbChaining = on;
      return;
    case "ENABLE_BROKER":
    case "NEW_BROKER":
      options.isBrokerEnabled = true;
      return;
    case "DISABLE_BROKER":
      options.isBrokerEnabled = false;
      return;
    case "READ_COMMITTED_SNAPSHOT":
      options.isReadCommittedSnapshotOn = on;
      return;
    case "ALLOW_SNAPSHOT_ISOLATION":
      options.allowSnapshotIsolation = on;
      return;
    case "COMPATIBILITY_LEVEL":
      options.compatibilityLevel = Number(value);
      return;
    case "RECOVERY":
      if (value === "FULL" || value === "SIMPLE" || value === "BULK_LOGGED") options.recoveryModel = value;
      return;
    case "CONTAINMENT":
      if (value === "NONE" || value === "PARTIAL") options.containment = value;
      return;
    case "FILESTREAM": {
      const match = /NON_TRANSACTED_ACCESS\s*=\s*(OFF|READ_ONLY|FULL)/i.exec(value);
      if (match !== null)
        options.filestreamNonTransactedAccess = match[1]!.toUpperCase() as "OFF" | "READ_ONLY" | "FULL";
      return;
    }
    default:
      options.other = { ...(options.other ?? {}), [name]: value };
  }
}
