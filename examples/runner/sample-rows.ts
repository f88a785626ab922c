/**
 * Deterministic rows for a table of the quickstart's source database, by column type: enough for the copy and
 * the validation to have something real to count and hash.
 */
import type { TableDef } from "../../provider/schema/model";

type Cell = string | number | Date | null;

function cell(typeName: string, column: string, i: number): Cell {
  const type = typeName.toLowerCase();
  if (["int", "bigint", "smallint", "tinyint"].includes(type)) return (i % 30000) + 1;
  if (["decimal", "numeric", "money", "smallmoney", "float", "real"].includes(type)) return ((i * 37) % 100000) / 100;
  if (["date", "datetime", "datetime2", "smalldatetime", "datetimeoffset"].includes(type))
    return new Date(Date.UTC(2024, 0, 1) + i * 60_000);
  if (type === "bit") return i % 2;
  return `${column} ${i + 1}`;
}

/** `count` rows for `table`; the first key column counts up from 1, so every row has its own key. */
export function sampleRows(table: TableDef, count: number): Cell[][] {
  const key = table.primaryKey?.columns[0]?.name;
  return Array.from({ length: count }, (_, i) =>
    table.columns.map((c) => (c.name === key ? i + 1 : cell(c.typeName, c.name, i))),
  );
}
