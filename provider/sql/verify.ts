/**
 * Data verification after a migration: per table, a row count and an order-independent checksum,
 * read from source and target alike so the two can be compared. Names are bracket-quoted by
 * verify-queries.ts; nothing from input is concatenated into SQL.
 */
import type { QualifiedName } from "../schema/model";
import { withConnection, type SqlConnectionSpec } from "./connection";
import type { SqlSession } from "./session";
import { checksumQuery, rowCountQuery } from "./verify-queries";

export interface TableFigures {
  table: QualifiedName;
  /** Decimal string: COUNT_BIG can exceed Number.MAX_SAFE_INTEGER. */
  rowCount: string;
  /** CHECKSUM_AGG(BINARY_CHECKSUM(*)); null for an empty table. Absent when checksums were not asked for. */
  checksum?: number | null;
}

export interface VerifyOptions {
  /** Also compute checksums (a full scan of every table). Default true. */
  checksums?: boolean;
}

export async function readTableFiguresWithSession(
  session: SqlSession,
  tables: readonly QualifiedName[],
  options: VerifyOptions = {},
): Promise<TableFigures[]> {
  const figures: TableFigures[] = [];
  for (const table of tables) {
    const count = await session.query<{ row_count: string | number | null }>(rowCountQuery(table));
    const entry: TableFigures = { table, rowCount: String(count.recordsets[0]?.[0]?.row_count ?? "0") };
    if (options.checksums ?? true) {
      const checksum = await session.query<{ checksum: number | null }>(checksumQuery(table));
      entry.checksum = checksum.recordsets[0]?.[0]?.checksum ?? null;
    }
    figures.push(entry);
  }
  return figures;
}

/** Connects, reads row counts (and checksums) of the tables, disconnects. */
export function readTableFigures(
  spec: SqlConnectionSpec,
  tables: readonly QualifiedName[],
  options: VerifyOptions = {},
): Promise<TableFigures[]> {
  return withConnection(spec, (session) => readTableFiguresWithSession(session, tables, options));
}

export interface TableComparison {
  table: QualifiedName;
  sourceRows: string;
  targetRows: string;
  rowsMatch: boolean;
  /** Undefined when checksums were not computed on both sides. */
  checksumsMatch?: boolean;
}

/** Pairs source and target figures by table; a table missing on the target counts as 0 rows. */
export function compareTableFigures(
  source: readonly TableFigures[],
  target: readonly TableFigures[],
): TableComparison[] {
  const key = (name: QualifiedName) => `${name.schema}\u0000${name.name}`;
  const targetByTable = new Map(target.map((figures) => [key(figures.table), figures]));
  return source.map((figures) => {
    const other = targetByTable.get(key(figures.table));
    const comparison: TableComparison = {
      table: figures.table,
      sourceRows: figures.rowCount,
      targetRows: other?.rowCount ?? "0",
      rowsMatch: figures.rowCount === (other?.rowCount ?? "0"),
    };
    if (figures.checksum !== undefined && other?.checksum !== undefined)
      comparison.checksumsMatch = figures.checksum === other.checksum;
    return comparison;
  });
}
