/**
 * A T-SQL tokenizer just precise enough to bind names: identifiers (plain, [bracketed] and "quoted"), string
 * literals ('...' and N'...', with '' inside), numbers, @variables, operators and punctuation. Comments and
 * whitespace are dropped. It never fails: an unexpected character becomes a one-character operator token.
 */
export type TokenKind = "identifier" | "quoted" | "string" | "number" | "variable" | "operator";

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Identifiers without their quotes; strings without quotes, N prefix and doubled quotes. */
  value: string;
  /** Upper-case value of a plain identifier, for keyword tests ('' for any other token). */
  keyword: string;
}

const IDENTIFIER_START = /[A-Za-z_#\u0080-\uffff]/;
const IDENTIFIER_PART = /[A-Za-z0-9_#$@\u0080-\uffff]/;

function readQuoted(sql: string, start: number, close: string): { end: number; value: string } {
  let value = "";
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (sql[i + 1] === close) {
        value += close;
        i += 2;
        continue;
      }
      return { end: i + 1, value };
    }
    value += sql[i];
    i += 1;
  }
  return { end: sql.length, value };
}

function skipComment(sql: string, i: number): number {
  if (sql.startsWith("--", i)) {
    const end = sql.indexOf("\n", i);
    return end < 0 ? sql.length : end + 1;
  }
  // Block comments nest in T-SQL.
  let depth = 0;
  while (i < sql.length) {
    if (sql.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return i;
}

function token(kind: TokenKind, text: string, value = text): Token {
  return { kind, text, value, keyword: kind === "identifier" ? value.toUpperCase() : "" };
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
      i = skipComment(sql, i);
    } else if (c === "'" || ((c === "N" || c === "n") && sql[i + 1] === "'")) {
      const quote = c === "'" ? i : i + 1;
      const { end, value } = readQuoted(sql, quote, "'");
      tokens.push(token("string", sql.slice(i, end), value));
      i = end;
    } else if (c === "[" || c === '"') {
      const { end, value } = readQuoted(sql, i, c === "[" ? "]" : '"');
      tokens.push(token("quoted", sql.slice(i, end), value));
      i = end;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const match = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+\.?/.exec(sql.slice(i))!;
      tokens.push(token("number", match[0]));
      i += match[0].length;
    } else if (c === "@" || IDENTIFIER_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end]!)) end += 1;
      tokens.push(token(c === "@" ? "variable" : "identifier", sql.slice(i, end)));
      i = end;
    } else {
      const two = sql.slice(i, i + 2);
      const operator = ["<>", "<=", ">=", "!=", "!<", "!>"].includes(two) ? two : c;
      tokens.push(token("operator", operator));
      i += operator.length;
    }
  }
  return tokens;
}

/** A plain or quoted identifier: something that can name an object, a column or an alias. */
export function isName(t: Token | undefined): t is Token {
  return t !== undefined && (t.kind === "identifier" || t.kind === "quoted");
}

export function isOperator(t: Token | undefined, text: string): boolean {
  return t !== undefined && t.kind === "operator" && t.text === text;
}

export function isKeyword(t: Token | undefined, ...keywords: string[]): boolean {
  return t !== undefined && t.kind === "identifier" && keywords.includes(t.keyword);
}
