/**
 * Table names as the classic service writes them: `schema.table` without brackets (tableMap keys, GetUserTables
 * output, table-level output). Clients may send `Orders` (schema dbo), `dbo.Orders` or `[dbo].[Orders]`
 * (`]]` inside brackets stands for `]`; a period inside brackets is part of the name). Written for the emulator
 * from SQL Server's quoting rules, independently of the provider's own normalisation.
 */

/** The dot-separated parts of a (possibly bracketed) multi-part name, unquoted. */
function nameParts(name: string): string[] {
  const parts: string[] = [];
  let part = "";
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (quoted) {
      if (ch === "]" && name[i + 1] === "]") {
        part += "]";
        i++;
      } else if (ch === "]") quoted = false;
      else part += ch;
    } else if (ch === "[") quoted = true;
    else if (ch === ".") {
      parts.push(part.trim());
      part = "";
    } else part += ch;
  }
  parts.push(part.trim());
  return parts;
}

/** `Orders` → `dbo.Orders`; `[Sales].[Orders]` → `Sales.Orders`; `db.Sales.Orders` → `Sales.Orders`. */
export function qualifiedTableName(name: string): string {
  const parts = nameParts(name);
  const table = parts[parts.length - 1]!;
  const schema = parts.length > 1 ? parts[parts.length - 2]! : "dbo";
  return `${schema}.${table}`;
}

/** Same table, without regard to case (SQL Server's default collations) or quoting. */
export function sameTableName(a: string, b: string): boolean {
  return qualifiedTableName(a).toLowerCase() === qualifiedTableName(b).toLowerCase();
}
