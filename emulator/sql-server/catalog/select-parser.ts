/**
 * A tolerant parser of SELECT statements, down to what name binding needs: the FROM sources with their aliases
 * and JOIN ... ON conditions, the select list with its aliases, WHERE / GROUP BY / HAVING / ORDER BY, UNION
 * chains and subqueries. Expressions stay token lists (with their subqueries parsed); nothing is evaluated.
 */
import { isKeyword, isName, isOperator, type Token } from "./sql-tokens";

export type ExprPart = Token | { subquery: QueryExpr };
export type Expr = ExprPart[];

export interface NamedSource {
  kind: "named";
  /** The multi-part name as written: [sys, tables]. */
  parts: Token[];
  alias?: Token;
  /** A table-valued function call (its columns are unknown here). */
  isFunction: boolean;
  on?: Expr;
}

export interface DerivedSource {
  kind: "derived";
  query: QueryExpr;
  alias?: Token;
  on?: Expr;
}

export type Source = NamedSource | DerivedSource;

export interface SelectItem {
  expr: Expr;
  alias?: Token;
  /** `*` or `alias.*`. */
  star: boolean;
}

export interface SelectSpec {
  items: SelectItem[];
  from: Source[];
  conditions: Expr[];
}

export interface QueryExpr {
  selects: SelectSpec[];
  orderBy: Expr[];
}

const CLAUSE_END = ["FROM", "WHERE", "GROUP", "HAVING", "ORDER", "UNION", "EXCEPT", "INTERSECT", "OPTION", "INTO"];
const JOIN_START = ["JOIN", "INNER", "CROSS", "FULL"];
/** Words that cannot be a table alias written without AS. */
const NOT_AN_ALIAS = [...CLAUSE_END, ...JOIN_START, "ON", "LEFT", "RIGHT", "OUTER", "WITH", "AS", "SELECT", "END"];

export function isSubquery(part: ExprPart | undefined): part is { subquery: QueryExpr } {
  return part !== undefined && "subquery" in part;
}

export class SelectParser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  private next(): Token {
    const t = this.tokens[this.i];
    if (!t) throw new Error("the statement ends too early");
    this.i += 1;
    return t;
  }
  private acceptKeyword(...keywords: string[]): boolean {
    if (!isKeyword(this.peek(), ...keywords)) return false;
    this.i += 1;
    return true;
  }
  private expectOperator(text: string): void {
    const t = this.next();
    if (!isOperator(t, text)) throw new Error(`expected '${text}' near '${t.text}'`);
  }

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  private startsJoin(): boolean {
    const t = this.peek();
    if (isKeyword(t, ...JOIN_START)) return true;
    if (isKeyword(t, "LEFT", "RIGHT")) return isKeyword(this.peek(1), "JOIN", "OUTER");
    return isKeyword(t, "OUTER") && isKeyword(this.peek(1), "APPLY");
  }

  private startsSubquery(): boolean {
    return isOperator(this.peek(), "(") && isKeyword(this.peek(1), "SELECT");
  }

  /** Tokens up to `stop` at parenthesis depth 0, an unmatched ')' or ';'; subqueries come out parsed. */
  private expression(stop: () => boolean): Expr {
    const parts: Expr = [];
    let depth = 0;
    while (!this.done) {
      const t = this.peek()!;
      if (isOperator(t, ";")) break;
      if (depth === 0 && (isOperator(t, ")") || stop())) break;
      if (this.startsSubquery()) {
        this.next();
        parts.push({ subquery: this.query() });
        this.expectOperator(")");
        continue;
      }
      if (isOperator(t, "(")) depth += 1;
      if (isOperator(t, ")")) depth -= 1;
      parts.push(this.next());
    }
    return parts;
  }

  private list(stop: () => boolean): Expr[] {
    const items = [this.expression(() => isOperator(this.peek(), ",") || stop())];
    while (isOperator(this.peek(), ",")) {
      this.next();
      items.push(this.expression(() => isOperator(this.peek(), ",") || stop()));
    }
    return items;
  }

  private selectItem(expr: Expr): SelectItem {
    const last = expr.at(-1);
    const before = expr.at(-2);
    const lastToken = last === undefined || isSubquery(last) ? undefined : last;
    const beforeToken = before === undefined || isSubquery(before) ? undefined : before;
    const star = isOperator(lastToken, "*") && (expr.length === 1 || isOperator(beforeToken, "."));
    if (isName(lastToken) && isKeyword(beforeToken, "AS"))
      return { expr: expr.slice(0, -2), alias: lastToken, star: false };
    const bareAlias =
      isName(lastToken) &&
      !isKeyword(lastToken, ...NOT_AN_ALIAS) &&
      beforeToken !== undefined &&
      (["identifier", "quoted", "string", "number"].includes(beforeToken.kind) || isOperator(beforeToken, ")")) &&
      !isKeyword(beforeToken, "CASE", "WHEN", "THEN", "ELSE", "AND", "OR", "NOT", "IS", "IN", "LIKE");
    if (bareAlias) return { expr: expr.slice(0, -1), alias: lastToken, star: false };
    return { expr, star };
  }

  private alias(): Token | undefined {
    if (this.acceptKeyword("AS")) return this.next();
    const t = this.peek();
    if (isName(t) && !isKeyword(t, ...NOT_AN_ALIAS)) return this.next();
    return undefined;
  }

  private skipParenthesized(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (isOperator(t, "(")) depth += 1;
      if (isOperator(t, ")")) depth -= 1;
    } while (depth > 0);
  }

  private primarySource(): Source {
    if (this.startsSubquery()) {
      this.next();
      const query = this.query();
      this.expectOperator(")");
      return { kind: "derived", query, alias: this.alias() };
    }
    const parts = [this.next()];
    while (isOperator(this.peek(), ".")) {
      this.next();
      parts.push(this.next());
    }
    const isFunction = isOperator(this.peek(), "(");
    if (isFunction) this.skipParenthesized();
    const alias = this.alias();
    if (isKeyword(this.peek(), "WITH") && isOperator(this.peek(1), "(")) {
      this.next();
      this.skipParenthesized(); // table hints
    }
    return { kind: "named", parts, alias, isFunction };
  }

  private joinedSource(): Source {
    const conditional = !isKeyword(this.peek(), "CROSS", "OUTER");
    while (!this.acceptKeyword("JOIN", "APPLY")) this.next(); // INNER / LEFT OUTER / CROSS ...
    const source = this.primarySource();
    if (conditional && this.acceptKeyword("ON"))
      source.on = this.expression(
        () => this.startsJoin() || isOperator(this.peek(), ",") || isKeyword(this.peek(), ...CLAUSE_END),
      );
    return source;
  }

  private from(): Source[] {
    const sources = [this.primarySource()];
    for (;;) {
      if (this.startsJoin()) sources.push(this.joinedSource());
      else if (isOperator(this.peek(), ",")) {
        this.next();
        sources.push(this.primarySource());
      } else return sources;
    }
  }

  private select(): SelectSpec {
    if (!this.acceptKeyword("SELECT")) throw new Error(`expected SELECT near '${this.peek()?.text ?? "the end"}'`);
    this.acceptKeyword("DISTINCT", "ALL");
    if (this.acceptKeyword("TOP")) {
      if (isOperator(this.peek(), "(")) this.skipParenthesized();
      else this.next();
      this.acceptKeyword("PERCENT");
      if (this.acceptKeyword("WITH")) this.acceptKeyword("TIES");
    }
    const items = this.list(() => isKeyword(this.peek(), ...CLAUSE_END)).map((expr) => this.selectItem(expr));
    const spec: SelectSpec = { items, from: [], conditions: [] };
    if (this.acceptKeyword("FROM")) spec.from = this.from();
    const clauseEnd = () => isKeyword(this.peek(), ...CLAUSE_END);
    if (this.acceptKeyword("WHERE")) spec.conditions.push(this.expression(clauseEnd));
    if (this.acceptKeyword("GROUP")) {
      this.acceptKeyword("BY");
      spec.conditions.push(...this.list(clauseEnd));
    }
    if (this.acceptKeyword("HAVING")) spec.conditions.push(this.expression(clauseEnd));
    return spec;
  }

  /** SELECT ... [UNION [ALL] SELECT ...] [ORDER BY ...]. */
  query(): QueryExpr {
    const selects = [this.select()];
    while (this.acceptKeyword("UNION", "EXCEPT", "INTERSECT")) {
      this.acceptKeyword("ALL");
      selects.push(this.select());
    }
    let orderBy: Expr[] = [];
    if (this.acceptKeyword("ORDER")) {
      this.acceptKeyword("BY");
      orderBy = this.list(() => isKeyword(this.peek(), "OPTION", "OFFSET", "UNION"));
    }
    return { selects, orderBy };
  }
}
