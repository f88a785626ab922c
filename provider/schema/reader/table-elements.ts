/**
 * The elements inside `CREATE TABLE (...)`, `CREATE TYPE ... AS TABLE (...)` and `ALTER TABLE ... ADD`:
 * column definitions with their inline constraints, and table-level constraints and indexes.
 */
import { isSystemType, sizeOfDeclaredType } from "../data-types";
import type {
  ColumnDef,
  EdgeConstraintDef,
  ForeignKeyDef,
  GeneratedAlwaysType,
  IndexDef,
  KeyConstraintDef,
  PeriodDef,
  ReferentialAction,
  TableBody,
} from "../model";
import { ParseError, type TokenCursor } from "../token-cursor";
import { isWord, type Token } from "../tokenizer";
import { wrapExpression } from "./expressions";
import { readDataSpace, readWithOptions } from "./storage-clauses";

/** What the elements of a table body add up to. */
export interface TableParts extends TableBody {
  foreignKeys: ForeignKeyDef[];
  /** PERIOD FOR SYSTEM_TIME (start, end). */
  period?: PeriodDef;
  /** CONNECTION constraints (edge tables). */
  edgeConstraints: EdgeConstraintDef[];
  /** Things read but not modelled (Always Encrypted columns...), reported as warnings by the caller. */
  notModelled: string[];
}

export function emptyParts(): TableParts {
  return {
    columns: [],
    uniqueConstraints: [],
    checkConstraints: [],
    foreignKeys: [],
    indexes: [],
    edgeConstraints: [],
    notModelled: [],
  };
}

/** GENERATED ALWAYS AS <what> START|END → the model's name for it (sys.columns.generated_always_type_desc). */
const GENERATED_ALWAYS: Record<string, [GeneratedAlwaysType, GeneratedAlwaysType]> = {
  ROW: ["rowStart", "rowEnd"],
  TRANSACTION_ID: ["transactionIdStart", "transactionIdEnd"],
  SEQUENCE_NUMBER: ["sequenceNumberStart", "sequenceNumberEnd"],
};

/** Words that end a DEFAULT expression written without parentheses. */
const COLUMN_OPTION_WORDS = new Set([
  "CONSTRAINT",
  "NOT",
  "NULL",
  "PRIMARY",
  "UNIQUE",
  "CHECK",
  "REFERENCES",
  "FOREIGN",
  "COLLATE",
  "IDENTITY",
  "ROWGUIDCOL",
  "WITH",
  "INDEX",
  "SPARSE",
  "FILESTREAM",
  "FOR",
  "PERSISTED",
  "GENERATED",
  "MASKED",
  "HIDDEN",
  "ENCRYPTED",
  "COLUMN_SET",
]);

const TABLE_ELEMENT_WORDS = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "INDEX"]);

/** Reads `( element, element, ... )`. */
export function readTableBody(c: TokenCursor, defaultSchema: string, parts: TableParts): void {
  c.expectText("(");
  while (!c.acceptText(")")) {
    readTableElement(c, defaultSchema, parts);
    if (!c.acceptText(",") && !c.atText(")"))
      throw new ParseError(`unexpected '${c.peek()?.text ?? "end"}' in table definition`, c.peek());
  }
}

/** One column or one table-level constraint/index. */
export function readTableElement(c: TokenCursor, defaultSchema: string, parts: TableParts): void {
  const t = c.peek();
  if (isWord(t, "CONNECTION") && c.peek(1)?.text === "(") {
    readConstraint(c, defaultSchema, parts, undefined, undefined);
    return;
  }
  // PERIOD FOR SYSTEM_TIME (a column may be called Period).
  if (isWord(t, "PERIOD") && isWord(c.peek(1), "FOR")) {
    c.expectWords("PERIOD", "FOR", "SYSTEM_TIME");
    c.expectText("(");
    const startColumn = c.readIdentifier(true);
    c.expectText(",");
    const endColumn = c.readIdentifier(true);
    c.expectText(")");
    if (parts.period !== undefined) throw new ParseError("a second PERIOD FOR SYSTEM_TIME", t);
    parts.period = { startColumn, endColumn };
    return;
  }
  if (t !== undefined && t.type !== "quotedIdentifier" && TABLE_ELEMENT_WORDS.has(t.upper)) {
    if (isWord(t, "INDEX")) {
      parts.indexes.push(readInlineIndex(c, undefined));
      return;
    }
    let name: string | undefined;
    if (c.acceptWords("CONSTRAINT")) name = c.readIdentifier();
    readConstraint(c, defaultSchema, parts, name, undefined);
    return;
  }
  parts.columns.push(readColumn(c, defaultSchema, parts));
}

/**
 * A column definition. Long on purpose: it follows the column_definition grammar of CREATE TABLE clause by
 * clause (type, collation, identity, defaults, constraints, generated always, masking...), in its order.
 */
function readColumn(c: TokenCursor, defaultSchema: string, parts: TableParts): ColumnDef {
  const name = c.readIdentifier();
  let col: ColumnDef;
  if (c.acceptWords("AS")) {
    const expr = c.readUntil(
      (t) => t.text === "," || (t.type !== "quotedIdentifier" && COLUMN_OPTION_WORDS.has(t.upper)),
    );
    col = {
      name,
      typeName: "",
      maxLength: 0,
      precision: 0,
      scale: 0,
      isNullable: true,
      computed: { definition: wrapExpression(expr), persisted: false },
    };
  } else {
    col = { name, ...readDataType(c, defaultSchema), isNullable: true };
  }
  let explicitNullability = false;
  for (;;) {
    const t = c.peek();
    if (t === undefined || t.text === "," || t.text === ")") break;
    if (c.acceptWords("NOT", "NULL")) {
      col.isNullable = false;
      explicitNullability = true;
    } else if (c.acceptWords("NULL")) {
      col.isNullable = true;
      explicitNullability = true;
    } else if (c.acceptWords("PERSISTED")) {
      if (col.computed !== undefined) col.computed.persisted = true;
    } else if (c.acceptWords("IDENTITY")) {
      let seed = "1";
      let increment = "1";
      if (c.acceptText("(")) {
        seed = c.readUntil((x) => x.text === ",").trim();
        c.expectText(",");
        increment = c.readUntil(() => false).trim();
        c.expectText(")");
      }
      col.identity = { seed, increment };
    } else if (c.acceptWords("NOT", "FOR", "REPLICATION")) {
      if (col.identity !== undefined) col.identity.notForReplication = true;
    } else if (c.acceptWords("COLLATE")) {
      col.collation = c.readIdentifier(true);
    } else if (c.acceptWords("ROWGUIDCOL")) {
      col.isRowGuidCol = true;
    } else if (c.acceptWords("FILESTREAM")) {
      col.isFilestream = true;
    } else if (c.acceptWords("SPARSE")) {
      col.isSparse = true;
    } else if (c.acceptWords("HIDDEN")) {
      col.isHidden = true;
    } else if (c.acceptWords("GENERATED", "ALWAYS", "AS")) {
      const what = c.next();
      const pair = GENERATED_ALWAYS[what.upper];
      const end = c.acceptOneOf("START", "END");
      if (pair === undefined || end === undefined)
        throw new ParseError(`unexpected GENERATED ALWAYS AS ${what.text}`, what);
      col.generatedAlways = end === "START" ? pair[0] : pair[1];
    } else if (c.acceptWords("MASKED", "WITH")) {
      col.mask = readMaskingFunction(c);
    } else if (c.acceptWords("COLUMN_SET", "FOR", "ALL_SPARSE_COLUMNS")) {
      col.isColumnSet = true;
    } else if (c.atWords("ENCRYPTED", "WITH")) {
      c.pos += 2;
      c.skipParenthesized();
      parts.notModelled.push(`ENCRYPTED on ${name}`);
    } else if (c.atWords("INDEX")) {
      parts.indexes.push(readInlineIndex(c, name));
    } else {
      let constraintName: string | undefined;
      if (c.acceptWords("CONSTRAINT")) constraintName = c.readIdentifier();
      if (c.acceptWords("DEFAULT")) {
        col.default = {
          ...(constraintName !== undefined ? { name: constraintName } : {}),
          definition: readDefaultExpression(c),
        };
        c.acceptWords("WITH", "VALUES");
      } else if (!readConstraint(c, defaultSchema, parts, constraintName, name)) {
        throw new ParseError(`unexpected '${t.text}' in definition of column ${name}`, t);
      }
    }
  }
  // Identity, rowversion and PRIMARY KEY columns are NOT NULL even when the script does not say so.
  const implicitlyNotNull =
    col.identity !== undefined ||
    col.typeName === "timestamp" ||
    col.typeName === "rowversion" ||
    parts.primaryKey?.columns.some((k) => k.name === name) === true;
  if (!explicitNullability && implicitlyNotNull) col.isNullable = false;
  return col;
}

/** `( FUNCTION = 'partial(1, "XX", 0)' )` after MASKED WITH: the function text as the catalog keeps it. */
export function readMaskingFunction(c: TokenCursor): string {
  c.expectText("(");
  c.expectWords("FUNCTION");
  c.expectText("=");
  const literal = c.next();
  if (literal.type !== "string" || literal.unterminated === true)
    throw new ParseError("expected the masking function as a string", literal);
  c.expectText(")");
  const text = literal.value.trim();
  if (text === "") throw new ParseError("empty masking function", literal);
  return text;
}

/** A system or user-defined type with its size arguments, converted to catalog sizes. */
export function readDataType(
  c: TokenCursor,
  defaultSchema: string,
): Pick<ColumnDef, "typeName" | "typeSchema" | "maxLength" | "precision" | "scale" | "xmlSchema"> {
  const parts = c.readMultipartName();
  const typeName = parts[parts.length - 1]!;
  // Typed xml: xml([CONTENT | DOCUMENT] schema.collection).
  if (parts.length === 1 && typeName.toLowerCase() === "xml" && c.atText("(")) {
    c.expectText("(");
    const document = c.acceptOneOf("CONTENT", "DOCUMENT") === "DOCUMENT";
    const collection = c.readSchemaObjectName(defaultSchema);
    c.expectText(")");
    return { typeName: "xml", ...sizeOfDeclaredType("xml", []), xmlSchema: { collection, document } };
  }
  const args: string[] = [];
  if (c.atText("(")) {
    c.expectText("(");
    while (!c.acceptText(")")) {
      args.push(c.next().text);
      c.acceptText(",");
    }
  }
  if (parts.length === 1 && isSystemType(typeName)) {
    return { typeName: typeName.toLowerCase(), ...sizeOfDeclaredType(typeName, args) };
  }
  // Alias types take their sizes from the type; the reader fills them in once every file is read.
  const typeSchema = parts.length >= 2 ? parts[parts.length - 2]! : defaultSchema;
  return { typeName, typeSchema, maxLength: 0, precision: 0, scale: 0 };
}

function readDefaultExpression(c: TokenCursor): string {
  const expr = c.readUntil(
    (t) => t.text === "," || (t.type !== "quotedIdentifier" && COLUMN_OPTION_WORDS.has(t.upper)),
  );
  if (expr === "" && c.acceptWords("NULL")) return "(NULL)";
  if (expr === "") throw new ParseError("expected a DEFAULT expression", c.peek());
  return wrapExpression(expr);
}

/**
 * PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY / REFERENCES. `column` is set for a column-level constraint, whose
 * column list may be omitted. Returns false when no constraint starts here. Long on purpose: the four
 * constraint forms share their name, options and storage clauses, read in the grammar's order.
 */
export function readConstraint(
  c: TokenCursor,
  defaultSchema: string,
  parts: TableParts,
  name: string | undefined,
  column: string | undefined,
): boolean {
  const named = name !== undefined ? { name } : {};
  if (c.atWords("PRIMARY", "KEY") || c.atWords("UNIQUE")) {
    const type = c.acceptWords("PRIMARY", "KEY") ? "primaryKey" : (c.next(), "unique");
    const clusteredWord = c.acceptOneOf("CLUSTERED", "NONCLUSTERED");
    const isHash = c.acceptWords("HASH");
    const columns = c.atText("(")
      ? c.readColumnList()
      : column !== undefined
        ? [{ name: column, descending: false }]
        : [];
    if (columns.length === 0) throw new ParseError("constraint without columns", c.peek());
    const key: KeyConstraintDef = {
      ...named,
      type,
      clustered: clusteredWord === undefined ? type === "primaryKey" && !isHash : clusteredWord === "CLUSTERED",
      columns,
    };
    const options: { bucketCount?: number; dataSpace?: IndexDef["dataSpace"] } = {};
    readIndexOptionsAndPlacement(c, options);
    if (options.dataSpace !== undefined) key.dataSpace = options.dataSpace;
    // A HASH key is backed by a hash index of the same name, which is how sys.indexes describes it.
    if (isHash && name !== undefined) {
      parts.indexes.push({
        name,
        type: "hash",
        isUnique: true,
        columns,
        includedColumns: [],
        ...(options.bucketCount !== undefined ? { bucketCount: options.bucketCount } : {}),
      });
    }
    if (type === "primaryKey") {
      if (parts.primaryKey !== undefined) throw new ParseError("a second PRIMARY KEY", c.peek());
      parts.primaryKey = key;
      for (const col of parts.columns) if (columns.some((k) => k.name === col.name)) col.isNullable = false;
    } else {
      parts.uniqueConstraints.push(key);
    }
    return true;
  }
  if (c.acceptWords("CHECK")) {
    const notForReplication = c.acceptWords("NOT", "FOR", "REPLICATION");
    const definition = wrapExpression(c.readParenthesized());
    parts.checkConstraints.push({
      ...named,
      definition,
      ...(column !== undefined ? { column } : {}),
      ...(notForReplication ? { notForReplication } : {}),
    });
    return true;
  }
  if (c.acceptWords("CONNECTION")) {
    const edge: EdgeConstraintDef = { ...named, connections: [], onDelete: "NO_ACTION" };
    c.expectText("(");
    while (!c.acceptText(")")) {
      const from = c.readSchemaObjectName(defaultSchema);
      c.expectWords("TO");
      const to = c.readSchemaObjectName(defaultSchema);
      edge.connections.push({ from, to });
      if (!c.acceptText(",") && !c.atText(")")) throw new ParseError("expected ',' or ')' in CONNECTION", c.peek());
    }
    if (c.acceptWords("ON", "DELETE")) {
      if (c.acceptWords("CASCADE")) edge.onDelete = "CASCADE";
      else c.expectWords("NO", "ACTION");
    }
    parts.edgeConstraints.push(edge);
    return true;
  }
  if (c.atWords("FOREIGN", "KEY") || c.atWords("REFERENCES")) {
    let columns: string[] = column !== undefined ? [column] : [];
    if (c.acceptWords("FOREIGN", "KEY")) {
      if (c.atText("(")) columns = c.readColumnList().map((x) => x.name);
    }
    c.expectWords("REFERENCES");
    const referencedTable = c.readSchemaObjectName(defaultSchema);
    const referencedColumns = c.atText("(") ? c.readColumnList().map((x) => x.name) : [];
    const fk: ForeignKeyDef = {
      ...named,
      columns,
      referencedTable,
      referencedColumns,
      onDelete: "NO_ACTION",
      onUpdate: "NO_ACTION",
    };
    for (;;) {
      if (c.acceptWords("ON", "DELETE")) fk.onDelete = readAction(c);
      else if (c.acceptWords("ON", "UPDATE")) fk.onUpdate = readAction(c);
      else if (c.acceptWords("NOT", "FOR", "REPLICATION")) fk.notForReplication = true;
      else break;
    }
    parts.foreignKeys.push(fk);
    return true;
  }
  return false;
}

function readAction(c: TokenCursor): ReferentialAction {
  if (c.acceptWords("NO", "ACTION")) return "NO_ACTION";
  if (c.acceptWords("CASCADE")) return "CASCADE";
  if (c.acceptWords("SET", "NULL")) return "SET_NULL";
  if (c.acceptWords("SET", "DEFAULT")) return "SET_DEFAULT";
  throw new ParseError("expected NO ACTION, CASCADE, SET NULL or SET DEFAULT", c.peek());
}

/** `WITH (...)` (fill factor etc., not modelled) and `ON data space` after a key or index. */
function readIndexOptionsAndPlacement(
  c: TokenCursor,
  target: { dataSpace?: IndexDef["dataSpace"]; bucketCount?: number },
): void {
  for (;;) {
    if (c.atWords("WITH") && c.peek(1)?.text === "(") {
      c.next();
      const options = readWithOptions(c);
      if (options.BUCKET_COUNT !== undefined) target.bucketCount = Number(options.BUCKET_COUNT);
    } else if (c.atWords("WITH", "FILLFACTOR")) {
      c.pos += 2;
      c.expectText("=");
      c.next();
    } else if (c.acceptWords("ON")) {
      target.dataSpace = readDataSpace(c);
    } else {
      return;
    }
  }
}

/** `INDEX name [UNIQUE] [CLUSTERED|NONCLUSTERED] [COLUMNSTORE] [HASH] (cols) ...` inside a table body. */
function readInlineIndex(c: TokenCursor, column: string | undefined): IndexDef {
  c.expectWords("INDEX");
  const name = c.readIdentifier();
  const isUnique = c.acceptWords("UNIQUE");
  const clustered = c.acceptOneOf("CLUSTERED", "NONCLUSTERED");
  const columnstore = c.acceptWords("COLUMNSTORE");
  const hash = c.acceptWords("HASH");
  const columns = c.atText("(")
    ? c.readColumnList()
    : column !== undefined
      ? [{ name: column, descending: false }]
      : [];
  const index: IndexDef = {
    name,
    type: indexType(clustered, columnstore, hash),
    isUnique,
    columns,
    includedColumns: [],
  };
  if (c.acceptWords("INCLUDE")) index.includedColumns = c.readColumnList().map((x) => x.name);
  if (c.acceptWords("WHERE"))
    index.filter = wrapExpression(c.readUntil((t) => isWord(t, "WITH") || isWord(t, "ON") || t.text === ","));
  readIndexOptionsAndPlacement(c, index);
  return index;
}

export function indexType(clustered: string | undefined, columnstore: boolean, hash: boolean): IndexDef["type"] {
  if (hash) return "hash";
  if (columnstore) return clustered === "CLUSTERED" ? "clusteredColumnstore" : "nonclusteredColumnstore";
  return clustered === "CLUSTERED" ? "clustered" : "nonclustered";
}

/** Index options and placement after `CREATE INDEX ... (cols) [INCLUDE] [WHERE]`, exported for the index parser. */
export function readIndexTail(c: TokenCursor, index: IndexDef): void {
  if (c.acceptWords("INCLUDE")) index.includedColumns = c.readColumnList().map((x) => x.name);
  if (c.acceptWords("WHERE"))
    index.filter = wrapExpression(c.readUntil((t: Token) => isWord(t, "WITH") || isWord(t, "ON")));
  readIndexOptionsAndPlacement(c, index);
}
