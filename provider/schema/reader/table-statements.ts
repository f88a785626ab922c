/** CREATE TABLE, ALTER TABLE and CREATE INDEX. */
import { childObjectKey, schemaObjectKey } from "../keys";
import type {
  FulltextIndexColumn,
  FulltextIndexDef,
  IndexDef,
  SpatialIndexSpec,
  SystemVersioningDef,
  TableDef,
  ViewDef,
} from "../model";
import { viewIndexIssues } from "../model-validation";
import { isWord as isWordToken } from "../tokenizer";
import type { Statement } from "../statements";
import { ParseError, type TokenCursor } from "../token-cursor";
import { wrapExpression } from "./expressions";
import type { ReaderContext } from "./reader-context";
import { readDataSpace, readSystemVersioning, readWithOptions } from "./storage-clauses";
import {
  emptyParts,
  indexType,
  readIndexTail,
  readMaskingFunction,
  readTableBody,
  readTableElement,
  type TableParts,
} from "./table-elements";

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
  } else if (!c.atWords("AS", "EDGE") && !c.atWords("AS", "NODE")) {
    // A graph table may declare no columns of its own: `CREATE TABLE likes AS EDGE`.
    readTableBody(c, ctx.defaultSchema, parts);
  }
  while (!c.done) {
    if (c.acceptWords("ON")) table.dataSpace = readDataSpace(c);
    else if (c.acceptWords("TEXTIMAGE_ON")) table.lobFilegroup = c.readIdentifier(true);
    else if (c.acceptWords("FILESTREAM_ON")) table.filestreamFilegroup = c.readIdentifier(true);
    else if (c.acceptWords("AS", "NODE")) table.graphType = "node";
    else if (c.acceptWords("AS", "EDGE")) table.graphType = "edge";
    else if (c.acceptWords("WITH")) {
      const options = readWithOptions(c, {
        SYSTEM_VERSIONING: (x) => {
          const versioning = readSystemVersioning(x, ctx.defaultSchema);
          if (versioning !== undefined) table.systemVersioning = versioning;
        },
      });
      if (options.MEMORY_OPTIMIZED === "ON") table.isMemoryOptimized = true;
      if (options.DURABILITY === "SCHEMA_ONLY" || options.DURABILITY === "SCHEMA_AND_DATA")
        table.durability = options.DURABILITY;
      if (options.LEDGER !== undefined && !/^OFF$/i.test(options.LEDGER)) parts.notModelled.push("LEDGER");
    } else throw new ParseError(`unexpected '${c.peek()!.text}' after table definition`, c.peek());
  }
  applyParts(table, parts);
  reportNotModelled(ctx, stmt, parts);
  ctx.add(ctx.model.tables, table, stmt);
}

function applyParts(table: TableDef, parts: TableParts): void {
  table.columns.push(...parts.columns);
  if (parts.primaryKey !== undefined) {
    for (const col of table.columns)
      if (parts.primaryKey.columns.some((k) => k.name === col.name)) col.isNullable = false;
    table.primaryKey = parts.primaryKey;
  }
  table.uniqueConstraints.push(...parts.uniqueConstraints);
  table.checkConstraints.push(...parts.checkConstraints);
  table.foreignKeys.push(...parts.foreignKeys);
  table.indexes.push(...parts.indexes);
  if (parts.period !== undefined) table.period = parts.period;
  if (parts.edgeConstraints.length > 0)
    table.edgeConstraints = [...(table.edgeConstraints ?? []), ...parts.edgeConstraints];
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
  const target: AlterTarget = { ctx, stmt, ...c.readSchemaObjectName(ctx.defaultSchema), file: ctx.file };
  if (!c.acceptWords("WITH", "CHECK")) c.acceptWords("WITH", "NOCHECK");
  if (c.acceptWords("ADD")) return readAlterTableAdd(target, c);
  if (c.atWords("SET") && c.peek(1)?.text === "(") return readAlterTableSet(target, c);
  if (c.acceptWords("ALTER", "COLUMN")) return readAlterTableAlterColumn(target, c);
  const toggle = c.acceptOneOf("NOCHECK", "CHECK");
  if (toggle !== undefined && c.acceptWords("CONSTRAINT")) return readAlterTableToggleConstraint(target, c, toggle);
  ctx.keepStatement(
    stmt,
    true,
    "ALTER TABLE form not understood (only ADD and CHECK/NOCHECK CONSTRAINT are); kept as written",
  );
}

/** The table an ALTER TABLE names, and where the statement came from. */
interface AlterTarget {
  ctx: ReaderContext;
  stmt: Statement;
  schema: string;
  name: string;
  file: string;
}

/** Runs `change` on the table once every file is read; an unknown table keeps the statement as written. */
function deferOnTable(target: AlterTarget, change: (table: TableDef) => void): void {
  const { ctx, stmt, schema, name, file } = target;
  ctx.defer(() => {
    const table = ctx.table(schemaObjectKey(schema, name));
    if (table === undefined)
      return ctx.keepStatement(
        stmt,
        true,
        `ALTER TABLE on unknown table ${schemaObjectKey(schema, name)}; kept as written`,
        file,
      );
    change(table);
  });
}

/** `ADD` constraints or columns, or `ADD [CONSTRAINT x] DEFAULT expr FOR col` (which only exists in ALTER TABLE). */
function readAlterTableAdd(target: AlterTarget, c: TokenCursor): void {
  const { ctx, stmt, file } = target;
  const parts = emptyParts();
  const start = c.pos;
  const defaultFor = readAddDefault(c);
  if (defaultFor === undefined) {
    c.pos = start;
    for (;;) {
      readTableElement(c, ctx.defaultSchema, parts);
      if (!c.acceptText(",")) break;
    }
  }
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in ALTER TABLE ADD`, c.peek());
  deferOnTable(target, (table) => {
    if (defaultFor !== undefined) {
      const col = table.columns.find((x) => x.name === defaultFor.column);
      if (col === undefined)
        return ctx.keepStatement(stmt, true, `DEFAULT for unknown column ${defaultFor.column}; kept as written`, file);
      col.default = defaultFor.default;
      return;
    }
    if (parts.primaryKey !== undefined && table.primaryKey !== undefined)
      return ctx.keepStatement(stmt, true, `second PRIMARY KEY on ${table.key}; kept as written`, file);
    applyParts(table, parts);
    for (const what of parts.notModelled) ctx.warn(stmt, `${what} is not modelled and will not be generated`, file);
  });
}

/** `SET (SYSTEM_VERSIONING = ...)`; other SET options are kept as written. */
function readAlterTableSet(target: AlterTarget, c: TokenCursor): void {
  const { ctx, stmt } = target;
  c.next();
  let versioning: { value: SystemVersioningDef | undefined } | undefined;
  const options = readWithOptions(c, {
    SYSTEM_VERSIONING: (x) => (versioning = { value: readSystemVersioning(x, ctx.defaultSchema) }),
  });
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in ALTER TABLE SET`, c.peek());
  if (versioning === undefined) return ctx.keepStatement(stmt, false);
  if (Object.keys(options).length > 1)
    return ctx.keepStatement(stmt, true, "ALTER TABLE SET with SYSTEM_VERSIONING and other options; kept as written");
  const change = versioning;
  deferOnTable(target, (table) => {
    if (change.value === undefined) delete table.systemVersioning;
    else table.systemVersioning = change.value;
  });
}

/** `ALTER COLUMN c ADD|DROP MASKED [WITH (...)]` and `ADD|DROP HIDDEN`; other forms are kept as written. */
function readAlterTableAlterColumn(target: AlterTarget, c: TokenCursor): void {
  const { ctx, stmt, schema, name, file } = target;
  const column = c.readIdentifier(true);
  const add = c.acceptOneOf("ADD", "DROP");
  let change: ((col: TableDef["columns"][number]) => void) | undefined;
  if (add !== undefined && c.acceptWords("MASKED")) {
    if (add === "ADD") {
      c.expectWords("WITH");
      const mask = readMaskingFunction(c);
      change = (col) => (col.mask = mask);
    } else change = (col) => delete col.mask;
  } else if (add !== undefined && c.acceptWords("HIDDEN")) {
    change = add === "ADD" ? (col) => (col.isHidden = true) : (col) => delete col.isHidden;
  }
  if (change === undefined || !c.done)
    return ctx.keepStatement(
      stmt,
      true,
      "ALTER TABLE ALTER COLUMN form not understood (only ADD/DROP MASKED and HIDDEN are); kept as written",
    );
  const apply = change;
  ctx.defer(() => {
    const col = ctx
      .table(schemaObjectKey(schema, name))
      ?.columns.find((x) => x.name.toLowerCase() === column.toLowerCase());
    if (col === undefined)
      return ctx.keepStatement(
        stmt,
        true,
        `ALTER COLUMN on unknown column ${schemaObjectKey(schema, name)}.${column}; kept as written`,
        file,
      );
    apply(col);
  });
}

/** `[WITH CHECK] CHECK|NOCHECK CONSTRAINT x|ALL`: enables or disables foreign keys and checks. */
function readAlterTableToggleConstraint(target: AlterTarget, c: TokenCursor, toggle: string): void {
  const constraint = c.readIdentifier(true);
  deferOnTable(target, (table) => {
    for (const k of [...table.foreignKeys, ...table.checkConstraints]) {
      if (constraint.toUpperCase() === "ALL" || k.name === constraint) {
        if (toggle === "NOCHECK") k.isDisabled = true;
        else delete k.isDisabled;
      }
    }
  });
}

function readAddDefault(
  c: TokenCursor,
): { column: string; default: { name?: string; definition: string } } | undefined {
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
 * (kept with their full text since the model does not describe them field by field). On a view (an indexed
 * view), the index goes to the view: see addViewIndex.
 */
export function readCreateIndex(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE");
  const isUnique = c.acceptWords("UNIQUE");
  const clustered = c.acceptOneOf("CLUSTERED", "NONCLUSTERED");
  const columnstore = c.acceptWords("COLUMNSTORE");
  const special = c.acceptWords("PRIMARY", "XML")
    ? "xml"
    : c.acceptWords("XML")
      ? "xml"
      : c.acceptWords("SPATIAL")
        ? "spatial"
        : undefined;
  let spatial:
    (Omit<SpatialIndexSpec, "tessellation"> & { tessellation?: SpatialIndexSpec["tessellation"] }) | undefined;
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
  if (special === "xml") {
    index.definition = stmt.text;
    index.xml = { primary: stmt.tokens.slice(0, 4).some((t) => isWordToken(t, "PRIMARY")) };
    if (c.acceptWords("USING", "XML", "INDEX")) {
      index.xml.usingIndex = c.readIdentifier();
      c.expectWords("FOR");
      const type = c.acceptOneOf("PATH", "VALUE", "PROPERTY");
      if (type === undefined) throw new ParseError("expected FOR PATH, VALUE or PROPERTY", c.peek());
      index.xml.secondaryType = type as "PATH" | "VALUE" | "PROPERTY";
    }
    c.pos = c.tokens.length;
  } else if (special === "spatial") {
    index.definition = stmt.text;
    spatial = readSpatialOptions(c);
  } else {
    readIndexTail(c, index);
    if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE INDEX`, c.peek());
  }
  const file = ctx.file;
  ctx.defer(() => {
    const key = schemaObjectKey(target.schema, target.name);
    const table = ctx.table(key);
    if (table !== undefined && spatial !== undefined) {
      // Without USING, the tessellation is the automatic grid of the column's type.
      const column = table.columns.find((x) => x.name.toLowerCase() === index.columns[0]?.name.toLowerCase());
      const geography = column?.typeName.toLowerCase() === "geography";
      index.spatial = {
        ...spatial,
        tessellation: spatial.tessellation ?? (geography ? "GEOGRAPHY_AUTO_GRID" : "GEOMETRY_AUTO_GRID"),
      };
    }
    if (table === undefined) {
      const view = ctx.view(key);
      if (view !== undefined) return addViewIndex(ctx, view, index, stmt, file);
      ctx.keepStatement(
        stmt,
        true,
        `index ${childObjectKey(target.schema, target.name, name)} on ${key}, which the scripts define neither as a table nor as a view; kept as written`,
        file,
      );
      return;
    }
    if (table.indexes.some((x) => x.name === name))
      return ctx.warn(stmt, `duplicate index ${name} on ${key}; the first definition is kept`, file);
    table.indexes.push(index);
  });
}

/**
 * An index of an indexed view. What SQL Server refuses (a view without SCHEMABINDING, a first index that is not
 * unique clustered, a filtered, XML, spatial or columnstore index) is kept as written with the reason, not modelled.
 * A nonclustered index may be read before the clustered one it needs (another file of the project): whether the
 * view has its unique clustered index is checked once everything is read.
 */
function addViewIndex(ctx: ReaderContext, view: ViewDef, index: IndexDef, stmt: Statement, file: string): void {
  const where = `index ${childObjectKey(view.schema, view.name, index.name)} on the view ${view.key}`;
  const existing = view.indexes ?? [];
  if (existing.some((x) => x.name.toLowerCase() === index.name.toLowerCase()))
    return ctx.warn(stmt, `duplicate index ${index.name} on ${view.key}; the first definition is kept`, file);
  const refused = viewIndexIssues(index);
  if (!view.isSchemaBound) refused.unshift("the view is not created WITH SCHEMABINDING");
  if (index.type === "clustered" && !index.isUnique) refused.push("the clustered index of a view must be UNIQUE");
  if (index.type === "clustered" && existing.some((x) => x.type === "clustered"))
    refused.push("the view already has a clustered index");
  if (refused.length > 0)
    return ctx.keepStatement(
      stmt,
      true,
      `${where}: ${refused.join("; ")} (SQL Server refuses it); kept as written`,
      file,
    );
  view.indexes = [...existing, index];
  if (index.type === "clustered") return;
  ctx.atEnd(() => {
    if (view.indexes?.some((x) => x.type === "clustered")) return;
    view.indexes = view.indexes?.filter((x) => x !== index);
    if (view.indexes?.length === 0) delete view.indexes;
    ctx.keepStatement(
      stmt,
      true,
      `${where}: the view has no unique clustered index, which SQL Server needs before any other index of a view; kept as written`,
      file,
    );
  });
}

const TESSELLATIONS = new Set(["GEOMETRY_GRID", "GEOMETRY_AUTO_GRID", "GEOGRAPHY_GRID", "GEOGRAPHY_AUTO_GRID"]);

/** `[USING tessellation] [WITH (BOUNDING_BOX = (...), GRIDS = (...), CELLS_PER_OBJECT = n, other options)] [ON fg]`. */
function readSpatialOptions(
  c: TokenCursor,
): Omit<SpatialIndexSpec, "tessellation"> & { tessellation?: SpatialIndexSpec["tessellation"] } {
  const spec: Omit<SpatialIndexSpec, "tessellation"> & { tessellation?: SpatialIndexSpec["tessellation"] } = {};
  if (c.acceptWords("USING")) {
    const scheme = c.next().upper;
    if (!TESSELLATIONS.has(scheme)) throw new ParseError(`unknown tessellation ${scheme}`, c.peek(-1));
    spec.tessellation = scheme as SpatialIndexSpec["tessellation"];
  }
  if (c.acceptWords("WITH")) {
    c.expectText("(");
    while (!c.acceptText(")")) {
      const option = c.next().upper;
      if (option === "BOUNDING_BOX") {
        c.expectText("=");
        c.expectText("(");
        const values: string[] = [];
        while (!c.acceptText(")")) {
          if (c.peek(1)?.text === "=") c.pos += 2; // XMIN = 0, ...
          const sign = c.acceptText("-") ? "-" : "";
          values.push(sign + c.next().text);
          c.acceptText(",");
        }
        spec.boundingBox = values;
      } else if (option === "GRIDS") {
        c.expectText("=");
        c.expectText("(");
        const grids: ("LOW" | "MEDIUM" | "HIGH")[] = [];
        while (!c.acceptText(")")) {
          if (c.peek(1)?.text === "=") c.pos += 2; // LEVEL_1 = MEDIUM, ...
          const density = c.next().upper;
          if (density !== "LOW" && density !== "MEDIUM" && density !== "HIGH")
            throw new ParseError(`unknown grid density ${density}`, c.peek(-1));
          grids.push(density);
          c.acceptText(",");
        }
        while (grids.length < 4) grids.push("MEDIUM");
        spec.grids = grids.slice(0, 4);
      } else if (option === "CELLS_PER_OBJECT") {
        c.expectText("=");
        spec.cellsPerObject = Number(c.next().text);
      } else if (c.acceptText("=")) {
        c.readUntil((t) => t.text === ",");
      }
      c.acceptText(",");
    }
  }
  if (c.acceptWords("ON")) readDataSpace(c);
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE SPATIAL INDEX`, c.peek());
  return spec;
}

/** Full-text language names SQL Server also accepts as LCIDs, so a script and a catalog spell them alike. */
const FULLTEXT_LANGUAGES: Record<string, string> = {
  NEUTRAL: "0",
  ENGLISH: "1033",
  "BRITISH ENGLISH": "2057",
  GERMAN: "1031",
  FRENCH: "1036",
  SPANISH: "3082",
  ITALIAN: "1040",
  DUTCH: "1043",
  PORTUGUESE: "2070",
  BRAZILIAN: "1046",
  SWEDISH: "1053",
  DANISH: "1030",
  JAPANESE: "1041",
  KOREAN: "1042",
  "SIMPLIFIED CHINESE": "2052",
  "TRADITIONAL CHINESE": "1028",
  RUSSIAN: "1049",
  POLISH: "1045",
  CZECH: "1029",
  TURKISH: "1055",
};

/**
 * `CREATE FULLTEXT INDEX ON t [(col [TYPE COLUMN c] [LANGUAGE l] [STATISTICAL_SEMANTICS], ...)] KEY INDEX k
 * [ON catalog | ON (catalog, FILEGROUP fg)] [WITH [(] CHANGE_TRACKING [=] AUTO|MANUAL|OFF [, NO POPULATION],
 * STOPLIST [=] OFF|SYSTEM|name [)]]`. The FILEGROUP and SEARCH PROPERTY LIST are not modelled (one filegroup on
 * Azure SQL Database; property lists are rare) and are reported. Long on purpose: it reads the statement's
 * clauses in the grammar's order above.
 */
export function readCreateFulltextIndex(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "FULLTEXT", "INDEX", "ON");
  c.acceptWords("TABLE");
  const target = c.readSchemaObjectName(ctx.defaultSchema);
  const columns: FulltextIndexColumn[] = [];
  if (c.acceptText("(")) {
    while (!c.acceptText(")")) {
      const column: FulltextIndexColumn = { name: c.readIdentifier(true) };
      for (;;) {
        if (c.acceptWords("TYPE", "COLUMN")) column.typeColumn = c.readIdentifier(true);
        else if (c.acceptWords("LANGUAGE")) {
          const t = c.next();
          const text = t.type === "string" ? t.value : t.text;
          column.language = /^\d+$/.test(text)
            ? String(Number(text))
            : /^0x[0-9a-f]+$/i.test(text)
              ? String(parseInt(text, 16))
              : (FULLTEXT_LANGUAGES[text.toUpperCase()] ?? text);
        } else if (c.acceptWords("STATISTICAL_SEMANTICS")) column.statisticalSemantics = true;
        else break;
      }
      columns.push(column);
      if (!c.acceptText(",") && !c.atText(")"))
        throw new ParseError("expected ',' or ')' in the full-text column list", c.peek());
    }
  }
  c.expectWords("KEY", "INDEX");
  const index: FulltextIndexDef = { keyIndex: c.readIdentifier(true), columns, changeTracking: "AUTO" };
  const notModelled: string[] = [];
  if (c.acceptWords("ON")) {
    if (c.acceptText("(")) {
      while (!c.acceptText(")")) {
        if (c.acceptWords("FILEGROUP")) {
          c.readIdentifier(true);
          notModelled.push("FILEGROUP of the full-text index");
        } else index.catalog = c.readIdentifier(true);
        c.acceptText(",");
      }
    } else index.catalog = c.readIdentifier(true);
  }
  if (c.acceptWords("WITH")) {
    const parenthesized = c.acceptText("(");
    while (!c.done && !c.atText(")")) {
      if (c.acceptWords("CHANGE_TRACKING")) {
        c.acceptText("=");
        const mode = c.acceptOneOf("AUTO", "MANUAL", "OFF");
        if (mode === undefined) throw new ParseError("expected CHANGE_TRACKING AUTO, MANUAL or OFF", c.peek());
        index.changeTracking = mode as FulltextIndexDef["changeTracking"];
      } else if (c.acceptWords("NO", "POPULATION")) {
        // A one-off choice made when the index is created, not a property of it.
      } else if (c.acceptWords("STOPLIST")) {
        c.acceptText("=");
        const stoplist = c.readIdentifier(true);
        if (stoplist.toUpperCase() === "OFF") index.stoplist = "OFF";
        else if (stoplist.toUpperCase() !== "SYSTEM") index.stoplist = stoplist;
      } else if (c.acceptWords("SEARCH", "PROPERTY", "LIST")) {
        c.acceptText("=");
        c.readIdentifier(true);
        notModelled.push("SEARCH PROPERTY LIST of the full-text index");
      } else throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE FULLTEXT INDEX`, c.peek());
      c.acceptText(",");
    }
    if (parenthesized) c.expectText(")");
  }
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE FULLTEXT INDEX`, c.peek());
  const file = ctx.file;
  ctx.defer(() => {
    const key = schemaObjectKey(target.schema, target.name);
    const table = ctx.table(key);
    if (table === undefined)
      return ctx.keepStatement(
        stmt,
        true,
        `full-text index on ${key}, a table that is not defined; kept as written`,
        file,
      );
    if (table.fulltextIndex !== undefined)
      return ctx.warn(stmt, `a second full-text index on ${key}; the first definition is kept`, file);
    // Without ON, the index goes to the database's default full-text catalog.
    if (index.catalog === undefined) {
      const fallback = ctx.model.fulltextCatalogs.find((cat) => cat.isDefault)?.name;
      if (fallback !== undefined) index.catalog = fallback;
    }
    table.fulltextIndex = index;
    for (const what of notModelled) ctx.warn(stmt, `${what} is not modelled and will not be generated`, file);
  });
}
