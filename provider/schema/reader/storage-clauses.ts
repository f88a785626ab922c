/** Storage clauses shared by tables, constraints and indexes: `ON fg`, `ON scheme(col)`, `WITH (...)`. */
import type { DataSpaceRef } from "../model";
import type { TokenCursor } from "../token-cursor";

/** Reads what follows `ON`: a filegroup (PRIMARY, "default", [FG]) or a partition scheme with its column. */
export function readDataSpace(c: TokenCursor): DataSpaceRef {
  const name = c.readIdentifier(true);
  if (c.atText("(")) {
    c.expectText("(");
    const partitionColumn = c.readIdentifier(true);
    c.expectText(")");
    return { kind: "partitionScheme", name, partitionColumn };
  }
  return { kind: "filegroup", name: name.toUpperCase() === "PRIMARY" ? "PRIMARY" : name };
}

/**
 * Reads `WITH ( NAME = value, ... )` or `WITH ( NAME, ... )` into upper-case names → raw values (the value
 * text as written, upper-cased for words). Nested groups such as `SYSTEM_VERSIONING = ON (HISTORY_TABLE = x)`
 * are kept as text.
 */
export function readWithOptions(c: TokenCursor): Record<string, string> {
  const options: Record<string, string> = {};
  c.expectText("(");
  while (!c.acceptText(")")) {
    const name = c.next().upper;
    let value = "";
    if (c.acceptText("=")) {
      value = c.readUntil((t) => t.text === ",").trim();
      if (/^[A-Za-z_]+$/.test(value)) value = value.toUpperCase();
    }
    options[name] = value;
    c.acceptText(",");
  }
  return options;
}
