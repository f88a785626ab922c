/**
 * Name binding for the rules that read module bodies: decides, for every dotted name, what it stands for —
 * an object (a table source, an EXEC target, a function or sequence), a column, or a method or property of a
 * CLR-typed column — and, for objects, which parts are server, database, schema and object.
 *
 * It works on tokens, one statement at a time, in two linear passes:
 *   1. scope: the names a statement makes visible — FROM/JOIN/APPLY/MERGE/USING/UPDATE/DELETE/INSERT targets and
 *      their aliases (with or without AS, after a derived table or a function call too), CTE names, table
 *      variables, `inserted` / `deleted`, and the columns of model tables the statement reads;
 *   2. binding: each name is judged by where it stands (object position, call `name(`, or expression) and by
 *      what its first part binds to (an alias, a CTE, a table, a column, a schema of the model, this database).
 *
 * A three-part name is another database's object only when it stands where an object does and its first part is
 * none of those; in an expression, `a.b.c` is schema.table.column or alias.column.property, never a database.
 * A statement ends at `;` or at BEGIN, END (not CASE's), IF, ELSE, WHILE, DECLARE, RETURN, PRINT, GOTO, BREAK,
 * CONTINUE at the top level. Statements that run together without a separator share one scope, which can only
 * make binding more lenient, never invent a reference.
 */
import { isWord, type Token } from "../tokenizer";
import { matchingParens, multipartNames, type NameRef } from "./scan";
import { NO_VALUES, withValue } from "./lazy-set";

/** What binding knows of the database: its schemas, objects and their columns, and its own name. */
export interface NameCatalog {
  /** Lower-cased schema names, built-in ones (dbo, sys, INFORMATION_SCHEMA, guest) included. */
  readonly schemas: ReadonlySet<string>;
  /** Lower-cased `schema.object` of every schema-scoped object → its lower-cased column names (empty when unknown). */
  readonly objects: ReadonlyMap<string, ReadonlySet<string>>;
  /** Lower-cased names of tables and views in any schema (what a FROM without an alias exposes). */
  readonly tableNames: ReadonlySet<string>;
  /** Lower-cased name of the database being migrated. */
  readonly databaseName?: string;
}

export type NameRole =
  /** A table, view, function, procedure, sequence or synonym (see server/database/schema/object). */
  | "object"
  /** A column: alias.column, schema.table.column... (table parts in schema/object when known). */
  | "column"
  /** A method or property of a column: alias.col.Method(), col.Prop, schema.table.col.Prop. */
  | "member"
  /** An alias or CTE used where a table goes (`UPDATE o SET ...`, `FROM cte`). */
  | "alias";

export type NamePosition = "object" | "call" | "expression";

export interface BoundName extends NameRef {
  role: NameRole;
  position: NamePosition;
  /** For objects, the parts right-aligned (lower-case not applied); "" for an omitted part (`db..t`). */
  server?: string;
  database?: string;
  schema?: string;
  object?: string;
  /** What the first part bound to, when it was not taken as a server or database. */
  boundTo?: "alias" | "cte" | "table" | "pseudoTable" | "column" | "schema" | "thisDatabase" | "typeMember";
}

/** Tables every trigger and OUTPUT clause can name. */
const PSEUDO_TABLES = new Set(["inserted", "deleted"]);

/** Keywords after which a name is a table source or another object (the keyword must be reserved). */
const OBJECT_KEYWORDS = new Set([
  "FROM",
  "JOIN",
  "UPDATE",
  "INTO",
  "MERGE",
  "EXEC",
  "EXECUTE",
  "TABLE",
  "REFERENCES",
  "DELETE",
  "INSERT",
]);
/** Non-reserved words after which a name is a table source. */
const OBJECT_WORDS = new Set(["APPLY", "USING"]);
/** Words at the top level of a statement that end a FROM list (commas after them are not table separators). */
const FROM_LIST_ENDERS = new Set([
  "WHERE",
  "GROUP",
  "HAVING",
  "ORDER",
  "UNION",
  "EXCEPT",
  "INTERSECT",
  "OPTION",
  "SELECT",
  "SET",
  "VALUES",
  "INTO",
  "FOR",
  "WHEN",
  "OUTPUT",
  "WINDOW",
]);
/** Words that start a new statement at the top level (END and ELSE only when they do not close a CASE). */
const STATEMENT_STARTERS = new Set([
  "BEGIN",
  "END",
  "IF",
  "ELSE",
  "WHILE",
  "DECLARE",
  "RETURN",
  "PRINT",
  "GOTO",
  "BREAK",
  "CONTINUE",
]);
/** Words that never alias a table source even though they are not reserved. */
const NOT_ALIASES = new Set(["USING", "OUTPUT", "WINDOW", "OFFSET", "APPLY", "MATCHED", "THROW"]);

/**
 * Methods and properties of the built-in CLR types (xml, hierarchyid, geography, geometry): the fallback when a
 * name like `x.Col.STDistance(...)` has a first part that binding could not place (a FROM form it does not read).
 */
const TYPE_MEMBERS = new Set([
  // xml
  "value",
  "query",
  "exist",
  "nodes",
  "modify",
  // hierarchyid
  "getancestor",
  "getdescendant",
  "getlevel",
  "getreparentedvalue",
  "isdescendantof",
  "tostring",
  "read",
  "write",
  // geography / geometry (besides the ST-prefixed ones)
  "lat",
  "long",
  "z",
  "m",
  "hasz",
  "hasm",
  "asgml",
  "astextzm",
  "bufferwithtolerance",
  "bufferwithcurves",
  "curvetolinewithtolerance",
  "envelopeangle",
  "envelopecenter",
  "filter",
  "instanceof",
  "isnull",
  "isvaliddetailed",
  "makevalid",
  "minimumboundingcircle",
  "numrings",
  "reduce",
  "reorientobject",
  "ringn",
]);

/**
 * True when a database name is the one being migrated: its name, or the sqlcmd variable `$(DatabaseName)` that
 * install scripts and SSDT projects use for it (other `$(Var)` names are SSDT database references: other databases).
 */
export function isThisDatabase(catalog: NameCatalog, name: string): boolean {
  const n = name.toLowerCase();
  return n === catalog.databaseName || n === "$(databasename)";
}

export function isTypeMember(name: string): boolean {
  // Spatial methods and properties are all ST-prefixed (STDistance, STAsText, STX, STSrid...).
  return TYPE_MEMBERS.has(name.toLowerCase()) || /^ST[A-Z]/.test(name);
}

/** Sets of names a statement makes visible, made on their first value (lazy-set.ts). */
interface Scope {
  aliases: ReadonlySet<string>;
  ctes: ReadonlySet<string>;
  /** Last parts of names that stand in object position (the name a table is known by without an alias). */
  exposed: ReadonlySet<string>;
  columns: ReadonlySet<string>;
}

export interface BindOptions {
  /** Schema that one-part names resolve to first (the module's own schema); dbo after it. */
  defaultSchema?: string;
  /** True for loose statements: a name that starts the text is a procedure call (`sp_who`, `xp_cmdshell 'dir'`). */
  leadingCall?: boolean;
}

function lower(s: string): string {
  return s.toLowerCase();
}

function isNameToken(t: Token | undefined): t is Token {
  return t !== undefined && (t.type === "identifier" || t.type === "quotedIdentifier");
}

/** An alias candidate at `j`: `AS name`, or a bare non-reserved word / [quoted] name not starting a dotted name. */
function aliasAt(tokens: Token[], j: number): string | undefined {
  const t = tokens[j];
  if (t === undefined) return undefined;
  if (isWord(t, "AS")) {
    const a = tokens[j + 1];
    return isNameToken(a) ? lower(a.value) : undefined;
  }
  if (!isNameToken(t) || tokens[j + 1]?.text === ".") return undefined;
  if (t.type === "identifier" && NOT_ALIASES.has(t.upper)) return undefined;
  return lower(t.value);
}

/** Binds every dotted name of `tokens` (the significant tokens of one module or statement). */
export function bindNames(tokens: Token[], catalog: NameCatalog, options: BindOptions = {}): BoundName[] {
  const names = multipartNames(tokens);
  const parens = matchingParens(tokens);
  const out: BoundName[] = [];
  let nameIndex = 0;
  let start = 0;
  let depth = 0;
  let caseDepth = 0;
  const flush = (end: number): void => {
    if (end <= start) return;
    let last = nameIndex;
    while (last < names.length && names[last]!.index < end) last++;
    bindStatement(tokens, start, end, names, nameIndex, last, parens, catalog, options, out);
    nameIndex = last;
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === "(") depth++;
    else if (t.text === ")") depth = Math.max(0, depth - 1);
    else if (t.type === "keyword" && t.upper === "CASE") caseDepth++;
    else if (t.type === "keyword" && t.upper === "END" && caseDepth > 0) {
      caseDepth--;
      continue;
    }
    if (depth !== 0) continue;
    if (t.text === ";") flush(i + 1);
    else if (t.type === "keyword" && STATEMENT_STARTERS.has(t.upper) && !(t.upper === "ELSE" && caseDepth > 0))
      flush(i);
  }
  flush(tokens.length);
  return out;
}

/** True when the token at `i` stands where a table source or another object goes. */
function inObjectPosition(tokens: Token[], i: number, fromList: boolean[], depth: number): boolean {
  const prev = tokens[i - 1];
  if (prev === undefined) return false;
  if (prev.type === "keyword") {
    // FETCH [NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n] FROM cursor: a cursor, not an object
    if (
      prev.upper === "FROM" &&
      (isWord(tokens[i - 2], "FETCH") || isWord(tokens[i - 3], "FETCH") || isWord(tokens[i - 4], "FETCH"))
    )
      return false;
    if (OBJECT_KEYWORDS.has(prev.upper)) return true;
    // NEXT VALUE FOR seq
    return prev.upper === "FOR" && isWord(tokens[i - 2], "VALUE") && isWord(tokens[i - 3], "NEXT");
  }
  if (prev.type === "identifier") return OBJECT_WORDS.has(prev.upper);
  if (prev.text === ",") return fromList[depth] === true;
  // FROM (a JOIN b ON ...), JOIN (b JOIN c ON ...)
  if (prev.text === "(") return isWord(tokens[i - 2], "FROM") || isWord(tokens[i - 2], "JOIN");
  // EXEC @rc = proc
  return (
    prev.text === "=" &&
    tokens[i - 2]?.type === "variable" &&
    (isWord(tokens[i - 3], "EXEC") || isWord(tokens[i - 3], "EXECUTE"))
  );
}

function bindStatement(
  tokens: Token[],
  start: number,
  end: number,
  names: NameRef[],
  first: number,
  last: number,
  parens: Int32Array,
  catalog: NameCatalog,
  options: BindOptions,
  out: BoundName[],
): void {
  const scope: Scope = { aliases: NO_VALUES, ctes: NO_VALUES, exposed: NO_VALUES, columns: NO_VALUES };
  let objectPositions: ReadonlySet<number> = NO_VALUES;
  let tablesRead: ReadonlySet<ReadonlySet<string>> = NO_VALUES;

  // Pass 1: what the statement makes visible.
  const fromList: boolean[] = [false];
  let depth = 0;
  let k = first;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (t.text === "(") {
      depth++;
      fromList[depth] = false;
    } else if (t.text === ")") {
      fromList[depth] = false;
      depth = Math.max(0, depth - 1);
      const alias = aliasAt(tokens, i + 1);
      if (alias !== undefined) scope.aliases = withValue(scope.aliases, alias);
    } else if (t.type === "keyword" && t.upper === "FROM") {
      fromList[depth] = true;
    } else if ((t.type === "keyword" || t.type === "identifier") && FROM_LIST_ENDERS.has(t.upper)) {
      fromList[depth] = false;
    } else if (isWord(t, "AS")) {
      const a = tokens[i + 1];
      if (isNameToken(a)) scope.aliases = withValue(scope.aliases, lower(a.value));
    }

    if (t.type === "variable" && inObjectPosition(tokens, i, fromList, depth)) {
      const alias = aliasAt(tokens, i + 1);
      if (alias !== undefined) scope.aliases = withValue(scope.aliases, alias);
      continue;
    }
    while (k < last && names[k]!.index < i) k++;
    const ref = k < last && names[k]!.index === i ? names[k]! : undefined;
    if (ref === undefined) continue;

    // WITH cte [(cols)] AS (...), cte2 AS (...)
    const prev = tokens[i - 1];
    if (ref.parts.length === 1 && (isWord(prev, "WITH") || prev?.text === ",")) {
      let j = ref.end;
      if (tokens[j]?.text === "(" && parens[j]! > 0) j = parens[j]! + 1;
      if (isWord(tokens[j], "AS") && tokens[j + 1]?.text === "(")
        scope.ctes = withValue(scope.ctes, lower(ref.parts[0]!));
    }
    if (inObjectPosition(tokens, i, fromList, depth) || (i === 0 && options.leadingCall === true)) {
      objectPositions = withValue(objectPositions, i);
      const parts = ref.parts.map(lower);
      scope.exposed = withValue(scope.exposed, parts[parts.length - 1]!);
      const columns = tableColumns(parts, catalog, options.defaultSchema);
      if (columns !== undefined && !tablesRead.has(columns)) {
        tablesRead = withValue(tablesRead, columns);
        for (const c of columns) scope.columns = withValue(scope.columns, c);
      }
      const alias = aliasAt(tokens, ref.end);
      if (alias !== undefined) scope.aliases = withValue(scope.aliases, alias);
    }
  }

  // Pass 2: what each name stands for.
  for (let n = first; n < last; n++) {
    const ref = names[n]!;
    const call = tokens[ref.end]?.text === "(";
    const position: NamePosition = objectPositions.has(ref.index) ? "object" : call ? "call" : "expression";
    out.push(bind(ref, position, call, scope, catalog));
  }
}

/** Columns of the model table a name in object position resolves to (this database only). */
function tableColumns(
  parts: string[],
  catalog: NameCatalog,
  defaultSchema: string | undefined,
): ReadonlySet<string> | undefined {
  let p = parts;
  if (p.length === 3 && (isThisDatabase(catalog, p[0]!) || p[0] === "")) p = p.slice(1);
  if (p.length === 2) return catalog.objects.get(`${p[0] === "" ? "dbo" : p[0]}.${p[1]}`);
  if (p.length === 1)
    return catalog.objects.get(`${lower(defaultSchema ?? "dbo")}.${p[0]}`) ?? catalog.objects.get(`dbo.${p[0]}`);
  return undefined;
}

/**
 * The name's own fields, copied one by one: an object spread of a NameRef in the two functions below was a
 * tenth of script generation's time on a 50k-object catalog (every name of every module is bound).
 */
function boundName(ref: NameRef, role: NameRole, position: NamePosition): BoundName {
  return { parts: ref.parts, token: ref.token, index: ref.index, end: ref.end, role, position };
}

function asObject(ref: NameRef, position: NamePosition): BoundName {
  const p = ref.parts;
  const n = p.length;
  const b = boundName(ref, "object", position);
  b.object = p[n - 1]!;
  if (n >= 2) b.schema = p[n - 2]!;
  if (n >= 3) b.database = p[n - 3]!;
  if (n >= 4) b.server = p[n - 4]!;
  return b;
}

function notObject(ref: NameRef, position: NamePosition, role: NameRole, boundTo?: BoundName["boundTo"]): BoundName {
  const b = boundName(ref, role, position);
  if (boundTo !== undefined) b.boundTo = boundTo;
  if (role === "column" && boundTo === "schema" && ref.parts.length >= 3) {
    b.schema = ref.parts[0]!;
    b.object = ref.parts[1]!;
  }
  return b;
}

/**
 * What one name stands for. Long on purpose: the rules for one, two, three and four-part names sit side by side,
 * so a change to one can be checked against the others.
 */
function bind(ref: NameRef, position: NamePosition, call: boolean, scope: Scope, catalog: NameCatalog): BoundName {
  const parts = ref.parts.map(lower);
  const n = parts.length;
  const head = parts[0]!;
  const alias: BoundName["boundTo"] | undefined = scope.ctes.has(head)
    ? "cte"
    : scope.aliases.has(head)
      ? "alias"
      : PSEUDO_TABLES.has(head)
        ? "pseudoTable"
        : scope.exposed.has(head)
          ? "table"
          : undefined;
  const column = scope.columns.has(head);
  const schema = head !== "" && catalog.schemas.has(head);
  const knownObject = n >= 2 && catalog.objects.has(`${head}.${parts[1]}`);

  if (n === 1) {
    if (position === "expression") return notObject(ref, position, "column");
    if (position === "object" && (scope.ctes.has(head) || scope.aliases.has(head)))
      return notObject(ref, position, "alias", scope.ctes.has(head) ? "cte" : "alias");
    if (position === "call" && column && !catalog.objects.has(`dbo.${head}`))
      return notObject(ref, position, "member", "column");
    return asObject(ref, position);
  }

  // `db..object`, `server.db..object`: an omitted schema only exists in object names.
  if (hasEmptyMiddlePart(parts)) return asObject(ref, position);

  if (n === 2) {
    if (position === "expression")
      return alias !== undefined ? notObject(ref, position, "column", alias) : notObject(ref, position, "column");
    if (schema && knownObject) return asObject(ref, position);
    if (call && (alias !== undefined || column)) return notObject(ref, position, "member", alias ?? "column");
    if (position === "object" && (scope.aliases.has(head) || scope.ctes.has(head)))
      return notObject(ref, position, "member", alias);
    return asObject(ref, position);
  }

  if (n === 3) {
    if (position === "expression") {
      // schema.table.column, alias.column.property, table.column.property: never another database.
      if (alias !== undefined) return notObject(ref, position, "member", alias);
      return schema ? notObject(ref, position, "column", "schema") : notObject(ref, position, "member");
    }
    if (call && (alias !== undefined || column)) return notObject(ref, position, "member", alias ?? "column");
    if (isThisDatabase(catalog, head)) return asObject(ref, position);
    if (position === "object") {
      if (scope.aliases.has(head) || scope.ctes.has(head)) return notObject(ref, position, "member", alias);
      // schema.table.x is no object name; a database that shares a schema's name is still named as db.schema.x.
      if (schema && !catalog.schemas.has(parts[1]!)) return notObject(ref, position, "member", "schema");
      return asObject(ref, position);
    }
    // A call in an expression: db.schema.fn(...), or a method of a column whose table binding could not place.
    if (schema) return notObject(ref, position, "member", "schema");
    if (catalog.tableNames.has(head)) return notObject(ref, position, "member", "table");
    if (isTypeMember(ref.parts[2]!)) return notObject(ref, position, "member", "typeMember");
    return asObject(ref, position);
  }

  if (n === 4) {
    if (position === "expression")
      return notObject(
        ref,
        position,
        alias !== undefined ? "member" : "column",
        alias ?? (schema ? "schema" : isThisDatabase(catalog, head) ? "thisDatabase" : undefined),
      );
    if (alias !== undefined && (call || scope.aliases.has(head) || scope.ctes.has(head)))
      return notObject(ref, position, "member", alias);
    if (column && call) return notObject(ref, position, "member", "column");
    if (schema && knownObject) return notObject(ref, position, "member", "schema");
    if (
      position === "call" &&
      (schema || isThisDatabase(catalog, head) || catalog.tableNames.has(head) || isTypeMember(ref.parts[3]!))
    ) {
      return notObject(ref, position, "member", schema ? "schema" : "typeMember");
    }
    return asObject(ref, position);
  }

  // Five parts and more: a column's property chain.
  return notObject(ref, position, "member", alias);
}

/** True for `db..object`: an empty part between the first and the last (a loop: no slice per bound name). */
function hasEmptyMiddlePart(parts: readonly string[]): boolean {
  for (let i = 1; i < parts.length - 1; i++) if (parts[i] === "") return true;
  return false;
}

/** Catalog helper: the database's names, lower-cased, from plain lists. */
export function makeCatalog(input: {
  schemas: Iterable<string>;
  objects: Iterable<{ schema: string; name: string; columns?: Iterable<string>; isTable?: boolean }>;
  databaseName?: string;
}): NameCatalog {
  const schemas = new Set<string>(["dbo", "sys", "information_schema", "guest"]);
  for (const s of input.schemas) schemas.add(lower(s));
  const objects = new Map<string, ReadonlySet<string>>();
  const tableNames = new Set<string>();
  for (const o of input.objects) {
    const schema = lower(o.schema);
    schemas.add(schema);
    const key = `${schema}.${lower(o.name)}`;
    // Objects without columns (views, modules; every object of the script generator's catalog) share one empty
    // set: tens of thousands of them otherwise.
    let cols = objects.get(key) ?? NO_VALUES;
    for (const c of o.columns ?? []) cols = withValue(cols, lower(c));
    objects.set(key, cols);
    if (o.isTable === true) tableNames.add(lower(o.name));
  }
  return {
    schemas,
    objects,
    tableNames,
    ...(input.databaseName !== undefined ? { databaseName: lower(input.databaseName) } : {}),
  };
}
