/**
 * A T-SQL tokenizer. Everything that looks at T-SQL text (batch splitting, the script reader, the assessment
 * rules, dependency discovery) works on these tokens rather than on regular expressions over raw text, so that
 * a word inside a string literal or a comment never counts as code.
 *
 * The token stream is lossless: concatenating every token's `text` gives back the input, which lets callers
 * slice the original source by offsets.
 */
import { RESERVED_KEYWORDS } from "./keywords";

export type TokenType =
  /** Reserved keyword (unquoted), e.g. SELECT, CREATE. `value` is upper-cased. */
  | "keyword"
  /** Unquoted identifier or non-reserved word, including #temp names. `value` is the text as written. */
  | "identifier"
  /** [bracketed] or "double-quoted" identifier. `value` is the name with quotes removed and escapes undone. */
  | "quotedIdentifier"
  /** @local or @@global variable. */
  | "variable"
  /** '...' or N'...' literal. `value` is the content with '' undone. */
  | "string"
  /** Integer, decimal, float (1e3) or binary (0x1F) literal. */
  | "number"
  /** Operators, including multi-character ones (<>, >=, *=, ::). */
  | "operator"
  /** ( ) , . ; */
  | "punctuation"
  | "lineComment"
  | "blockComment"
  | "whitespace";

export interface Token {
  type: TokenType;
  /** Exact source text of the token. */
  text: string;
  /** Normalised value, see TokenType. */
  value: string;
  /** Upper-cased `value`, for case-insensitive matching of words. */
  upper: string;
  /** Offset of the first character in the input. */
  start: number;
  /** Offset after the last character. */
  end: number;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
  /** String, quoted identifier or block comment that reached the end of input without closing. */
  unterminated?: boolean;
  /** N'...' literal. */
  unicode?: boolean;
}

export interface TokenizeOptions {
  /** Line number of the first character (for text that is a slice of a file). Default 1. */
  startLine?: number;
  /** Column of the first character. Default 1. */
  startColumn?: number;
  /** Leave out whitespace and comments (positions stay right); saves memory when only code matters. */
  skipTrivia?: boolean;
}

const MULTI_CHAR_OPERATORS = ["<>", "!=", "<=", ">=", "!<", "!>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "=*", "::", "=>"];
const PUNCTUATION = new Set(["(", ")", ",", ".", ";"]);

// ASCII fast paths first: scripts are overwhelmingly ASCII and the Unicode regex is the slow part.
function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isWordStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiLetter(c) || ch === "_" || ch === "#" || ch === "$";
  return /\p{L}/u.test(ch);
}
function isWordPart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiLetter(c) || (c >= 48 && c <= 57) || ch === "_" || ch === "#" || ch === "$" || ch === "@";
  return /[\p{L}\p{N}]/u.test(ch);
}
function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || ch === "\f" || ch === "\v" || (ch !== undefined && ch.charCodeAt(0) > 127 && /\s/u.test(ch));
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** Splits T-SQL text into tokens, whitespace and comments included. Never throws. */
export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = options.startLine ?? 1;
  let column = options.startColumn ?? 1;

  const skipTrivia = options.skipTrivia === true;
  const push = (type: TokenType, end: number, value: string | undefined, extra?: Partial<Token>): void => {
    const text = input.slice(pos, end);
    // Advance line/column over the token text.
    const startLine = line;
    const startColumn = column;
    for (let i = pos; i < end; i++) {
      if (input.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    const start = pos;
    pos = end;
    if (skipTrivia && (type === "whitespace" || type === "lineComment" || type === "blockComment")) return;
    // Most tokens' value is their text; share the string instead of keeping two copies.
    const v = value ?? text;
    const upper = type === "keyword" || type === "identifier" || type === "quotedIdentifier" || type === "variable" ? v.toUpperCase() : v;
    const token: Token = { type, text, value: v, upper, start, end, line: startLine, column: startColumn };
    if (extra !== undefined) Object.assign(token, extra);
    tokens.push(token);
  };

  while (pos < input.length) {
    const ch = input[pos]!;
    const next = input[pos + 1];

    if (isSpace(ch)) {
      let end = pos + 1;
      while (end < input.length && isSpace(input[end])) end++;
      push("whitespace", end, undefined);
      continue;
    }
    if (ch === "-" && next === "-") {
      let end = input.indexOf("\n", pos);
      if (end === -1) end = input.length;
      // A trailing \r belongs to the line break, not the comment.
      if (end > pos && input[end - 1] === "\r") end--;
      push("lineComment", end, undefined);
      continue;
    }
    if (ch === "/" && next === "*") {
      // T-SQL block comments nest.
      let depth = 1;
      let end = pos + 2;
      while (end < input.length && depth > 0) {
        if (input[end] === "/" && input[end + 1] === "*") {
          depth++;
          end += 2;
        } else if (input[end] === "*" && input[end + 1] === "/") {
          depth--;
          end += 2;
        } else {
          end++;
        }
      }
      push("blockComment", end, undefined, depth > 0 ? { unterminated: true } : undefined);
      continue;
    }
    if (ch === "'" || ((ch === "N" || ch === "n") && next === "'")) {
      const unicode = ch !== "'";
      const { end, value, closed } = readQuoted(input, pos + (unicode ? 1 : 0), "'");
      push("string", end, value, { ...(unicode ? { unicode: true } : {}), ...(closed ? {} : { unterminated: true }) });
      continue;
    }
    if (ch === "[") {
      const { end, value, closed } = readQuoted(input, pos, "]");
      push("quotedIdentifier", end, value, closed ? undefined : { unterminated: true });
      continue;
    }
    if (ch === '"') {
      const { end, value, closed } = readQuoted(input, pos, '"');
      push("quotedIdentifier", end, value, closed ? undefined : { unterminated: true });
      continue;
    }
    if (ch === "@") {
      let end = pos + 1;
      while (end < input.length && isWordPart(input[end]!)) end++;
      push("variable", end, undefined);
      continue;
    }
    if (ch === "0" && (next === "x" || next === "X")) {
      let end = pos + 2;
      while (end < input.length && /[0-9a-fA-F]/.test(input[end]!)) end++;
      push("number", end, undefined);
      continue;
    }
    if (isDigit(ch) || (ch === "." && isDigit(next))) {
      let end = pos;
      while (isDigit(input[end])) end++;
      if (input[end] === ".") {
        end++;
        while (isDigit(input[end])) end++;
      }
      if ((input[end] === "e" || input[end] === "E") && (isDigit(input[end + 1]) || ((input[end + 1] === "+" || input[end + 1] === "-") && isDigit(input[end + 2])))) {
        end += 2;
        while (isDigit(input[end])) end++;
      }
      push("number", end, undefined);
      continue;
    }
    if (isWordStart(ch)) {
      let end = pos + 1;
      while (end < input.length && isWordPart(input[end]!)) end++;
      const upperWord = input.slice(pos, end).toUpperCase();
      push(RESERVED_KEYWORDS.has(upperWord) ? "keyword" : "identifier", end, undefined);
      continue;
    }
    if (PUNCTUATION.has(ch)) {
      push("punctuation", pos + 1, undefined);
      continue;
    }
    const two = input.slice(pos, pos + 2);
    if (MULTI_CHAR_OPERATORS.includes(two)) {
      push("operator", pos + 2, undefined);
      continue;
    }
    // Anything else (single operators and stray characters) is a one-character operator token, so the stream
    // stays lossless even for input that is not valid T-SQL.
    push("operator", pos + 1, undefined);
  }
  return tokens;
}

/** Reads a quoted run starting at `start` (the opening quote); the closing quote doubled is an escape. */
function readQuoted(input: string, start: number, close: string): { end: number; value: string; closed: boolean } {
  let value = "";
  let i = start + 1;
  while (i < input.length) {
    const c = input[i]!;
    if (c === close) {
      if (input[i + 1] === close) {
        value += close;
        i += 2;
        continue;
      }
      return { end: i + 1, value, closed: true };
    }
    value += c;
    i++;
  }
  return { end: input.length, value, closed: false };
}

/** True for tokens that carry meaning (not whitespace or comments). */
export function isSignificant(token: Token): boolean {
  return token.type !== "whitespace" && token.type !== "lineComment" && token.type !== "blockComment";
}

/** Tokens without whitespace and comments — what parsers and rules look at. */
export function significantTokens(input: string, options?: TokenizeOptions): Token[] {
  return tokenize(input, { ...options, skipTrivia: true });
}

/** True when the token is a word (keyword or unquoted identifier) with this upper-case text. */
export function isWord(token: Token | undefined, upper: string): boolean {
  return token !== undefined && (token.type === "keyword" || token.type === "identifier") && token.upper === upper;
}
