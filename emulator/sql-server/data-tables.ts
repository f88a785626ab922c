/**
 * Table data the tests control, answering the data-validation queries of provider/sql/validation: row counts,
 * primary keys, key bounds, key walks and checksums per key range. Tables are recognised from the
 * bracket-quoted two-part name in the query text (or the @table parameter), which also proves the caller
 * quoted it (a `]` must arrive as `]]`); range conditions are read from the query text and its parameters.
 */
import { createHash } from "crypto";
import type { CellValue } from "./protocol/column-encoding";
import type { QueryHandler, QueryRequest, QueryResponse } from "./query-handler";
import { VALIDATION_MARKERS } from "../../provider/sql/validation/queries";

export interface DataTable {
  /** Column names, in order. */
  columns: string[];
  /** The primary key's columns in key order, with their SQL type names; none for a heap without a key. */
  primaryKey?: { column: string; type: string }[];
  rows: CellValue[][];
}

const QUOTED = String.raw`\[(?:[^\]]|\]\])*\]`;
const TWO_PART = new RegExp(String.raw`(${QUOTED})\.(${QUOTED})`);
const unquote = (quoted: string) => quoted.slice(1, -1).replace(/]]/g, "]");

/** CHECKSUM_AGG is order-independent: here, the sum (mod 2^32) of a hash per row, as a signed int; null when empty. */
export function aggregateChecksum(rows: CellValue[][]): number | null {
  if (!rows.length) return null;
  let sum = 0;
  for (const row of rows) {
    const text = JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    sum = (sum + createHash("sha256").update(text).digest().readInt32LE(0)) | 0;
  }
  return sum;
}

type Comparable = bigint | number | string;

function comparable(value: unknown): Comparable {
  if (typeof value === "bigint" || typeof value === "number")
    return BigInt(Math.trunc(Number(value))) === BigInt(value as never) ? BigInt(value as never) : Number(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function compare(a: unknown, b: unknown): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === "bigint" && typeof y === "string" && /^-?\d+$/.test(y))
    return x < BigInt(y) ? -1 : x > BigInt(y) ? 1 : 0;
  if (typeof x === "string" && typeof y === "bigint" && /^-?\d+$/.test(x))
    return BigInt(x) < y ? -1 : BigInt(x) > y ? 1 : 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

type Simple =
  { type: "bigint" } | { type: "int" } | { type: "nvarchar" } | { type: "datetime2" } | { type: "uniqueidentifier" };

const result = (columns: [string, Simple["type"]][], rows: CellValue[][]): QueryResponse => ({
  resultSets: [{ columns: columns.map(([name, type]) => ({ name, type: { type } as Simple })), rows }],
});

/** The wire type a key value is answered in, from the key column's SQL type. */
function keyWireType(sqlType: string | undefined): Simple["type"] {
  const type = (sqlType ?? "int").toLowerCase();
  if (["tinyint", "smallint", "int", "bigint"].includes(type)) return "bigint";
  if (["date", "datetime", "datetime2", "smalldatetime"].includes(type)) return "datetime2";
  if (type === "uniqueidentifier") return "uniqueidentifier";
  return "nvarchar";
}

export class DataTables {
  private readonly tables = new Map<string, DataTable>();

  private static key(schema: string, name: string): string {
    return `${schema}\u0000${name}`;
  }

  set(schema: string, name: string, table: DataTable): void {
    this.tables.set(DataTables.key(schema, name), table);
  }

  get(schema: string, name: string): DataTable | undefined {
    return this.tables.get(DataTables.key(schema, name));
  }

  /** Changes rows in place (a test's "the target differs"). */
  update(schema: string, name: string, change: (rows: CellValue[][]) => void): void {
    const table = this.get(schema, name);
    if (!table) throw new Error(`no data table ${schema}.${name}`);
    change(table.rows);
  }

  clear(): void {
    this.tables.clear();
  }

  /** Every table, in name order. */
  list(): { schema: string; name: string; table: DataTable }[] {
    return [...this.tables.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, table]) => {
        const [schema, name] = key.split("\u0000") as [string, string];
        return { schema, name, table };
      });
  }

  readonly handler: QueryHandler = (request) => {
    if (!request.sql.includes("/* validate:")) return undefined;
    if (request.sql.includes(VALIDATION_MARKERS.userTables)) {
      const rows = [...this.tables.keys()].sort().map((key) => key.split("\u0000") as CellValue[]);
      return result(
        [
          ["schema_name", "nvarchar"],
          ["table_name", "nvarchar"],
        ],
        rows,
      );
    }
    const named =
      request.sql.includes(VALIDATION_MARKERS.metadataRowCount) || request.sql.includes(VALIDATION_MARKERS.primaryKey)
        ? TWO_PART.exec(String(request.params["table"] ?? ""))
        : TWO_PART.exec(request.sql.slice(request.sql.indexOf("FROM")));
    if (!named) return invalidObject(request.sql);
    const table = this.get(unquote(named[1]!), unquote(named[2]!));
    if (!table) return invalidObject(`${named[1]}.${named[2]}`);
    return this.answer(request, table);
  };

  private answer(request: QueryRequest, table: DataTable): QueryResponse {
    const sql = request.sql;
    const keyIndex = table.primaryKey?.length ? table.columns.indexOf(table.primaryKey[0]!.column) : -1;
    const keyOf = (row: CellValue[]) => row[keyIndex];
    if (sql.includes(VALIDATION_MARKERS.rowCount) || sql.includes(VALIDATION_MARKERS.metadataRowCount)) {
      return result([["row_count", "bigint"]], [[BigInt(table.rows.length)]]);
    }
    if (sql.includes(VALIDATION_MARKERS.primaryKey)) {
      return result(
        [
          ["column_name", "nvarchar"],
          ["type_name", "nvarchar"],
        ],
        (table.primaryKey ?? []).map((k) => [k.column, k.type]),
      );
    }
    if (sql.includes(VALIDATION_MARKERS.tableChecksum)) {
      return result(
        [
          ["row_count", "bigint"],
          ["checksum", "int"],
        ],
        [[BigInt(table.rows.length), aggregateChecksum(table.rows)]],
      );
    }
    const keys = table.rows.map(keyOf).sort(compare);
    const keyType = keyWireType(table.primaryKey?.[0]?.type);
    if (sql.includes(VALIDATION_MARKERS.keyBounds)) {
      return result(
        [
          ["low", keyType],
          ["high", keyType],
        ],
        [[keys.length ? keys[0]! : null, keys.length ? keys[keys.length - 1]! : null]],
      );
    }
    if (sql.includes(VALIDATION_MARKERS.keysetBoundary)) {
      const after = request.params["after"];
      const chunk = Number(request.params["chunk"]);
      const next = keys.filter((k) => after === undefined || compare(k, after) > 0).slice(0, chunk);
      return result([["boundary", keyType]], [[next.length ? next[next.length - 1]! : null]]);
    }
    if (sql.includes(VALIDATION_MARKERS.rangeChecksum)) {
      const low = request.params["low"];
      const high = request.params["high"];
      const rows = table.rows.filter((row) => {
        const key = keyOf(row);
        if (/>= @low/.test(sql) && compare(key, low) < 0) return false;
        if (/> @low/.test(sql) && compare(key, low) <= 0) return false;
        if (/<= @high/.test(sql) && compare(key, high) > 0) return false;
        return true;
      });
      return result(
        [
          ["row_count", "bigint"],
          ["checksum", "int"],
        ],
        [[BigInt(rows.length), aggregateChecksum(rows)]],
      );
    }
    return invalidObject(sql);
  }
}

function invalidObject(name: string): QueryResponse {
  return { error: { number: 208, state: 1, class: 16, message: `Invalid object name '${name}'.` } };
}
