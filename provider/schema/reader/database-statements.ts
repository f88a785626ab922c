/**
 * `ALTER DATABASE`: filegroups (ADD FILEGROUP) and database options (SET ...). Other forms (ADD FILE, MODIFY
 * NAME...) are kept as statements.
 */
import { databaseObjectKey } from "../keys";
import type { DatabaseOptions } from "../model";
import type { Statement } from "../statements";
import type { TokenCursor } from "../token-cursor";
import type { ReaderContext } from "./reader-context";

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
    ctx.add(ctx.model.filegroups, { kind: "filegroup", key: databaseObjectKey(name), name, source: ctx.source(stmt), type, isDefault: false }, stmt);
    return;
  }
  if (c.acceptWords("SET")) {
    readSetOptions(c, ctx.model.options);
    return;
  }
  ctx.keepStatement(stmt, false);
}

/** Reads `SET opt [=] value [, ...] [WITH ROLLBACK ...]` into the model's options. */
function readSetOptions(c: TokenCursor, options: DatabaseOptions): void {
  while (!c.done && !c.atWords("WITH")) {
    const name = c.next().upper;
    c.acceptText("=");
    let value = "";
    if (c.atText("(")) value = c.readParenthesized();
    else if (!c.done && !c.atText(",")) value = c.next().upper;
    applyOption(options, name, value);
    c.acceptText(",");
  }
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
      if (match !== null) options.filestreamNonTransactedAccess = match[1]!.toUpperCase() as "OFF" | "READ_ONLY" | "FULL";
      return;
    }
    default:
      options.other = { ...(options.other ?? {}), [name]: value };
  }
}
