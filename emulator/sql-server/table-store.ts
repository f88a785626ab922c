/**
 * A tiny in-memory stand-in for table data, enough to answer the verification queries of
 * provider/sql/verify.ts: a row count (COUNT_BIG) and a checksum (CHECKSUM_AGG(BINARY_CHECKSUM(*)))
 * per table. The table is recognised from the bracket-quoted two-part name in the query text,
 * which also proves the caller quoted it correctly (a name with `]` must arrive as `]]`).
 */
import { createHash } from "crypto";
import type { CellValue } from "./protocol/column-encoding";
import type { QueryHandler, QueryResponse } from "./query-handler";
import { VERIFY_MARKERS } from "../../provider/sql/verify-queries";

export interface StoredTable {
  rowCount: number;
  /** What CHECKSUM_AGG would return; null for an empty table, as SQL Server returns. */
  checksum: number | null;
}

/** `[a]]b]` → `a]b`. */
function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/]]/g, "]");
}

const QUOTED = String.raw`\[(?:[^\]]|\]\])*\]`;
const TWO_PART_NAME = new RegExp(String.raw`FROM\s+(${QUOTED})\.(${QUOTED})`, "i");

/** A stable stand-in for CHECKSUM_AGG over rows: a signed 32-bit hash of their contents. */
export function checksumOfRows(rows: CellValue[][]): number | null {
  if (rows.length === 0) return null;
  const hash = createHash("sha256");
  for (const row of rows) {
    hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
  }
  return hash.digest().readInt32LE(0);
}

export class TableStore {
  private readonly tables = new Map<string, StoredTable>();

  private static key(schema: string, name: string): string {
    return `${schema}\u0000${name}`;
  }

  /** Seeds a table from rows (count and checksum derived) or from explicit figures. */
  set(schema: string, name: string, contents: { rows: CellValue[][] } | StoredTable): void {
    const stored =
      "rows" in contents ? { rowCount: contents.rows.length, checksum: checksumOfRows(contents.rows) } : contents;
    this.tables.set(TableStore.key(schema, name), stored);
  }

  get(schema: string, name: string): StoredTable | undefined {
    return this.tables.get(TableStore.key(schema, name));
  }

  readonly handler: QueryHandler = (request) => {
    const isCount = request.sql.includes(VERIFY_MARKERS.rowCount);
    const isChecksum = request.sql.includes(VERIFY_MARKERS.checksum);
    if (!isCount && !isChecksum) return undefined;
    const match = TWO_PART_NAME.exec(request.sql);
    if (!match) return invalidObject(request.sql);
    const schema = unquote(match[1]);
    const name = unquote(match[2]);
    const table = this.get(schema, name);
    if (!table) return invalidObject(`${match[1]}.${match[2]}`);
    return isCount
      ? {
          resultSets: [
            { columns: [{ name: "row_count", type: { type: "bigint" } }], rows: [[BigInt(table.rowCount)]] },
          ],
        }
      : { resultSets: [{ columns: [{ name: "checksum", type: { type: "int" } }], rows: [[table.checksum]] }] };
  };
}

function invalidObject(name: string): QueryResponse {
  return { error: { number: 208, state: 1, class: 16, message: `Invalid object name '${name}'.` } };
}
