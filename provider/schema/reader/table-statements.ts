/** CREATE TABLE, ALTER TABLE and CREATE INDEX. */
import { childObjectKey, schemaObjectKey } from "../keys";
import type { IndexDef, TableDef } from "../model";
import type { Statement } from "../statements";
import { ParseError, type TokenCursor } from "../token-cursor";
import { wrapExpression } from "./expressions";
import type { ReaderContext } from "./reader-context";
import { readDataSpace, readWithOptions } from "./storage-clauses";
import { emptyParts, indexType, readIndexTail, readTableBody, readTableElement, type TableParts } from "./table-elements";

/** `CREATE TABLE name ( ... ) [ON ...] [TEXTIMAGE_ON ...] [FILESTREAM_ON ...] [WITH (...)]` or `AS FILETABLE`. */
export function readCreateTable(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "TABLE");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  if (name.startsWith("#")) {
    ctx.keepStatement(stmt, true, "temporary table outside a module; kept as written");
    return;
  }
  const parts = emptyParts();
  const table: TableDef = {
    kind: "table",
    key: schemaObjectKey(schema, name),
    schema,
    name,
    source: ctx.source(stmt),
    columns: [],
    uniqueConstraints: [],
    checkConstraints: [],
    foreignKeys: [],
    indexes: [],
    isFileTable: false,
    isMemoryOptimized: false,
  };
  if (c.acceptWords("AS", "FILETABLE")) {
    table.isFileTable = true;
  } else {
    readTableBody(c, ctx.defaultSchema, parts);
  }
  while (!c.done) {
    if (c.acceptWords("ON")) table.dataSpace = readDataSpace(c);
    else if (c.acceptWords("TEXTIMAGE_ON")) table.lobFilegroup = c.readIdentifier(true);
    else if (c.acceptWords("FILESTREAM_ON")) table.filestreamFilegroup = c.readIdentifier(true);
    else if (c.acceptWords("WITH")) {
      const options = readWithOptions(c);
      if (options.MEMORY_OPTIMIZED === "ON") table.isMemoryOptimized = true;
      if (options.DURABILITY === "SCHEMA_ONLY" || options.DURABILITY === "SCHEMA_AND_DATA") table.durability = options.DURABILITY;
      if (options.SYSTEM_VERSIONING !== undefined) parts.notModelled.push("SYSTEM_VERSIONING");
    } else throw new ParseError(`unexpected '${c.peek()!.text}' after table definition`, c.peek());
  }
  applyParts(table, parts);
  reportNotModelled(ctx, stmt, parts);
  ctx.add(ctx.model.tables, table, stmt);
}

function applyParts(table: TableDef, parts: TableParts): void {
  table.columns.push(...parts.columns);
  if (parts.primaryKey !== undefined) {
    for (const col of table.columns) if (parts.primaryKey.columns.some((k) => k.name === col.name)) col.isNullable = false;
    table.primaryKey = parts.primaryKey;
  }
  table.uniqueConstraints.push(...parts.uniqueConstraints);
  table.checkConstraints.push(...parts.checkConstraints);
  table.foreignKeys.push(...parts.foreignKeys);
  table.indexes.push(...parts.indexes);
}

function reportNotModelled(ctx: ReaderContext, stmt: Statement, parts: TableParts): void {
  for (const what of parts.notModelled) ctx.warn(stmt, `${what} is not modelled and will not be generated`);
}

/**
 * `ALTER TABLE t [WITH CHECK|NOCHECK] ADD ...`, `ALTER TABLE t [WITH CHECK] NOCHECK|CHECK CONSTRAINT x`.
 * Applied after every file is read because the table may be defined in a later file.
 */
export function readAlterTable(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("ALTER", "TABLE");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  c.acceptWords("WITH", "CHECK") || c.acceptWords("WITH", "NOCHECK");
  const file = ctx.file;
  if (c.acceptWords("ADD")) {
    const parts = emptyParts();
    const start = c.pos;
    // `ADD [CONSTRAINT x] DEFAULT expr FOR col` only exists in ALTER TABLE.
    const defaultFor = readAddDefault(c);
    if (defaultFor === undefined) {
      c.pos = start;
      for (;;) {
        readTableElement(c, ctx.defaultSchema, parts);
        if (!c.acceptText(",")) break;
      }
    }
    if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in ALTER TABLE ADD`, c.peek());
    ctx.defer(() => {
      const table = ctx.table(schemaObjectKey(schema, name));
      if (table === undefined) return ctx.keepStatement(stmt, true, `ALTER TABLE on unknown table ${schemaObjectKey(schema, name)}; kept as written`, file);
      if (defaultFor !== undefined) {
        const col = table.columns.find((x) => x.name === defaultFor.column);
        if (col === undefined) return ctx.keepStatement(stmt, true, `DEFAULT for unknown column ${defaultFor.column}; kept as written`, file);
        col.default = defaultFor.default;
        return;
      }
      if (parts.primaryKey !== undefined && table.primaryKey !== undefined) return ctx.keepStatement(stmt, true, `second PRIMARY KEY on ${table.key}; kept as written`, file);
      applyParts(table, parts);
      for (const what of parts.notModelled) ctx.warn(stmt, `${what} is not modelled and will not be generated`, file);
    });
    return;
  }
  const toggle = c.acceptOneOf("NOCHECK", "CHECK");
  if (toggle !== undefined && c.acceptWords("CONSTRAINT")) {
    const target = c.readIdentifier(true);
    ctx.defer(() => {
      const table = ctx.table(schemaObjectKey(schema, name));
      if (table === undefined) return ctx.keepStatement(stmt, true, `ALTER TABLE on unknown table ${schemaObjectKey(schema, name)}; kept as written`, file);
      for (const k of [...table.foreignKeys, ...table.checkConstraints]) {
        if (target.toUpperCase() === "ALL" || k.name === target) {
          if (toggle === "NOCHECK") k.isDisabled = true;
          else delete k.isDisabled;
        }
      }
    });
    return;
  }
  ctx.keepStatement(stmt, true, "ALTER TABLE form not understood (only ADD and CHECK/NOCHECK CONSTRAINT are); kept as written");
}

function readAddDefault(c: TokenCursor): { column: string; default: { name?: string; definition: string } } | undefined {
  let name: string | undefined;
  if (c.acceptWords("CONSTRAINT")) name = c.readIdentifier();
  if (!c.acceptWords("DEFAULT")) return undefined;
  const expr = c.readUntil((t) => t.upper === "FOR" && t.type === "keyword");
  c.expectWords("FOR");
  const column = c.readIdentifier();
  return { column, default: { ...(name !== undefined ? { name } : {}), definition: wrapExpression(expr) } };
}

/**
 * `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] INDEX name ON table (...)`, and XML/spatial indexes
 * (kept with their full text since the model does not describe them field by field).
 */
export function readCreateIndex(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE");
  const isUnique = c.acceptWords("UNIQUE");
  const clustered = c.acceptOneOf("CLUSTERED", "NONCLUSTERED");
  const columnstore = c.acceptWords("COLUMNSTORE");
  const special = c.acceptWords("PRIMARY", "XML") ? "xml" : c.acceptWords("XML") ? "xml" : c.acceptWords("SPATIAL") ? "spatial" : undefined;
  c.expectWords("INDEX");
  const name = c.readIdentifier();
  c.expectWords("ON");
  const target = c.readSchemaObjectName(ctx.defaultSchema);
  const index: IndexDef = {
    name,
    type: special ?? indexType(clustered, columnstore, false),
    isUnique,
    columns: c.atText("(") ? c.readColumnList() : [],
    includedColumns: [],
  };
  if (special !== undefined) {
    index.definition = stmt.text;
    c.pos = c.tokens.length;
  } else {
    readIndexTail(c, index);
    if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE INDEX`, c.peek());
  }
  const file = ctx.file;
  ctx.defer(() => {
    const key = schemaObjectKey(target.schema, target.name);
    const table = ctx.table(key);
    if (table === undefined) {
      ctx.keepStatement(stmt, true, `index ${childObjectKey(target.schema, target.name, name)} on a table that is not defined (indexed views are not modelled); kept as written`, file);
      return;
    }
    if (table.indexes.some((x) => x.name === name)) return ctx.warn(stmt, `duplicate index ${name} on ${key}; the first definition is kept`, file);
    table.indexes.push(index);
  });
}
