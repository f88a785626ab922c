/**
 * Binds the names of a parsed query the way SQL Server does before running it: every FROM source must be an
 * object that exists (208), every `alias.column` must name a source visible where it is written (4104: an alias
 * not declared, or declared by a later JOIN than the ON that uses it) and a column that source has (207), and an
 * unqualified column must belong to one visible source (207, 209). Subqueries see the sources of the queries
 * around them. Sources outside the catalog (user tables, table-valued functions) have columns this server does
 * not know: names taken from them are accepted.
 *
 * It also gives each select-list item its result name and, where the expression's type follows from the catalog
 * (a column, CAST/CONVERT, a catalog name function, CASE, concatenation), its SQL type.
 */
import type { ServerMessage } from "../protocol/tokens";
import { ambiguousColumn, invalidColumn, invalidObject, unboundIdentifier } from "./binding-errors";
import { catalogView, type DocumentedType } from "./catalog-knowledge";
import { isSubquery, type Expr, type QueryExpr, type SelectSpec, type Source } from "./select-parser";
import { isKeyword, isName, isOperator, type Token } from "./sql-tokens";

/** Columns of a source by lower-case name, with their type when known; "any" when this server cannot know them. */
type SourceColumns = ReadonlyMap<string, DocumentedType | undefined> | "any";

interface BoundSource {
  /** Lower-case names the source can be referred to by: its alias, else its name and multi-part name. */
  exposed: string[];
  columns: SourceColumns;
}

interface Scope {
  sources: BoundSource[];
  parent?: Scope;
  /** Result names a query's ORDER BY may use. */
  outputs?: ReadonlySet<string>;
}

export interface OutputColumn {
  name: string;
  /** Undefined when the expression's type does not follow from the catalog. */
  type: DocumentedType | undefined;
}

/** Words that are never column names inside an expression. */
const RESERVED = new Set(
  (
    "AND OR NOT NULL IS IN LIKE BETWEEN EXISTS CASE WHEN THEN ELSE END AS ASC DESC ALL ANY SOME DISTINCT ON BY " +
    "COLLATE ESCAPE OVER PARTITION ORDER SELECT FROM WHERE TOP PERCENT WITH TIES ROWS RANGE UNBOUNDED PRECEDING " +
    "FOLLOWING CURRENT ROW CURRENT_TIMESTAMP CURRENT_USER SESSION_USER SYSTEM_USER USER"
  ).split(" "),
);

const SYSNAME = "sysname";
/** Built-in functions whose result type is fixed: the catalog's name functions return sysname. */
const FUNCTION_TYPES: Record<string, DocumentedType> = {
  SCHEMA_NAME: SYSNAME,
  OBJECT_NAME: SYSNAME,
  OBJECT_SCHEMA_NAME: SYSNAME,
  USER_NAME: SYSNAME,
  SUSER_SNAME: SYSNAME,
  TYPE_NAME: SYSNAME,
  COL_NAME: SYSNAME,
  DB_NAME: SYSNAME,
  FILEGROUP_NAME: SYSNAME,
  COUNT: "int",
  COUNT_BIG: "bigint",
  CHECKSUM_AGG: "int",
  BINARY_CHECKSUM: "int",
};
/** Functions whose result has the type of their first argument (char becomes varchar once trimmed). */
const FIRST_ARGUMENT_TYPED = new Set([
  "COALESCE",
  "ISNULL",
  "NULLIF",
  "MIN",
  "MAX",
  "RTRIM",
  "LTRIM",
  "TRIM",
  "UPPER",
  "LOWER",
  "SUM",
]);

function lower(t: Token): string {
  return t.value.toLowerCase();
}

function nameOf(parts: Token[]): string {
  return parts.map((p) => p.value).join(".");
}

/** The index just past the ')' matching the '(' at `open`. */
function closing(expr: Expr, open: number): number {
  let depth = 0;
  for (let i = open; i < expr.length; i += 1) {
    const part = expr[i]!;
    if (isSubquery(part)) continue;
    if (isOperator(part, "(")) depth += 1;
    if (isOperator(part, ")") && --depth === 0) return i + 1;
  }
  return expr.length;
}

/** The parts of a dotted name starting at `i` (a.b.c), and the index after it. */
function chainAt(expr: Expr, i: number): { parts: Token[]; end: number } {
  const parts = [expr[i] as Token];
  let end = i + 1;
  while (isOperator(expr[end] as Token, ".") && isName(expr[end + 1] as Token)) {
    parts.push(expr[end + 1] as Token);
    end += 2;
  }
  return { parts, end };
}

export class NameBinder {
  readonly errors: ServerMessage[] = [];

  /** The first object a query reads that the catalog does not have: SQL Server stops there, before any column. */
  static unknownObject(query: QueryExpr): ServerMessage | undefined {
    for (const select of query.selects) {
      for (const source of select.from) {
        if (source.kind === "derived") {
          const inner = NameBinder.unknownObject(source.query);
          if (inner) return inner;
          continue;
        }
        const [schema, name] = source.parts.slice(-2);
        if (
          source.parts.length >= 2 &&
          !source.isFunction &&
          schema!.value.toLowerCase() === "sys" &&
          !catalogView("sys", name!.value)
        )
          return invalidObject(nameOf(source.parts));
      }
      const expressions = [
        ...select.items.map((item) => item.expr),
        ...select.conditions,
        ...select.from.map((s) => s.on ?? []),
      ];
      for (const part of [...expressions, ...query.orderBy].flat()) {
        const inner = isSubquery(part) ? NameBinder.unknownObject(part.subquery) : undefined;
        if (inner) return inner;
      }
    }
    return undefined;
  }

  private source(source: Source, scope: Scope): BoundSource {
    if (source.kind === "derived") {
      const outputs = this.query(source.query, scope.parent);
      const exposed = source.alias ? [lower(source.alias)] : [];
      return { exposed, columns: new Map(outputs.map((o) => [o.name.toLowerCase(), o.type])) };
    }
    const exposed = source.alias
      ? [lower(source.alias)]
      : [lower(source.parts.at(-1)!), source.parts.map(lower).join(".")];
    const [schema, name] = source.parts.slice(-2);
    const view =
      source.parts.length >= 2 && !source.isFunction && schema!.value.toLowerCase() === "sys"
        ? catalogView("sys", name!.value)
        : undefined;
    return { exposed, columns: view ? view.columns : "any" };
  }

  /** Looks a qualified name up through the scopes; returns its type, or the error SQL Server gives. */
  private qualified(parts: Token[], scope: Scope): { type?: DocumentedType; error?: ServerMessage } {
    const column = parts.at(-1)!;
    const qualifier = parts.slice(0, -1).map(lower).join(".");
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const source = s.sources.find((candidate) => candidate.exposed.includes(qualifier));
      if (!source) continue;
      if (source.columns === "any") return {};
      if (!source.columns.has(lower(column))) return { error: invalidColumn(column.value) };
      return { type: source.columns.get(lower(column)) };
    }
    return { error: unboundIdentifier(nameOf(parts)) };
  }

  private unqualified(column: Token, scope: Scope): { type?: DocumentedType; error?: ServerMessage } {
    if (scope.outputs?.has(lower(column))) return {};
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.sources.some((source) => source.columns === "any")) return {};
      const owners = s.sources.filter((source) => (source.columns as ReadonlyMap<string, unknown>).has(lower(column)));
      if (owners.length > 1) return { error: ambiguousColumn(column.value) };
      if (owners.length === 1)
        return { type: (owners[0]!.columns as ReadonlyMap<string, DocumentedType>).get(lower(column)) };
    }
    return { error: invalidColumn(column.value) };
  }

  /** Indexes of tokens that name types, not columns: CAST(x AS <type>), CONVERT(<type>, x). */
  private static typeTokens(expr: Expr): Set<number> {
    const skip = new Set<number>();
    expr.forEach((part, i) => {
      if (isSubquery(part) || !isOperator(expr[i + 1] as Token, "(")) return;
      const end = closing(expr, i + 1);
      if (isKeyword(part, "CONVERT", "TRY_CONVERT")) {
        for (let j = i + 2; j < end && !isOperator(expr[j] as Token, ","); j += 1) skip.add(j);
      }
      if (isKeyword(part, "CAST", "TRY_CAST")) {
        let depth = 0;
        for (let j = i + 1; j < end; j += 1) {
          const t = expr[j]!;
          if (isSubquery(t)) continue;
          if (isOperator(t, "(")) depth += 1;
          if (isOperator(t, ")")) depth -= 1;
          if (depth === 1 && isKeyword(t, "AS")) for (let k = j; k < end - 1; k += 1) skip.add(k);
        }
      }
    });
    return skip;
  }

  /** Binds every name an expression uses, recording errors in order. */
  expression(expr: Expr, scope: Scope): void {
    const types = NameBinder.typeTokens(expr);
    let i = 0;
    while (i < expr.length) {
      const part = expr[i]!;
      if (isSubquery(part)) {
        this.query(part.subquery, scope);
        i += 1;
        continue;
      }
      if (!isName(part) || types.has(i) || isOperator(expr[i - 1] as Token, ".")) {
        i += 1;
        continue;
      }
      const { parts, end } = chainAt(expr, i);
      i = end;
      const isCall = isOperator(expr[end] as Token, "(");
      const isStar = isOperator(expr[end] as Token, ".") && isOperator(expr[end + 1] as Token, "*");
      if (isCall || isStar || (parts.length === 1 && RESERVED.has(parts[0]!.keyword))) continue;
      const found = parts.length === 1 ? this.unqualified(parts[0]!, scope) : this.qualified(parts, scope);
      if (found.error) this.errors.push(found.error);
    }
  }

  private select(select: SelectSpec, parent: Scope | undefined): { scope: Scope; outputs: OutputColumn[] } {
    const scope: Scope = { sources: [], parent };
    for (const source of select.from) {
      scope.sources.push(this.source(source, scope));
      // An ON sees the sources joined so far, this one included, and none joined after it.
      if (source.on) this.expression(source.on, scope);
    }
    for (const item of select.items) this.expression(item.expr, scope);
    for (const condition of select.conditions) this.expression(condition, scope);
    const outputs = select.items.map((item) => ({
      name: item.alias?.value ?? this.implicitName(item.expr),
      type: item.star ? undefined : this.typeOf(item.expr, scope),
    }));
    return { scope, outputs };
  }

  /** A bare column keeps its name in the result; any other unaliased expression has none. */
  private implicitName(expr: Expr): string {
    if (
      expr.length === 0 ||
      !expr.every((part, i) => (i % 2 === 0 ? isName(part as Token) : isOperator(part as Token, ".")))
    )
      return "";
    return (expr.at(-1) as Token).value;
  }

  /** Binds a query and returns its result columns (the first SELECT's, for a UNION). */
  query(query: QueryExpr, parent: Scope | undefined): OutputColumn[] {
    const bound = query.selects.map((select) => this.select(select, parent));
    const outputs = bound[0]!.outputs;
    const last = bound.at(-1)!.scope;
    const orderScope: Scope = { ...last, outputs: new Set(outputs.map((o) => o.name.toLowerCase())) };
    for (const item of query.orderBy) this.expression(item, orderScope);
    return outputs;
  }

  /** The SQL type of an expression, where the catalog and the expression's form determine it. */
  typeOf(expr: Expr, scope: Scope): DocumentedType | undefined {
    while (isOperator(expr[0] as Token, "(") && closing(expr, 0) === expr.length) expr = expr.slice(1, -1);
    if (expr.length === 1 && isSubquery(expr[0])) {
      const inner = new NameBinder();
      return inner.query(expr[0].subquery, scope)[0]?.type;
    }
    const operands = this.topLevelSplit(expr, "+");
    if (operands.length > 1) {
      const types = operands.map((operand) => this.typeOf(operand, scope));
      if (types.some((type) => type !== undefined && /char|sysname/.test(type)))
        return types.some((type) => type?.endsWith("(max)")) ? "nvarchar(max)" : "nvarchar(4000)";
      return types[0];
    }
    return this.termType(expr, scope);
  }

  private termType(expr: Expr, scope: Scope): DocumentedType | undefined {
    const first = expr[0];
    if (first === undefined || isSubquery(first)) return undefined;
    if (expr.length === 1 && first.kind === "string") return `nvarchar(${Math.max(first.value.length, 1)})`;
    if (expr.length === 1 && first.kind === "number") return /[.eE]/.test(first.text) ? "numeric" : "int";
    if (isKeyword(first, "CASE")) return this.caseType(expr, scope);
    if (isName(first) && isOperator(expr[1] as Token, "(") && closing(expr, 1) === expr.length)
      return this.callType(first.keyword, expr.slice(2, -1), scope);
    const { parts, end } = isName(first) ? chainAt(expr, 0) : { parts: [], end: 0 };
    if (parts.length > 0 && end === expr.length) {
      const found = parts.length === 1 ? this.unqualified(parts[0]!, scope) : this.qualified(parts, scope);
      return found.type;
    }
    return undefined;
  }

  private callType(fn: string, args: Expr, scope: Scope): DocumentedType | undefined {
    const list = this.topLevelSplit(args, ",");
    if (fn === "CONVERT" || fn === "TRY_CONVERT")
      return list[0]!
        .map((t) => (t as Token).text)
        .join("")
        .toLowerCase();
    if (fn === "CAST" || fn === "TRY_CAST") {
      const as = args.findIndex((t, i) => isKeyword(t as Token, "AS") && this.depthAt(args, i) === 0);
      return args
        .slice(as + 1)
        .map((t) => (t as Token).text)
        .join("")
        .toLowerCase();
    }
    if (FUNCTION_TYPES[fn]) return FUNCTION_TYPES[fn];
    if (FIRST_ARGUMENT_TYPED.has(fn)) {
      const type = this.typeOf(list[0] ?? [], scope);
      if (fn === "SUM" && type && ["tinyint", "smallint", "bit"].includes(type)) return "int";
      return type?.replace(/^char\(/, "varchar(").replace(/^nchar\(/, "nvarchar(");
    }
    return undefined;
  }

  /** CASE ... THEN a ... ELSE b END: the type of the first branch whose type is known (NULL has none). */
  private caseType(expr: Expr, scope: Scope): DocumentedType | undefined {
    let depth = 0;
    let branchStart = -1;
    for (let i = 0; i < expr.length; i += 1) {
      const t = expr[i]!;
      if (isSubquery(t)) continue;
      if (isKeyword(t, "CASE")) depth += 1;
      if (depth === 1 && branchStart >= 0 && isKeyword(t, "WHEN", "ELSE", "END")) {
        const branch = expr.slice(branchStart, i);
        const type =
          isKeyword(branch[0] as Token, "NULL") && branch.length === 1 ? undefined : this.typeOf(branch, scope);
        if (type) return type;
        branchStart = -1;
      }
      if (depth === 1 && isKeyword(t, "THEN", "ELSE")) branchStart = i + 1;
      if (isKeyword(t, "END")) depth -= 1;
    }
    return undefined;
  }

  private depthAt(expr: Expr, index: number): number {
    let depth = 0;
    for (let i = 0; i < index; i += 1) {
      const t = expr[i]!;
      if (isSubquery(t)) continue;
      if (isOperator(t, "(")) depth += 1;
      if (isOperator(t, ")")) depth -= 1;
    }
    return depth;
  }

  /** Splits an expression at an operator outside parentheses and CASE ... END. */
  private topLevelSplit(expr: Expr, operator: string): Expr[] {
    const pieces: Expr[] = [[]];
    let depth = 0;
    for (const part of expr) {
      if (!isSubquery(part)) {
        if (isOperator(part, "(") || isKeyword(part, "CASE")) depth += 1;
        if (isOperator(part, ")") || isKeyword(part, "END")) depth -= 1;
        if (depth === 0 && isOperator(part, operator)) {
          pieces.push([]);
          continue;
        }
      }
      pieces.at(-1)!.push(part);
    }
    return pieces;
  }
}
