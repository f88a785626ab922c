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
  EdgeConstraintDef,
  ForeignKeyDef,
  FulltextIndexDef,
  GeneratedAlwaysType,
  IndexColumn,
  IndexDef,
  KeyConstraintDef,
  SystemVersioningDef,
  TableDef,
  TableTypeDef,
} from "../model";
import { quoteName, quoteParts } from "../quote";
import { checkedCollation, checkedNumber, UnsafeLiteralError } from "./literals";

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
  // Appended to one string rather than pushed to an array and joined: a call per column of every table, and
  // the arrays were a good part of the generator's garbage.
  let sql = quoteName(col.name);
  if (col.computed !== undefined) {
    sql += ` AS ${col.computed.definition}`;
    if (col.computed.persisted) sql += " PERSISTED";
    if (col.computed.persisted && !col.isNullable) sql += " NOT NULL";
    return sql;
  }
  sql +=
    col.xmlSchema !== undefined
      ? ` [xml](${col.xmlSchema.document ? "DOCUMENT" : "CONTENT"} ${tableName(col.xmlSchema.collection)})`
      : ` ${formatDataType(col)}`;
  if (col.isFilestream === true) sql += " FILESTREAM";
  if (col.collation !== undefined) sql += ` COLLATE ${checkedCollation(col.collation)}`;
  if (col.isSparse === true) sql += " SPARSE";
  if (col.isColumnSet === true) sql += " COLUMN_SET FOR ALL_SPARSE_COLUMNS";
  if (col.mask !== undefined) sql += ` ${maskClause(col.mask)}`;
  if (col.identity !== undefined) {
    sql += ` IDENTITY(${checkedNumber(col.identity.seed)}, ${checkedNumber(col.identity.increment)})`;
    if (col.identity.notForReplication === true) sql += " NOT FOR REPLICATION";
  }
  if (col.generatedAlways !== undefined) {
    sql += ` GENERATED ALWAYS AS ${GENERATED_ALWAYS[col.generatedAlways]}`;
    if (col.isHidden === true) sql += " HIDDEN";
  }
  if (col.isRowGuidCol === true) sql += " ROWGUIDCOL";
  sql += col.isNullable ? " NULL" : " NOT NULL";
  if (col.default !== undefined) {
    if (col.default.name !== undefined) sql += ` CONSTRAINT ${quoteName(col.default.name)}`;
    sql += ` DEFAULT ${col.default.definition}`;
  }
  return sql;
}

const GENERATED_ALWAYS: Record<GeneratedAlwaysType, string> = {
  rowStart: "ROW START",
  rowEnd: "ROW END",
  transactionIdStart: "TRANSACTION_ID START",
  transactionIdEnd: "TRANSACTION_ID END",
  sequenceNumberStart: "SEQUENCE_NUMBER START",
  sequenceNumberEnd: "SEQUENCE_NUMBER END",
};

/**
 * `MASKED WITH (FUNCTION = 'partial(1, "XX", 0)')`. The function is a string literal in the DDL (quotes doubled);
 * it is checked to be one of the masking functions with plain arguments, so a tampered model cannot pass
 * anything else through.
 */
export function maskClause(mask: string): string {
  if (
    !/^(default|email)\(\s*\)$|^random\(\s*[-+]?\d+(\.\d+)?\s*,\s*[-+]?\d+(\.\d+)?\s*\)$|^partial\(\s*\d+\s*,\s*"[^"]*"\s*,\s*\d+\s*\)$|^datetime\(\s*"[A-Za-z]"\s*\)$/i.test(
      mask.trim(),
    )
  ) {
    throw new UnsafeLiteralError("masking function", mask);
  }
  return `MASKED WITH (FUNCTION = '${mask.trim().replace(/'/g, "''")}')`;
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
  if (ix.type === "hash")
    return `INDEX ${quoteName(ix.name)} ${unique}NONCLUSTERED HASH (${nameList(ix.columns.map((c) => c.name))}) WITH (BUCKET_COUNT = ${checkedNumber(String(ix.bucketCount ?? 1024))})`;
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
    for (const ix of sortedIndexes(table))
      if (!keys.some((k) => k.name !== undefined && k.name === ix.name)) lines.push(inlineIndex(ix));
  }
  if (table.period !== undefined)
    lines.push(`PERIOD FOR SYSTEM_TIME (${quoteName(table.period.startColumn)}, ${quoteName(table.period.endColumn)})`);
  // An edge table needs no columns of its own; empty parentheses are not valid T-SQL.
  let sql = lines.length === 0 ? `CREATE TABLE ${name}` : `CREATE TABLE ${name}\n(\n    ${lines.join(",\n    ")}\n)`;
  if (table.graphType !== undefined) sql += table.graphType === "node" ? " AS NODE" : " AS EDGE";
  sql += dataSpaceClause(table.dataSpace);
  if (table.lobFilegroup !== undefined) sql += ` TEXTIMAGE_ON ${quoteName(table.lobFilegroup)}`;
  if (table.filestreamFilegroup !== undefined) sql += ` FILESTREAM_ON ${quoteName(table.filestreamFilegroup)}`;
  if (table.isMemoryOptimized)
    sql += ` WITH (MEMORY_OPTIMIZED = ON, DURABILITY = ${table.durability ?? "SCHEMA_AND_DATA"})`;
  return sql;
}

/**
 * Switches system versioning on once the table, its primary key and its history table exist (a temporal table
 * needs a primary key, so this cannot be part of CREATE TABLE when keys are added afterwards). Without a history
 * table name SQL Server creates and names one itself, as the source did.
 */
export function setSystemVersioning(table: { schema: string; name: string }, versioning: SystemVersioningDef): string {
  const options: string[] = [];
  if (versioning.historyTable !== undefined) options.push(`HISTORY_TABLE = ${tableName(versioning.historyTable)}`);
  if (versioning.retention !== undefined)
    options.push(
      `HISTORY_RETENTION_PERIOD = ${checkedNumber(String(versioning.retention.period))} ${versioning.retention.unit}S`,
    );
  return `ALTER TABLE ${tableName(table)} SET (SYSTEM_VERSIONING = ON${options.length > 0 ? ` (${options.join(", ")})` : ""})`;
}

/** ALTER TABLE ... ADD CONSTRAINT ... CONNECTION (...) for an edge table (the node tables must exist first). */
export function addEdgeConstraint(table: { schema: string; name: string }, ec: EdgeConstraintDef): string {
  const named = ec.name !== undefined ? `CONSTRAINT ${quoteName(ec.name)} ` : "";
  const connections = ec.connections.map((x) => `${tableName(x.from)} TO ${tableName(x.to)}`).join(", ");
  return `ALTER TABLE ${tableName(table)} ADD ${named}CONNECTION (${connections})${ec.onDelete === "CASCADE" ? " ON DELETE CASCADE" : ""}`;
}

/** A memory-optimized key is a hash key when the table has a hash index of the same name (as in sys.indexes). */
function hashIndexFor(table: TableDef, k: KeyConstraintDef): IndexDef | undefined {
  return k.name === undefined ? undefined : table.indexes.find((ix) => ix.type === "hash" && ix.name === k.name);
}

/** By name, except that a secondary XML index comes after the primary XML index it is built on. */
export function sortedIndexes(table: { indexes: IndexDef[] }): IndexDef[] {
  const rank = (ix: IndexDef): number => (ix.xml !== undefined && !ix.xml.primary ? 1 : 0);
  return [...table.indexes].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * An indexed view's indexes in the order SQL Server accepts them: the unique clustered index that materialises the
 * view first (no other index can exist before it), then the nonclustered ones by name.
 */
export function sortedViewIndexes(view: { indexes?: IndexDef[] }): IndexDef[] {
  const rank = (ix: IndexDef): number => (ix.type === "clustered" ? 0 : 1);
  return [...(view.indexes ?? [])].sort(
    (a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** ALTER TABLE ... ADD for a primary key or unique constraint. */
export function addKeyConstraint(table: TableDef, k: KeyConstraintDef): string {
  return `ALTER TABLE ${tableName(table)} ADD ${keyConstraintBody(k, undefined)}`;
}

export function addCheckConstraint(table: TableDef, c: CheckConstraintDef): string {
  let sql = `ALTER TABLE ${tableName(table)} ADD ${checkConstraintBody(c)}`;
  if (c.isDisabled === true && c.name !== undefined)
    sql += `;\nALTER TABLE ${tableName(table)} NOCHECK CONSTRAINT ${quoteName(c.name)}`;
  return sql;
}

export function addForeignKey(table: TableDef, fk: ForeignKeyDef): string {
  const named = fk.name !== undefined ? `CONSTRAINT ${quoteName(fk.name)} ` : "";
  let sql = `ALTER TABLE ${tableName(table)} ADD ${named}FOREIGN KEY (${nameList(fk.columns)}) REFERENCES ${tableName(fk.referencedTable)} (${nameList(fk.referencedColumns)})`;
  if (fk.onDelete !== "NO_ACTION") sql += ` ON DELETE ${fk.onDelete.replace("_", " ")}`;
  if (fk.onUpdate !== "NO_ACTION") sql += ` ON UPDATE ${fk.onUpdate.replace("_", " ")}`;
  if (fk.notForReplication === true) sql += " NOT FOR REPLICATION";
  if (fk.isDisabled === true && fk.name !== undefined)
    sql += `;\nALTER TABLE ${tableName(table)} NOCHECK CONSTRAINT ${quoteName(fk.name)}`;
  return sql;
}

/** CREATE INDEX; undefined for an xml/spatial index known only by type (it is then reported as omitted). */
export function createIndex(table: { schema: string; name: string }, ix: IndexDef): string | undefined {
  if (ix.type === "xml" || ix.type === "spatial") return ix.definition ?? createXmlOrSpatialIndex(table, ix);
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

/** An xml or spatial index from its fields (an extracted model has no CREATE text); undefined without them. */
function createXmlOrSpatialIndex(table: { schema: string; name: string }, ix: IndexDef): string | undefined {
  const column = ix.columns[0];
  if (column === undefined) return undefined;
  const on = `ON ${tableName(table)} (${quoteName(column.name)})`;
  if (ix.type === "xml" && ix.xml !== undefined) {
    if (ix.xml.primary) return `CREATE PRIMARY XML INDEX ${quoteName(ix.name)} ${on}`;
    if (ix.xml.usingIndex === undefined || ix.xml.secondaryType === undefined) return undefined;
    return `CREATE XML INDEX ${quoteName(ix.name)} ${on} USING XML INDEX ${quoteName(ix.xml.usingIndex)} FOR ${ix.xml.secondaryType}`;
  }
  if (ix.type === "spatial" && ix.spatial !== undefined) {
    const s = ix.spatial;
    const options: string[] = [];
    if (s.boundingBox !== undefined) options.push(`BOUNDING_BOX = (${s.boundingBox.map(checkedNumber).join(", ")})`);
    if (s.grids !== undefined && !s.tessellation.endsWith("_AUTO_GRID"))
      options.push(`GRIDS = (${s.grids.map((g, i) => `LEVEL_${i + 1} = ${g}`).join(", ")})`);
    if (s.cellsPerObject !== undefined) options.push(`CELLS_PER_OBJECT = ${checkedNumber(String(s.cellsPerObject))}`);
    return `CREATE SPATIAL INDEX ${quoteName(ix.name)} ${on} USING ${s.tessellation}${options.length > 0 ? ` WITH (${options.join(", ")})` : ""}${dataSpaceClause(ix.dataSpace)}`;
  }
  return undefined;
}

/** CREATE FULLTEXT INDEX (after its catalog and its key index exist). */
export function createFulltextIndex(table: { schema: string; name: string }, ft: FulltextIndexDef): string {
  const columns = ft.columns.map((col) => {
    let text = quoteName(col.name);
    if (col.typeColumn !== undefined) text += ` TYPE COLUMN ${quoteName(col.typeColumn)}`;
    if (col.language !== undefined)
      text += ` LANGUAGE ${/^\d+$/.test(col.language) ? col.language : `'${col.language.replace(/'/g, "''")}'`}`;
    if (col.statisticalSemantics === true) text += " STATISTICAL_SEMANTICS";
    return text;
  });
  const options = [`CHANGE_TRACKING = ${ft.changeTracking}`];
  if (ft.stoplist !== undefined) options.push(`STOPLIST = ${ft.stoplist === "OFF" ? "OFF" : quoteName(ft.stoplist)}`);
  const list = columns.length > 0 ? ` (${columns.join(", ")})` : "";
  const catalog = ft.catalog !== undefined ? ` ON ${quoteName(ft.catalog)}` : "";
  return `CREATE FULLTEXT INDEX ON ${tableName(table)}${list} KEY INDEX ${quoteName(ft.keyIndex)}${catalog} WITH (${options.join(", ")})`;
}
