/**
 * DDL for tables and what hangs off them: CREATE TABLE (columns, defaults, identity, computed), primary key /
 * unique / check constraints, foreign keys and indexes. Every name goes through quoteName; expressions
 * (defaults, checks, computed columns, filters) are T-SQL code from the source and are emitted as they are.
 */
import { formatDataType } from "../data-types";
import type {
  CheckConstraintDef,
  ColumnDef,
  DataSpaceRef,
  ForeignKeyDef,
  IndexColumn,
  IndexDef,
  KeyConstraintDef,
  TableDef,
  TableTypeDef,
} from "../model";
import { quoteName, quoteParts } from "../quote";
import { checkedCollation, checkedNumber } from "./literals";

export function tableName(t: { schema: string; name: string }): string {
  return quoteParts(t.schema, t.name);
}

function columnList(cols: IndexColumn[]): string {
  return cols.map((c) => `${quoteName(c.name)} ${c.descending ? "DESC" : "ASC"}`).join(", ");
}

function nameList(names: string[]): string {
  return names.map(quoteName).join(", ");
}

export function dataSpaceClause(ds: DataSpaceRef | undefined): string {
  if (ds === undefined) return "";
  if (ds.kind === "partitionScheme") return ` ON ${quoteName(ds.name)}(${quoteName(ds.partitionColumn ?? "")})`;
  return ` ON ${quoteName(ds.name)}`;
}

export function columnDefinition(col: ColumnDef): string {
  const parts = [quoteName(col.name)];
  if (col.computed !== undefined) {
    parts.push(`AS ${col.computed.definition}`);
    if (col.computed.persisted) parts.push("PERSISTED");
    if (col.computed.persisted && !col.isNullable) parts.push("NOT NULL");
    return parts.join(" ");
  }
  parts.push(formatDataType(col));
  if (col.isFilestream === true) parts.push("FILESTREAM");
  if (col.collation !== undefined) parts.push(`COLLATE ${checkedCollation(col.collation)}`);
  if (col.isSparse === true) parts.push("SPARSE");
  if (col.identity !== undefined) {
    parts.push(`IDENTITY(${checkedNumber(col.identity.seed)}, ${checkedNumber(col.identity.increment)})`);
    if (col.identity.notForReplication === true) parts.push("NOT FOR REPLICATION");
  }
  if (col.isRowGuidCol === true) parts.push("ROWGUIDCOL");
  parts.push(col.isNullable ? "NULL" : "NOT NULL");
  if (col.default !== undefined) {
    if (col.default.name !== undefined) parts.push(`CONSTRAINT ${quoteName(col.default.name)}`);
    parts.push(`DEFAULT ${col.default.definition}`);
  }
  return parts.join(" ");
}

/** `hash` is the hash index backing a memory-optimized key (same name, type "hash"), if there is one. */
function keyConstraintBody(k: KeyConstraintDef, hash: IndexDef | undefined): string {
  const named = k.name !== undefined ? `CONSTRAINT ${quoteName(k.name)} ` : "";
  const kind = k.type === "primaryKey" ? "PRIMARY KEY" : "UNIQUE";
  const clustering = k.clustered ? "CLUSTERED" : "NONCLUSTERED";
  const bucket = hash !== undefined ? ` WITH (BUCKET_COUNT = ${checkedNumber(String(hash.bucketCount ?? 1024))})` : "";
  const columns = hash !== undefined ? nameList(k.columns.map((c) => c.name)) : columnList(k.columns);
  return `${named}${kind} ${clustering}${hash !== undefined ? " HASH" : ""} (${columns})${bucket}${dataSpaceClause(k.dataSpace)}`;
}

function checkConstraintBody(c: CheckConstraintDef): string {
  const named = c.name !== undefined ? `CONSTRAINT ${quoteName(c.name)} ` : "";
  return `${named}CHECK ${c.notForReplication === true ? "NOT FOR REPLICATION " : ""}${c.definition}`;
}

function inlineIndex(ix: IndexDef): string {
  const unique = ix.isUnique ? "UNIQUE " : "";
  if (ix.type === "hash") return `INDEX ${quoteName(ix.name)} ${unique}NONCLUSTERED HASH (${nameList(ix.columns.map((c) => c.name))}) WITH (BUCKET_COUNT = ${checkedNumber(String(ix.bucketCount ?? 1024))})`;
  if (ix.type === "clusteredColumnstore") return `INDEX ${quoteName(ix.name)} CLUSTERED COLUMNSTORE`;
  return `INDEX ${quoteName(ix.name)} ${unique}${ix.type === "clustered" ? "CLUSTERED" : "NONCLUSTERED"} (${columnList(ix.columns)})`;
}

/**
 * CREATE TABLE without foreign keys. Constraints and indexes come in later batches, except for
 * memory-optimized tables, which must declare them inline.
 */
export function createTable(table: TableDef): string {
  const name = tableName(table);
  if (table.isFileTable) return `CREATE TABLE ${name} AS FILETABLE`;
  const lines = table.columns.map(columnDefinition);
  if (table.isMemoryOptimized) {
    const keys = [...(table.primaryKey !== undefined ? [table.primaryKey] : []), ...table.uniqueConstraints];
    for (const k of keys) lines.push(keyConstraintBody(k, hashIndexFor(table, k)));
    for (const c of table.checkConstraints) lines.push(checkConstraintBody(c));
    // A key's own hash index is declared by the key above.
    for (const ix of sortedIndexes(table)) if (!keys.some((k) => k.name !== undefined && k.name === ix.name)) lines.push(inlineIndex(ix));
  }
  let sql = `CREATE TABLE ${name}\n(\n${lines.map((l) => `    ${l}`).join(",\n")}\n)`;
  sql += dataSpaceClause(table.dataSpace);
  if (table.lobFilegroup !== undefined) sql += ` TEXTIMAGE_ON ${quoteName(table.lobFilegroup)}`;
  if (table.filestreamFilegroup !== undefined) sql += ` FILESTREAM_ON ${quoteName(table.filestreamFilegroup)}`;
  if (table.isMemoryOptimized) sql += ` WITH (MEMORY_OPTIMIZED = ON, DURABILITY = ${table.durability ?? "SCHEMA_AND_DATA"})`;
  return sql;
}

/** A memory-optimized key is a hash key when the table has a hash index of the same name (as in sys.indexes). */
function hashIndexFor(table: TableDef, k: KeyConstraintDef): IndexDef | undefined {
  return k.name === undefined ? undefined : table.indexes.find((ix) => ix.type === "hash" && ix.name === k.name);
}

export function sortedIndexes(table: { indexes: IndexDef[] }): IndexDef[] {
  return [...table.indexes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** ALTER TABLE ... ADD for a primary key or unique constraint. */
export function addKeyConstraint(table: TableDef, k: KeyConstraintDef): string {
  return `ALTER TABLE ${tableName(table)} ADD ${keyConstraintBody(k, undefined)}`;
}

export function addCheckConstraint(table: TableDef, c: CheckConstraintDef): string {
  let sql = `ALTER TABLE ${tableName(table)} ADD ${checkConstraintBody(c)}`;
  if (c.isDisabled === true && c.name !== undefined) sql += `;\nALTER TABLE ${tableName(table)} NOCHECK CONSTRAINT ${quoteName(c.name)}`;
  return sql;
}

export function addForeignKey(table: TableDef, fk: ForeignKeyDef): string {
  const named = fk.name !== undefined ? `CONSTRAINT ${quoteName(fk.name)} ` : "";
  let sql = `ALTER TABLE ${tableName(table)} ADD ${named}FOREIGN KEY (${nameList(fk.columns)}) REFERENCES ${tableName(fk.referencedTable)} (${nameList(fk.referencedColumns)})`;
  if (fk.onDelete !== "NO_ACTION") sql += ` ON DELETE ${fk.onDelete.replace("_", " ")}`;
  if (fk.onUpdate !== "NO_ACTION") sql += ` ON UPDATE ${fk.onUpdate.replace("_", " ")}`;
  if (fk.notForReplication === true) sql += " NOT FOR REPLICATION";
  if (fk.isDisabled === true && fk.name !== undefined) sql += `;\nALTER TABLE ${tableName(table)} NOCHECK CONSTRAINT ${quoteName(fk.name)}`;
  return sql;
}

/** CREATE INDEX; undefined for an xml/spatial index known only by type (it is then reported as omitted). */
export function createIndex(table: { schema: string; name: string }, ix: IndexDef): string | undefined {
  if (ix.type === "xml" || ix.type === "spatial") return ix.definition;
  const on = `ON ${tableName(table)}`;
  const unique = ix.isUnique ? "UNIQUE " : "";
  let sql: string;
  switch (ix.type) {
    case "clusteredColumnstore":
      sql = `CREATE CLUSTERED COLUMNSTORE INDEX ${quoteName(ix.name)} ${on}`;
      break;
    case "nonclusteredColumnstore":
      sql = `CREATE NONCLUSTERED COLUMNSTORE INDEX ${quoteName(ix.name)} ${on} (${nameList(ix.columns.map((c) => c.name))})`;
      break;
    case "hash":
      return `ALTER TABLE ${tableName(table)} ADD ${inlineIndex(ix)}`;
    default:
      sql = `CREATE ${unique}${ix.type === "clustered" ? "CLUSTERED" : "NONCLUSTERED"} INDEX ${quoteName(ix.name)} ${on} (${columnList(ix.columns)})`;
      if (ix.includedColumns.length > 0) sql += ` INCLUDE (${nameList(ix.includedColumns)})`;
  }
  if (ix.filter !== undefined) sql += ` WHERE ${ix.filter}`;
  return sql + dataSpaceClause(ix.dataSpace);
}

/** CREATE TYPE ... AS TABLE (table types declare everything inline). */
export function createTableType(type: TableTypeDef): string {
  const lines = type.columns.map(columnDefinition);
  // Constraints of a table type cannot be named or placed.
  const unnamedKey = ({ name: _name, dataSpace: _ds, ...rest }: KeyConstraintDef): KeyConstraintDef => rest;
  if (type.primaryKey !== undefined) lines.push(keyConstraintBody(unnamedKey(type.primaryKey), undefined));
  for (const u of type.uniqueConstraints) lines.push(keyConstraintBody(unnamedKey(u), undefined));
  for (const { name: _name, ...c } of type.checkConstraints) lines.push(checkConstraintBody(c));
  for (const ix of sortedIndexes(type)) lines.push(inlineIndex(ix));
  let sql = `CREATE TYPE ${tableName(type)} AS TABLE\n(\n${lines.map((l) => `    ${l}`).join(",\n")}\n)`;
  if (type.isMemoryOptimized) sql += " WITH (MEMORY_OPTIMIZED = ON)";
  return sql;
}
