/**
 * Version-adaptive batches, run as SQL Server runs them: `DECLARE @sql nvarchar(max) = <pieces>; EXEC
 * sys.sp_executesql @sql;`, where each piece is a string literal or `CASE WHEN COL_LENGTH(N'view', N'column') IS
 * NOT NULL THEN N'...' ELSE N'...' END` (or OBJECT_ID(N'view')). The conditions are answered from the documented
 * catalog, so the statement the server goes on to bind is the one a current SQL Server would build.
 */
import { catalogView } from "./catalog-knowledge";
import { isKeyword, isName, isOperator, tokenize, type Token } from "./sql-tokens";

class Cursor {
  i = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  next(): Token {
    const t = this.tokens[this.i];
    if (!t) throw new Error("the dynamic SQL batch ends too early");
    this.i += 1;
    return t;
  }
  expectOperator(text: string): void {
    if (!isOperator(this.next(), text)) throw new Error(`expected '${text}' in the dynamic SQL batch`);
  }
  expectKeyword(keyword: string): void {
    if (!isKeyword(this.next(), keyword)) throw new Error(`expected ${keyword} in the dynamic SQL batch`);
  }
}

function objectParts(text: string): [string, string] | undefined {
  const parts = text.split(".").map((part) => part.replace(/^\[|\]$/g, ""));
  return parts.length === 2 ? [parts[0]!, parts[1]!] : undefined;
}

/** COL_LENGTH(N'sys.view', N'column') or OBJECT_ID(N'sys.view'), compared with IS [NOT] NULL. */
function condition(c: Cursor): boolean {
  const fn = c.next().keyword;
  c.expectOperator("(");
  const objectName = c.next().value;
  const column = isOperator(c.peek(), ",") ? (c.next(), c.next().value) : undefined;
  c.expectOperator(")");
  const parts = objectParts(objectName);
  const view = parts && catalogView(...parts);
  let exists: boolean;
  if (fn === "OBJECT_ID" && column === undefined) exists = view !== undefined;
  else if (fn === "COL_LENGTH" && column !== undefined) exists = view?.columns.has(column.toLowerCase()) ?? false;
  else throw new Error(`the test server does not evaluate ${fn}() in dynamic SQL`);
  c.expectKeyword("IS");
  const negated = isKeyword(c.peek(), "NOT") ? (c.next(), true) : false;
  c.expectKeyword("NULL");
  return negated ? exists : !exists;
}

function stringTerm(c: Cursor): string {
  const t = c.next();
  if (t.kind === "string") return t.value;
  if (t.keyword === "CAST") {
    c.expectOperator("(");
    const value = stringTerm(c);
    // AS nvarchar(max) ): skip the type, parentheses included.
    for (let depth = 1; depth > 0;) {
      const t = c.next();
      if (isOperator(t, "(")) depth += 1;
      if (isOperator(t, ")")) depth -= 1;
    }
    return value;
  }
  if (t.keyword === "CASE") {
    let chosen: string | undefined;
    while (isKeyword(c.peek(), "WHEN")) {
      c.next();
      const holds = condition(c);
      c.expectKeyword("THEN");
      const value = stringTerm(c);
      if (holds && chosen === undefined) chosen = value;
    }
    const otherwise = isKeyword(c.peek(), "ELSE") ? (c.next(), stringTerm(c)) : "";
    c.expectKeyword("END");
    return chosen ?? otherwise;
  }
  throw new Error(`the test server does not evaluate '${t.text}' in dynamic SQL`);
}

/**
 * The SQL to bind for a batch: the statement a DECLARE/EXEC sp_executesql batch builds, or the batch itself.
 * Throws when the batch is dynamic SQL of a shape this server cannot evaluate.
 */
export function statementToBind(sql: string): string {
  const tokens = tokenize(sql);
  if (!isKeyword(tokens[0], "DECLARE") || !tokens.some((t) => t.keyword === "SP_EXECUTESQL")) return sql;
  const c = new Cursor(tokens);
  c.next();
  const variable = c.next();
  while (!isOperator(c.peek(), "=")) c.next(); // the variable's type
  c.next();
  let text = stringTerm(c);
  while (isOperator(c.peek(), "+")) {
    c.next();
    text += stringTerm(c);
  }
  if (isOperator(c.peek(), ";")) c.next();
  const exec = c.next();
  if (!isKeyword(exec, "EXEC", "EXECUTE")) throw new Error("expected EXEC after the DECLARE of dynamic SQL");
  const rest = c.tokens.slice(c.i).filter((t) => !isOperator(t, ".") && !isOperator(t, ";"));
  const [procedure, argument] = rest.slice(-2);
  if (!isName(procedure) || procedure.keyword !== "SP_EXECUTESQL" || argument?.value !== variable.value)
    throw new Error("the test server runs dynamic SQL only as EXEC sys.sp_executesql @variable");
  return text;
}
