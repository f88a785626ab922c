/**
 * DMS names tables `schema.table` without brackets (tableMap keys, GetUserTables output, table-level output).
 * Users write `Orders`, `dbo.Orders` or `[dbo].[Orders]`; these helpers bring all three to `dbo.Orders` so
 * that inputs and outputs compare equal.
 */

const DEFAULT_SCHEMA = "dbo";

function unbracket(part: string): string {
  const trimmed = part.trim();
  return trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.slice(1, -1).replace(/\]\]/g, "]") : trimmed;
}

/** Splits `schema.table` honouring bracket quoting (`[my.schema].[t]`). A bare name gets the `dbo` schema. */
export function splitTableName(name: string): { schema: string; table: string } {
  const parts: string[] = [];
  let current = "";
  let inBracket = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "[" && !inBracket) inBracket = true;
    else if (ch === "]" && inBracket) {
      if (name[i + 1] === "]") {
        current += "]]";
        i++;
        continue;
      }
      inBracket = false;
    } else if (ch === "." && !inBracket) {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  if (parts.length === 1) return { schema: DEFAULT_SCHEMA, table: unbracket(parts[0]) };
  return { schema: unbracket(parts[parts.length - 2]), table: unbracket(parts[parts.length - 1]) };
}

/** `Orders` → `dbo.Orders`; `[Sales].[Orders]` → `Sales.Orders`. */
export function qualifiedTableName(name: string): string {
  const { schema, table } = splitTableName(name);
  return `${schema}.${table}`;
}

/** Table names compare case-insensitively, as SQL Server's default collations do. */
export function sameTableName(a: string, b: string): boolean {
  return qualifiedTableName(a).toLowerCase() === qualifiedTableName(b).toLowerCase();
}

/** `dbo.Orders` → `[dbo].[Orders]` (`]` doubled), the form the current DMS's tableList takes. */
export function bracketedTableName(name: string): string {
  const { schema, table } = splitTableName(name);
  const quote = (part: string) => `[${part.replace(/\]/g, "]]")}]`;
  return `${quote(schema)}.${quote(table)}`;
}
