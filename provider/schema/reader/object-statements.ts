/**
 * The smaller CREATE statements: schemas, types, sequences, synonyms, CLR assemblies, Service Broker queues
 * and services, fulltext catalogs, partition functions and schemes, and server-level objects.
 */
import { databaseObjectKey, schemaObjectKey, serverObjectKey } from "../keys";
import type {
  SecurityPolicyDef,
  SecurityPredicateDef,
  SequenceDef,
  TableTypeDef,
  XmlSchemaCollectionDef,
} from "../model";
import { quoteName } from "../quote";
import { redactSecrets } from "../redact";
import type { Statement } from "../statements";
import { ParseError, type TokenCursor } from "../token-cursor";
import { isWord, significantTokens } from "../tokenizer";
import { wrapExpression } from "./expressions";
import type { ReaderContext } from "./reader-context";
import { readWithOptions } from "./storage-clauses";
import { emptyParts, readDataType, readTableBody } from "./table-elements";

function expectEnd(c: TokenCursor, what: string): void {
  if (!c.done) throw new ParseError(`unexpected '${c.peek()!.text}' in ${what}`, c.peek());
}

export function readCreateSchema(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "SCHEMA");
  const name = c.readIdentifier();
  // The model leaves a dbo owner out ("absent means dbo"), as catalog extraction does, so the two compare equal.
  const owner = c.acceptWords("AUTHORIZATION") ? c.readIdentifier(true) : undefined;
  expectEnd(c, "CREATE SCHEMA (schema elements are not modelled)");
  ctx.add(
    ctx.model.schemas,
    {
      kind: "schema",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      ...(owner !== undefined && owner.toLowerCase() !== "dbo" ? { owner } : {}),
    },
    stmt,
  );
}

/** `CREATE TYPE x FROM base [(n)] [NOT NULL]` or `CREATE TYPE x AS TABLE (...)`. CLR types stay statements. */
export function readCreateType(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "TYPE");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  const key = schemaObjectKey(schema, name);
  const source = ctx.source(stmt);
  if (c.acceptWords("FROM")) {
    const base = readDataType(c, ctx.defaultSchema);
    let isNullable = true;
    if (c.acceptWords("NOT", "NULL")) isNullable = false;
    else c.acceptWords("NULL");
    expectEnd(c, "CREATE TYPE");
    ctx.add(
      ctx.model.types,
      {
        kind: "aliasType",
        key,
        schema,
        name,
        source,
        baseType: base.typeName,
        maxLength: base.maxLength,
        precision: base.precision,
        scale: base.scale,
        isNullable,
      },
      stmt,
    );
    return;
  }
  if (c.acceptWords("AS", "TABLE")) {
    const parts = emptyParts();
    readTableBody(c, ctx.defaultSchema, parts);
    let isMemoryOptimized = false;
    if (c.acceptWords("WITH")) isMemoryOptimized = readWithOptions(c).MEMORY_OPTIMIZED === "ON";
    expectEnd(c, "CREATE TYPE AS TABLE");
    const type: TableTypeDef = {
      kind: "tableType",
      key,
      schema,
      name,
      source,
      columns: parts.columns,
      uniqueConstraints: parts.uniqueConstraints,
      checkConstraints: parts.checkConstraints,
      indexes: parts.indexes,
      isMemoryOptimized,
      ...(parts.primaryKey !== undefined ? { primaryKey: parts.primaryKey } : {}),
    };
    ctx.add(ctx.model.types, type, stmt);
    return;
  }
  // CLR user-defined type (EXTERNAL NAME): not modelled as a type; the CLR assessment rule sees the statement.
  ctx.keepStatement(stmt, false);
}

export function readCreateSequence(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "SEQUENCE");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  const seq: SequenceDef = {
    kind: "sequence",
    key: schemaObjectKey(schema, name),
    schema,
    name,
    source: ctx.source(stmt),
    typeName: "bigint",
    startValue: "",
    increment: "1",
    isCycling: false,
  };
  const signedNumber = (): string => {
    const sign = c.acceptText("-") ? "-" : c.acceptText("+") ? "" : "";
    return sign + c.next().text;
  };
  while (!c.done) {
    if (c.acceptWords("AS")) seq.typeName = readDataType(c, ctx.defaultSchema).typeName;
    else if (c.acceptWords("START", "WITH")) seq.startValue = signedNumber();
    else if (c.acceptWords("INCREMENT", "BY")) seq.increment = signedNumber();
    else if (c.acceptWords("MINVALUE")) seq.minValue = signedNumber();
    else if (c.acceptWords("MAXVALUE")) seq.maxValue = signedNumber();
    else if (c.acceptWords("NO", "MINVALUE") || c.acceptWords("NO", "MAXVALUE") || c.acceptWords("NO", "CYCLE"))
      continue;
    else if (c.acceptWords("CYCLE")) seq.isCycling = true;
    else if (c.acceptWords("NO", "CACHE")) seq.cacheSize = 0;
    else if (c.acceptWords("CACHE")) {
      if (c.peek()?.type === "number") seq.cacheSize = Number(c.next().text);
    } else if (c.acceptText(",")) continue;
    else throw new ParseError(`unexpected '${c.peek()!.text}' in CREATE SEQUENCE`, c.peek());
  }
  // Without START WITH a sequence starts at its minimum: MINVALUE, or the type's minimum for ascending ones.
  if (seq.startValue === "")
    seq.startValue =
      seq.minValue ?? (seq.increment.startsWith("-") ? (seq.maxValue ?? "0") : typeMinimum(seq.typeName));
  ctx.add(ctx.model.sequences, seq, stmt);
}

function typeMinimum(typeName: string): string {
  switch (typeName.toLowerCase()) {
    case "tinyint":
      return "0";
    case "smallint":
      return "-32768";
    case "int":
      return "-2147483648";
    default:
      return "-9223372036854775808";
  }
}

export function readCreateSynonym(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "SYNONYM");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  c.expectWords("FOR");
  const parts = c.readMultipartName();
  expectEnd(c, "CREATE SYNONYM");
  // Like sys.synonyms.base_object_name: every part bracket-quoted, empty parts kept empty (`[Db]..[T]`).
  const baseObjectName = parts.map((p) => (p === "" ? "" : quoteName(p))).join(".");
  ctx.add(
    ctx.model.synonyms,
    { kind: "synonym", key: schemaObjectKey(schema, name), schema, name, source: ctx.source(stmt), baseObjectName },
    stmt,
  );
}

export function readCreateAssembly(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "ASSEMBLY");
  const name = c.readIdentifier();
  let permissionSet: "SAFE" | "EXTERNAL_ACCESS" | "UNSAFE" = "SAFE";
  for (let i = c.pos; i < c.tokens.length; i++) {
    if (isWord(c.tokens[i], "PERMISSION_SET") && c.tokens[i + 1]?.text === "=") {
      const value = c.tokens[i + 2]?.upper;
      if (value === "EXTERNAL_ACCESS" || value === "UNSAFE") permissionSet = value;
    }
  }
  ctx.add(
    ctx.model.assemblies,
    {
      kind: "assembly",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      permissionSet,
      definition: stmt.text,
    },
    stmt,
  );
}

export function readCreateQueue(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "QUEUE");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  let activationProcedure: { schema: string; name: string } | undefined;
  for (let i = c.pos; i < c.tokens.length; i++) {
    if (isWord(c.tokens[i], "PROCEDURE_NAME") && c.tokens[i + 1]?.text === "=") {
      c.pos = i + 2;
      activationProcedure = c.readSchemaObjectName(ctx.defaultSchema);
      break;
    }
  }
  ctx.add(
    ctx.model.queues,
    {
      kind: "queue",
      key: schemaObjectKey(schema, name),
      schema,
      name,
      source: ctx.source(stmt),
      definition: stmt.text,
      ...(activationProcedure !== undefined ? { activationProcedure } : {}),
    },
    stmt,
  );
}

export function readCreateService(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "SERVICE");
  const name = c.readIdentifier();
  if (c.acceptWords("AUTHORIZATION")) c.readIdentifier();
  c.expectWords("ON", "QUEUE");
  const queue = c.readSchemaObjectName(ctx.defaultSchema);
  const contracts: string[] = [];
  if (c.acceptText("(")) {
    while (!c.acceptText(")")) {
      contracts.push(c.readIdentifier(true));
      c.acceptText(",");
    }
  }
  expectEnd(c, "CREATE SERVICE");
  ctx.add(
    ctx.model.services,
    {
      kind: "service",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      queue,
      contracts,
      definition: stmt.text,
    },
    stmt,
  );
}

export function readCreateFulltextCatalog(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "FULLTEXT", "CATALOG");
  const name = c.readIdentifier();
  const isDefault = stmt.tokens.some((t, i) => isWord(t, "AS") && isWord(stmt.tokens[i + 1], "DEFAULT"));
  ctx.add(
    ctx.model.fulltextCatalogs,
    { kind: "fulltextCatalog", key: databaseObjectKey(name), name, source: ctx.source(stmt), isDefault },
    stmt,
  );
}

/**
 * A type written as text, the way the catalog spells it (`decimal(18,2)`, `nvarchar(50)`, `int`), whatever the
 * source put around it (`[decimal] ( 18 , 2 )`, comments). Anything else is kept as written.
 */
function typeText(text: string): string {
  const tokens = significantTokens(text);
  const name = tokens[0];
  if (name === undefined || (name.type !== "identifier" && name.type !== "keyword" && name.type !== "quotedIdentifier"))
    return text;
  const args: string[] = [];
  if (tokens.length > 1) {
    if (tokens[1]!.text !== "(" || tokens[tokens.length - 1]!.text !== ")") return text;
    for (let i = 2; i < tokens.length - 1; i++) {
      const t = tokens[i]!;
      if (i % 2 === 0 ? t.type !== "number" && t.upper !== "MAX" : t.text !== ",") return text;
      if (i % 2 === 0) args.push(t.type === "number" ? t.text : "max");
    }
  }
  const type = name.value.toLowerCase();
  return args.length > 0 ? `${type}(${args.join(",")})` : type;
}

/** `CREATE PARTITION FUNCTION f (type) AS RANGE [LEFT|RIGHT] FOR VALUES (...)` */
export function readCreatePartitionFunction(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "PARTITION", "FUNCTION");
  const name = c.readIdentifier();
  const parameterType = typeText(c.readParenthesized());
  c.expectWords("AS", "RANGE");
  const rangeType = c.acceptWords("RIGHT") ? "RIGHT" : (c.acceptWords("LEFT"), "LEFT");
  c.expectWords("FOR", "VALUES");
  c.expectText("(");
  const boundaries: string[] = [];
  while (!c.acceptText(")")) {
    boundaries.push(c.readUntil((t) => t.text === ",").trim());
    c.acceptText(",");
  }
  expectEnd(c, "CREATE PARTITION FUNCTION");
  ctx.add(
    ctx.model.partitionFunctions,
    {
      kind: "partitionFunction",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      parameterType,
      rangeType,
      boundaries,
    },
    stmt,
  );
}

/** `CREATE PARTITION SCHEME s AS PARTITION f [ALL] TO (fg, ...)` */
export function readCreatePartitionScheme(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "PARTITION", "SCHEME");
  const name = c.readIdentifier();
  c.expectWords("AS", "PARTITION");
  const functionName = c.readIdentifier();
  const all = c.acceptWords("ALL");
  c.expectWords("TO");
  c.expectText("(");
  const filegroups: string[] = [];
  while (!c.acceptText(")")) {
    const fg = c.readIdentifier(true);
    filegroups.push(fg.toUpperCase() === "PRIMARY" ? "PRIMARY" : fg);
    c.acceptText(",");
  }
  expectEnd(c, "CREATE PARTITION SCHEME");
  ctx.add(
    ctx.model.partitionSchemes,
    {
      kind: "partitionScheme",
      key: databaseObjectKey(name),
      name,
      source: ctx.source(stmt),
      functionName,
      filegroups,
      all,
    },
    stmt,
  );
}

/** Server-level CREATE statements (LOGIN, SERVER ROLE, ENDPOINT, CREDENTIAL, SERVER AUDIT...). */
export function readServerObject(ctx: ReaderContext, c: TokenCursor, stmt: Statement, typeWords: string[]): void {
  c.pos = 1 + typeWords.length;
  const name = c.readIdentifier(true);
  const serverObjectType = typeWords.join(" ");
  ctx.add(
    ctx.model.serverObjects,
    {
      kind: "serverObject",
      key: serverObjectKey(serverObjectType, name),
      name,
      source: ctx.source(stmt),
      serverObjectType,
      definition: redactSecrets(stmt.text),
    },
    stmt,
  );
}

/** `EXEC sp_addlinkedserver @server = N'name', ...` — a linked server definition. */
export function readAddLinkedServer(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  const name = c.tokens.find((t) => t.type === "string")?.value ?? "(unnamed)";
  ctx.add(
    ctx.model.serverObjects,
    {
      kind: "serverObject",
      key: serverObjectKey("LINKED SERVER", name),
      name,
      source: ctx.source(stmt),
      serverObjectType: "LINKED SERVER",
      definition: redactSecrets(stmt.text),
    },
    stmt,
  );
}

const PREDICATE_OPERATIONS = new Set(["AFTER INSERT", "AFTER UPDATE", "BEFORE UPDATE", "BEFORE DELETE"]);

/**
 * `CREATE SECURITY POLICY [s.]name ADD [FILTER|BLOCK] PREDICATE s.fn(args) ON s.table [AFTER INSERT|...], ...
 * [WITH (STATE = ON|OFF, SCHEMABINDING = ON|OFF)] [NOT FOR REPLICATION]` (row-level security).
 */
export function readCreateSecurityPolicy(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "SECURITY", "POLICY");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  const policy: SecurityPolicyDef = {
    kind: "securityPolicy",
    key: schemaObjectKey(schema, name),
    schema,
    name,
    source: ctx.source(stmt),
    predicates: [],
    isEnabled: true,
    isSchemaBound: true,
  };
  while (c.acceptWords("ADD") || (policy.predicates.length > 0 && c.acceptText(",") && c.acceptWords("ADD"))) {
    const type = c.acceptOneOf("FILTER", "BLOCK") === "BLOCK" ? "BLOCK" : "FILTER";
    c.expectWords("PREDICATE");
    const from = c.pos;
    c.readMultipartName();
    if (!c.atText("(")) throw new ParseError("expected the predicate function's arguments", c.peek());
    c.skipParenthesized();
    const definition = wrapExpression(c.textFrom(from));
    c.expectWords("ON");
    const table = c.readSchemaObjectName(ctx.defaultSchema);
    const predicate: SecurityPredicateDef = { type, definition, table };
    const when = c.acceptOneOf("AFTER", "BEFORE");
    if (when !== undefined) {
      const operation = `${when} ${c.next().upper}`;
      if (type !== "BLOCK" || !PREDICATE_OPERATIONS.has(operation))
        throw new ParseError(`unexpected ${operation} on a ${type} predicate`, c.peek(-1));
      predicate.operation = operation as SecurityPredicateDef["operation"];
    }
    policy.predicates.push(predicate);
  }
  if (policy.predicates.length === 0) throw new ParseError("expected ADD [FILTER|BLOCK] PREDICATE", c.peek());
  if (c.acceptWords("WITH")) {
    const options = readWithOptions(c);
    if (options.STATE === "OFF") policy.isEnabled = false;
    if (options.SCHEMABINDING === "OFF") policy.isSchemaBound = false;
  }
  if (c.acceptWords("NOT", "FOR", "REPLICATION")) policy.notForReplication = true;
  expectEnd(c, "CREATE SECURITY POLICY");
  ctx.add(ctx.model.securityPolicies, policy, stmt);
}

/** The XSD text after AS / ADD: one string literal (a variable or an expression is not something to replay). */
function readSchemaDocument(c: TokenCursor, what: string): string {
  const literal = c.next();
  if (literal.type !== "string" || literal.unterminated === true)
    throw new ParseError(`expected the schema of ${what} as a string literal`, literal);
  expectEnd(c, what);
  return literal.value;
}

/** `CREATE XML SCHEMA COLLECTION [s.]name AS 'xsd'`. */
export function readCreateXmlSchemaCollection(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("CREATE", "XML", "SCHEMA", "COLLECTION");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  c.expectWords("AS");
  const document = readSchemaDocument(c, "CREATE XML SCHEMA COLLECTION");
  const collection: XmlSchemaCollectionDef = {
    kind: "xmlSchemaCollection",
    key: schemaObjectKey(schema, name),
    schema,
    name,
    source: ctx.source(stmt),
    schemas: [document],
  };
  ctx.add(ctx.model.xmlSchemaCollections, collection, stmt);
}

/** `ALTER XML SCHEMA COLLECTION [s.]name ADD 'xsd'`: applied once every file is read. */
export function readAlterXmlSchemaCollection(ctx: ReaderContext, c: TokenCursor, stmt: Statement): void {
  c.expectWords("ALTER", "XML", "SCHEMA", "COLLECTION");
  const { schema, name } = c.readSchemaObjectName(ctx.defaultSchema);
  c.expectWords("ADD");
  const document = readSchemaDocument(c, "ALTER XML SCHEMA COLLECTION");
  const key = schemaObjectKey(schema, name);
  const file = ctx.file;
  ctx.defer(() => {
    const collection = ctx.model.xmlSchemaCollections.find((x) => x.key === key);
    if (collection === undefined)
      return ctx.keepStatement(
        stmt,
        true,
        `ALTER XML SCHEMA COLLECTION on unknown collection ${key}; kept as written`,
        file,
      );
    collection.schemas.push(document);
  });
}
