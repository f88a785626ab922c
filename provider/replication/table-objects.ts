/**
 * The per-table objects replication cares about at either end, read the same way from source and target:
 * identity columns (their last value, NOT FOR REPLICATION), sequences (their current value), and the
 * constraints and triggers that replicated changes would trip over (FOREIGN KEY, CHECK, DML triggers).
 */
import { asFlag, asText, queryRows } from "./calls";
import { REPLICATION_MARKERS, tableKey, type TableName } from "./names";
import type { SqlSession } from "../sql/session";

export interface IdentityColumn extends TableName {
  column: string;
  /** The last identity value generated (undefined: none yet), as an integer string. */
  lastValue?: string;
  increment: string;
  notForReplication: boolean;
}

export async function readIdentityColumns(session: SqlSession): Promise<IdentityColumn[]> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.identityColumns}\nSELECT s.[name] AS [schema_name], t.[name] AS [table_name], c.[name] AS [column_name], ` +
      "CONVERT(nvarchar(40), c.[last_value]) AS [last_value], CONVERT(nvarchar(40), c.[increment_value]) AS [increment_value], " +
      "CAST(c.[is_not_for_replication] AS int) AS [is_not_for_replication] FROM sys.identity_columns AS c " +
      "JOIN sys.tables AS t ON t.[object_id] = c.[object_id] JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] WHERE t.[is_ms_shipped] = 0;",
  );
  return rows.map((row) => ({
    schema: String(row["schema_name"]),
    name: String(row["table_name"]),
    column: String(row["column_name"]),
    ...(asText(row["last_value"]) ? { lastValue: asText(row["last_value"]) } : {}),
    increment: asText(row["increment_value"]) ?? "1",
    notForReplication: asFlag(row["is_not_for_replication"]),
  }));
}

export interface SequenceState {
  schema: string;
  name: string;
  currentValue: string;
  increment: string;
}

export async function readSequences(session: SqlSession): Promise<SequenceState[]> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.sequences}\nSELECT s.[name] AS [schema_name], q.[name] AS [sequence_name], CONVERT(nvarchar(40), q.[current_value]) AS [current_value], ` +
      "CONVERT(nvarchar(40), q.[increment]) AS [increment] FROM sys.sequences AS q JOIN sys.schemas AS s ON s.[schema_id] = q.[schema_id];",
  );
  return rows.map((row) => ({
    schema: String(row["schema_name"]),
    name: String(row["sequence_name"]),
    currentValue: asText(row["current_value"]) ?? "0",
    increment: asText(row["increment"]) ?? "1",
  }));
}

export type TableObjectKind = "FOREIGN KEY" | "CHECK" | "TRIGGER";

export interface TableObject extends TableName {
  object: string;
  kind: TableObjectKind;
  disabled: boolean;
  /** Constraints: not verified for the existing rows. */
  notTrusted: boolean;
}

export async function readTableObjects(session: SqlSession): Promise<TableObject[]> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.constraints}\nSELECT s.[name] AS [schema_name], t.[name] AS [table_name], o.[name] AS [object_name], o.[kind], ` +
      "CAST(o.[is_disabled] AS int) AS [is_disabled], CAST(o.[is_not_trusted] AS int) AS [is_not_trusted] FROM (" +
      "SELECT [parent_object_id] AS [table_id], [name], N'FOREIGN KEY' AS [kind], [is_disabled], [is_not_trusted] FROM sys.foreign_keys " +
      "UNION ALL SELECT [parent_object_id], [name], N'CHECK', [is_disabled], [is_not_trusted] FROM sys.check_constraints " +
      "UNION ALL SELECT [parent_id], [name], N'TRIGGER', [is_disabled], CAST(0 AS bit) FROM sys.triggers WHERE [parent_class] = 1) AS o " +
      "JOIN sys.tables AS t ON t.[object_id] = o.[table_id] JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] WHERE t.[is_ms_shipped] = 0;",
  );
  return rows.map((row) => ({
    schema: String(row["schema_name"]),
    name: String(row["table_name"]),
    object: String(row["object_name"]),
    kind: String(row["kind"]) as TableObjectKind,
    disabled: asFlag(row["is_disabled"]),
    notTrusted: asFlag(row["is_not_trusted"]),
  }));
}

/** Keeps the entries whose table is one of `tables`. */
export function ofTables<T extends TableName>(entries: readonly T[], tables: readonly TableName[]): T[] {
  const wanted = new Set(tables.map((t) => tableKey(t).toLowerCase()));
  return entries.filter((e) => wanted.has(tableKey(e).toLowerCase()));
}

/** Integer strings compared as numbers (identity and sequence values may exceed 2^53). */
export function integer(value: string | undefined): bigint | undefined {
  return value !== undefined && /^-?\d+$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
}
