/** Storage clauses shared by tables, constraints and indexes: `ON fg`, `ON scheme(col)`, `WITH (...)`. */
import type { DataSpaceRef, SystemVersioningDef } from "../model";
import { ParseError, type TokenCursor } from "../token-cursor";

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
export function readWithOptions(
  c: TokenCursor,
  special: Record<string, (c: TokenCursor) => void> = {},
): Record<string, string> {
  const options: Record<string, string> = {};
  c.expectText("(");
  while (!c.acceptText(")")) {
    const name = c.next().upper;
    const reader = special[name];
    if (reader !== undefined) {
      c.expectText("=");
      reader(c);
      options[name] = "";
      c.acceptText(",");
      continue;
    }
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

const RETENTION_UNITS: Record<string, "DAY" | "WEEK" | "MONTH" | "YEAR"> = {
  DAY: "DAY",
  DAYS: "DAY",
  WEEK: "WEEK",
  WEEKS: "WEEK",
  MONTH: "MONTH",
  MONTHS: "MONTH",
  YEAR: "YEAR",
  YEARS: "YEAR",
};

/**
 * What follows `SYSTEM_VERSIONING =`: `OFF`, or `ON [( HISTORY_TABLE = s.t [, HISTORY_RETENTION_PERIOD = n UNIT |
 * INFINITE] [, DATA_CONSISTENCY_CHECK = ON|OFF] )]`. Undefined for OFF. DATA_CONSISTENCY_CHECK is a check made
 * when versioning is switched on, not a property of the table (the catalog does not keep it), so it is not modelled.
 */
export function readSystemVersioning(c: TokenCursor, defaultSchema: string): SystemVersioningDef | undefined {
  if (c.acceptWords("OFF")) return undefined;
  c.expectWords("ON");
  const versioning: SystemVersioningDef = {};
  if (!c.acceptText("(")) return versioning;
  while (!c.acceptText(")")) {
    const option = c.next();
    c.expectText("=");
    if (option.upper === "HISTORY_TABLE") {
      versioning.historyTable = c.readSchemaObjectName(defaultSchema);
    } else if (option.upper === "HISTORY_RETENTION_PERIOD") {
      if (!c.acceptWords("INFINITE")) {
        const period = c.next();
        const unit = RETENTION_UNITS[c.next().upper];
        if (period.type !== "number" || unit === undefined)
          throw new ParseError(
            "expected HISTORY_RETENTION_PERIOD = INFINITE or <number> DAYS|WEEKS|MONTHS|YEARS",
            period,
          );
        versioning.retention = { period: Number(period.text), unit };
      }
    } else if (option.upper === "DATA_CONSISTENCY_CHECK") {
      c.next();
    } else {
      throw new ParseError(`unexpected SYSTEM_VERSIONING option ${option.text}`, option);
    }
    if (!c.acceptText(",") && !c.atText(")"))
      throw new ParseError("expected ',' or ')' in SYSTEM_VERSIONING", c.peek());
  }
  return versioning;
}
