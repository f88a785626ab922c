/**
 * The text of the validation queries. Each starts with a marker comment, so a server trace (and the TDS test
 * server) can tell what a query is for without parsing SQL. Table and column names are always bracket-quoted;
 * values (range bounds, names looked up in the catalog) travel as parameters. Each query sets its own isolation
 * level, so validation reads take the locks the user chose (none, by default) and nothing else changes.
 */
import { quoteName, quoteParts } from "../../schema/quote";
import type { QualifiedName } from "../../schema/model";
import type { IsolationLevel } from "./options";

export const VALIDATION_MARKERS = {
  userTables: "/* validate:user-tables */",
  rowCount: "/* validate:row-count */",
  metadataRowCount: "/* validate:metadata-row-count */",
  primaryKey: "/* validate:primary-key */",
  keyBounds: "/* validate:key-bounds */",
  keysetBoundary: "/* validate:keyset-boundary */",
  rangeChecksum: "/* validate:range-checksum */",
  tableChecksum: "/* validate:table-checksum */",
} as const;

const ISOLATION: Record<IsolationLevel, string> = {
  readUncommitted: "READ UNCOMMITTED",
  snapshot: "SNAPSHOT",
  readCommitted: "READ COMMITTED",
};

function reading(marker: string, isolation: IsolationLevel, select: string): string {
  return `${marker}\nSET TRANSACTION ISOLATION LEVEL ${ISOLATION[isolation]};\n${select}`;
}

/** Every user table (not system-shipped), to validate all of them when no list is given. */
export function userTablesQuery(): string {
  return (
    `${VALIDATION_MARKERS.userTables}\nSELECT s.[name] AS [schema_name], t.[name] AS [table_name] FROM sys.tables AS t ` +
    "JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] WHERE t.[is_ms_shipped] = 0 ORDER BY s.[name], t.[name];"
  );
}

export function rowCountQuery(table: QualifiedName, isolation: IsolationLevel): string {
  return reading(
    VALIDATION_MARKERS.rowCount,
    isolation,
    `SELECT COUNT_BIG(*) AS [row_count] FROM ${quoteParts(table.schema, table.name)};`,
  );
}

/** Rows of the heap or clustered index per sys.partitions (@table is the quoted two-part name). */
export function metadataRowCountQuery(): string {
  return (
    `${VALIDATION_MARKERS.metadataRowCount}\nSELECT COALESCE(SUM(p.[rows]), 0) AS [row_count] FROM sys.partitions AS p ` +
    "WHERE p.[object_id] = OBJECT_ID(@table) AND p.[index_id] IN (0, 1);"
  );
}

/** The primary key's columns in key order, with their types (@table is the quoted two-part name). */
export function primaryKeyQuery(): string {
  return (
    `${VALIDATION_MARKERS.primaryKey}\nSELECT c.[name] AS [column_name], TYPE_NAME(c.[system_type_id]) AS [type_name] ` +
    "FROM sys.indexes AS i JOIN sys.index_columns AS ic ON ic.[object_id] = i.[object_id] AND ic.[index_id] = i.[index_id] " +
    "JOIN sys.columns AS c ON c.[object_id] = ic.[object_id] AND c.[column_id] = ic.[column_id] " +
    "WHERE i.[object_id] = OBJECT_ID(@table) AND i.[is_primary_key] = 1 AND ic.[key_ordinal] > 0 ORDER BY ic.[key_ordinal];"
  );
}

/** Lowest and highest value of the leading key column (two index seeks). */
export function keyBoundsQuery(table: QualifiedName, keyColumn: string, isolation: IsolationLevel): string {
  const key = quoteName(keyColumn);
  return reading(
    VALIDATION_MARKERS.keyBounds,
    isolation,
    `SELECT MIN(${key}) AS [low], MAX(${key}) AS [high] FROM ${quoteParts(table.schema, table.name)};`,
  );
}

/**
 * The end of the next range when walking the key: the highest of the next @chunk key values after @after (or
 * from the start). Reads only the key, one range at a time.
 */
export function keysetBoundaryQuery(
  table: QualifiedName,
  keyColumn: string,
  isolation: IsolationLevel,
  first: boolean,
): string {
  const key = quoteName(keyColumn);
  const where = first ? "" : ` WHERE ${key} > @after`;
  return reading(
    VALIDATION_MARKERS.keysetBoundary,
    isolation,
    `SELECT MAX(${key}) AS [boundary] FROM (SELECT TOP (@chunk) ${key} FROM ${quoteParts(table.schema, table.name)}${where} ORDER BY ${key}) AS [keys];`,
  );
}

/** Which bounds a range query has: @low included (first range of a cut) or excluded (after a walked boundary), @high or none (the tail). */
export interface RangeBounds {
  low: "inclusive" | "exclusive" | "none";
  high: boolean;
}

/** Row count and aggregate hash of one key range of the leading key column. */
export function rangeChecksumQuery(
  table: QualifiedName,
  keyColumn: string,
  isolation: IsolationLevel,
  bounds: RangeBounds,
): string {
  const key = quoteName(keyColumn);
  const conditions = [
    ...(bounds.low === "none" ? [] : [`${key} ${bounds.low === "inclusive" ? ">=" : ">"} @low`]),
    ...(bounds.high ? [`${key} <= @high`] : []),
  ];
  const where = conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "";
  return reading(
    VALIDATION_MARKERS.rangeChecksum,
    isolation,
    `SELECT COUNT_BIG(*) AS [row_count], CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS [checksum] FROM ${quoteParts(table.schema, table.name)}${where};`,
  );
}

/** The whole table at once: for tables without a primary key. */
export function tableChecksumQuery(table: QualifiedName, isolation: IsolationLevel): string {
  return reading(
    VALIDATION_MARKERS.tableChecksum,
    isolation,
    `SELECT COUNT_BIG(*) AS [row_count], CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS [checksum] FROM ${quoteParts(table.schema, table.name)};`,
  );
}
