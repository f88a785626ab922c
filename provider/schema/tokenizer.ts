/**
 * A T-SQL tokenizer. Everything that looks at T-SQL text (batch splitting, the script reader, the assessment
 * rules, dependency discovery) works on these tokens rather than on regular expressions over raw text, so that
 * a word inside a string literal or a comment never counts as code.
 *
 * The token stream is lossless: concatenating every token's `text` gives back the input, which lets callers
 * slice the original source by offsets.
 *
 * Two layers: `Lexer` walks the text one token at a time without allocating (type, offsets, line and column
 * are fields of the lexer), which is what the script reader uses to split large scripts; `tokenize` builds
 * `Token` objects on top of it for callers that want an array.
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
  /**
   * '...' or N'...' literal, and "..." when QUOTED_IDENTIFIER is OFF. `value` is the content with the doubled
   * quote undone.
   */
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
  /**
   * SET QUOTED_IDENTIFIER at the start (default ON). When OFF, "..." is a string literal, not an identifier.
   * A `SET QUOTED_IDENTIFIER ON|OFF` statement in the text changes it from there on, as it does in SQL Server
   * (the setting applies when the text is parsed).
   */
  quotedIdentifier?: boolean;
  /** Offset to start at (default 0) and to stop at (default the input's length); offsets stay input-relative. */
  from?: number;
  to?: number;
}

/** Numeric codes of the token types (what the lexer's `code` holds), in TOKEN_TYPES order. */
export const TOKEN_TYPES: readonly TokenType[] = [
  "keyword",
  "identifier",
  "quotedIdentifier",
  "variable",
  "string",
  "number",
  "operator",
  "punctuation",
  "lineComment",
  "blockComment",
  "whitespace",
];
export const T_KEYWORD = 0;
export const T_IDENTIFIER = 1;
export const T_QUOTEDIDENTIFIER = 2;
export const T_VARIABLE = 3;
export const T_STRING = 4;
export const T_NUMBER = 5;
export const T_OPERATOR = 6;
export const T_PUNCTUATION = 7;
export const T_LINECOMMENT = 8;
export const T_BLOCKCOMMENT = 9;
export const T_WHITESPACE = 10;

const MULTI_CHAR_OPERATORS = new Set([
  "<>",
  "!=",
  "<=",
  ">=",
  "!<",
  "!>",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "=*",
  "::",
  "=>",
]);

// Character classes of ASCII characters; anything above 127 goes through the Unicode checks.
const C_OTHER = 0;
const C_SPACE = 1;
const C_WORD_START = 2; // letters, _ # $ (also word parts)
const C_DIGIT = 3; // digits (word parts, not word starts)
const C_PUNCT = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || ch === "\f" || ch === "\v") ASCII_CLASS[c] = C_SPACE;
  else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || ch === "_" || ch === "#" || ch === "$")
    ASCII_CLASS[c] = C_WORD_START;
  else if (c >= 48 && c <= 57) ASCII_CLASS[c] = C_DIGIT;
  else if (ch === "(" || ch === ")" || ch === "," || ch === "." || ch === ";") ASCII_CLASS[c] = C_PUNCT;
}
/** What can matter inside a skipped group: quotes, parentheses, comment starts. */
const GROUP_PLAIN = /[^'"[()\-/]*/y;
/** Everything but quotes, comment starts and whitespace boundaries' concerns: the plain text of a module body. */
const BODY_PLAIN = /[^'"[\-/]*/y;
const HEX = new Uint8Array(128);
for (const ch of "0123456789abcdefABCDEF") HEX[ch.charCodeAt(0)] = 1;

function isUnicodeSpace(c: number): boolean {
  return c > 127 && /\s/u.test(String.fromCharCode(c));
}
function isUnicodeLetter(c: number): boolean {
  return /\p{L}/u.test(String.fromCharCode(c));
}
function isUnicodeWordPart(c: number): boolean {
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}
function isWordPartCode(c: number): boolean {
  if (c < 128) {
    const k = ASCII_CLASS[c];
    return k === C_WORD_START || k === C_DIGIT || c === 64; /* @ */
  }
  return isUnicodeWordPart(c);
}
function isSpaceCode(c: number): boolean {
  return c < 128 ? ASCII_CLASS[c] === C_SPACE : isUnicodeSpace(c);
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Walks T-SQL text token by token. After `next()` returns true, the fields describe the token just read;
 * nothing is allocated except the upper-cased text of words (`upper`), which keyword matching needs anyway.
 */
export class Lexer {
  /** Offset of the next character to read. */
  pos: number;
  readonly end: number;
  /** Line of `pos`, and the offset where that line starts (for columns). */
  private curLine: number;
  private curLineStart: number;

  /** The token just read: its type, and the type's code (index in TOKEN_TYPES). */
  type: TokenType = "whitespace";
  code = T_WHITESPACE;
  start = 0;
  line = 1;
  column = 1;
  /** Upper-cased text of keyword and identifier tokens; "" for other tokens. */
  upper = "";
  unterminated = false;
  unicode = false;

  /**
   * Set when the input ended inside a string, quoted identifier or comment, or inside a group being stepped
   * over: the script reader then knows a batch it split optimistically was cut in the wrong place.
   */
  ranOff = false;
  /** SET QUOTED_IDENTIFIER as it stands at `pos`. */
  quotedIdentifier: boolean;
  /** Progress through `SET name [, name...] ON|OFF`: 0 idle, 1 after SET or a comma, 2 after a name. */
  private setState = 0;
  private setNamesQuotedIdentifier = false;

  constructor(
    readonly input: string,
    options: TokenizeOptions = {},
  ) {
    this.pos = options.from ?? 0;
    this.end = Math.min(options.to ?? input.length, input.length);
    this.curLine = options.startLine ?? 1;
    this.curLineStart = this.pos - ((options.startColumn ?? 1) - 1);
    this.quotedIdentifier = options.quotedIdentifier ?? true;
  }

  /**
   * Reads the next token (whitespace and comments included); false at the end of the input. Long on purpose:
   * the lexer's one dispatch on the first character of a token, the hottest code of reading; a call per token
   * kind made reading measurably slower.
   */
  next(): boolean {
    const input = this.input;
    const end = this.end;
    const pos = this.pos;
    if (pos >= end) return false;
    this.start = pos;
    this.line = this.curLine;
    this.column = pos - this.curLineStart + 1;
    this.upper = "";
    this.unterminated = false;
    this.unicode = false;
    const c = input.charCodeAt(pos);
    const next = pos + 1 < end ? input.charCodeAt(pos + 1) : -1;
    const cls = c < 128 ? ASCII_CLASS[c]! : C_OTHER;

    if (cls === C_SPACE || (c > 127 && isUnicodeSpace(c))) {
      let i = pos;
      for (; i < end; i++) {
        const d = input.charCodeAt(i);
        if (d === 10) {
          this.curLine++;
          this.curLineStart = i + 1;
        } else if (!(d < 128 ? ASCII_CLASS[d] === C_SPACE : isUnicodeSpace(d))) break;
      }
      return this.finish(T_WHITESPACE, i);
    }
    if (c === 45 /* - */ && next === 45) {
      let i = input.indexOf("\n", pos);
      if (i === -1 || i > end) i = end;
      // A trailing \r belongs to the line break, not the comment.
      if (i > pos && input.charCodeAt(i - 1) === 13) i--;
      return this.finish(T_LINECOMMENT, i);
    }
    if (c === 47 /* / */ && next === 42 /* * */) {
      // T-SQL block comments nest.
      let depth = 1;
      let i = pos + 2;
      while (i < end) {
        const d = input.charCodeAt(i);
        if (d === 10) {
          this.curLine++;
          this.curLineStart = i + 1;
          i++;
        } else if (d === 47 && i + 1 < end && input.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (d === 42 && i + 1 < end && input.charCodeAt(i + 1) === 47) {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
      if (depth > 0) this.unterminated = this.ranOff = true;
      return this.finish(T_BLOCKCOMMENT, Math.min(i, end));
    }
    if (c === 39 /* ' */ || ((c === 78 || c === 110) /* N n */ && next === 39)) {
      this.unicode = c !== 39;
      return this.finish(T_STRING, this.quoted(c === 39 ? pos : pos + 1, 39));
    }
    if (c === 91 /* [ */) return this.finish(T_QUOTEDIDENTIFIER, this.quoted(pos, 93));
    if (c === 34 /* " */)
      return this.finish(this.quotedIdentifier ? T_QUOTEDIDENTIFIER : T_STRING, this.quoted(pos, 34));
    if (c === 64 /* @ */) {
      let i = pos + 1;
      while (i < end && isWordPartCode(input.charCodeAt(i))) i++;
      return this.finishCode(T_VARIABLE, i);
    }
    if (c === 48 && (next === 120 || next === 88) /* 0x */) {
      let i = pos + 2;
      while (i < end) {
        const d = input.charCodeAt(i);
        if (d >= 128 || HEX[d] === 0) break;
        i++;
      }
      return this.finishCode(T_NUMBER, i);
    }
    if (cls === C_DIGIT || (c === 46 /* . */ && isDigitCode(next))) {
      let i = pos;
      while (i < end && isDigitCode(input.charCodeAt(i))) i++;
      if (i < end && input.charCodeAt(i) === 46) {
        i++;
        while (i < end && isDigitCode(input.charCodeAt(i))) i++;
      }
      if (i < end && (input.charCodeAt(i) | 32) === 101 /* e */) {
        const s = i + 1 < end ? input.charCodeAt(i + 1) : -1;
        if (isDigitCode(s) || ((s === 43 || s === 45) && i + 2 < end && isDigitCode(input.charCodeAt(i + 2)))) {
          i += 2;
          while (i < end && isDigitCode(input.charCodeAt(i))) i++;
        }
      }
      return this.finishCode(T_NUMBER, i);
    }
    if (cls === C_WORD_START || (c > 127 && isUnicodeLetter(c))) {
      let i = pos + 1;
      while (i < end && isWordPartCode(input.charCodeAt(i))) i++;
      const upper = input.slice(pos, i).toUpperCase();
      this.upper = upper;
      this.finish(RESERVED_KEYWORDS.has(upper) ? T_KEYWORD : T_IDENTIFIER, i);
      this.trackSet(upper);
      return true;
    }
    if (cls === C_PUNCT) {
      this.finish(T_PUNCTUATION, pos + 1);
      if (c === 44 /* , */ && this.setState === 2) this.setState = 1;
      else this.setState = 0;
      return true;
    }
    if (next !== -1 && MULTI_CHAR_OPERATORS.has(input.slice(pos, pos + 2))) return this.finishCode(T_OPERATOR, pos + 2);
    // Anything else (single operators and stray characters) is a one-character operator token, so the stream
    // stays lossless even for input that is not valid T-SQL.
    return this.finishCode(T_OPERATOR, pos + 1);
  }

  /**
   * Right after a `(` token: moves to its matching `)` (the next token `next()` returns) without making
   * tokens of what is inside — quotes, comments and nested parentheses are followed, lines counted.
   */
  skipGroup(): void {
    this.skipTo(this.groupEnd(this.pos));
  }

  /**
   * Right after the `(` of the first row of `VALUES (...), (...), ...`: moves to the `)` that closes the last
   * row, stepping over the rows and the commas between them without making tokens. The script reader uses it
   * for data statements, which it reports but never parses (in seed scripts they are most of the text).
   */
  skipRows(): void {
    const input = this.input;
    const end = this.end;
    let close = this.groupEnd(this.pos);
    while (close < end) {
      let j = this.afterTrivia(close + 1);
      if (j >= end || input.charCodeAt(j) !== 44 /* , */) break;
      j = this.afterTrivia(j + 1);
      if (j >= end || input.charCodeAt(j) !== 40 /* ( */) break;
      close = this.groupEnd(j + 1);
    }
    this.skipTo(close);
  }

  /**
   * Steps over the rest of the input without making tokens and returns the offset after its last significant
   * character (whitespace and comments at the end are not part of it; nor is a final `;`). The script reader
   * uses it for a module's body once it has the module's header: the body is kept as text, never parsed.
   */
  skipToEnd(): number {
    const input = this.input;
    const end = this.end;
    let i = this.pos;
    let lastCode = this.pos;
    let lastSemicolon = -1;
    while (i < end) {
      BODY_PLAIN.lastIndex = i;
      BODY_PLAIN.test(input);
      const j = Math.min(BODY_PLAIN.lastIndex, end);
      if (j > i) {
        let k = j;
        while (k > i && isSpaceCode(input.charCodeAt(k - 1))) k--;
        if (k > i) {
          lastCode = k;
          lastSemicolon = input.charCodeAt(k - 1) === 59 ? k - 1 : -1;
        }
        i = j;
        if (i >= end) break;
      }
      const c = input.charCodeAt(i);
      if (c === 39 || c === 34 || c === 91) {
        i = this.quotedEnd(i, c === 91 ? 93 : c);
        lastCode = i;
        lastSemicolon = -1;
      } else if (c === 45 && input.charCodeAt(i + 1) === 45) {
        const nl = input.indexOf("\n", i);
        i = nl === -1 || nl > end ? end : nl;
      } else if (c === 47 && input.charCodeAt(i + 1) === 42) {
        i = this.blockCommentEnd(i);
      } else {
        i++;
        lastCode = i;
        lastSemicolon = -1;
      }
    }
    this.pos = end;
    if (lastSemicolon !== -1) {
      let k = lastSemicolon;
      while (k > 0 && isSpaceCode(input.charCodeAt(k - 1))) k--;
      return k;
    }
    return lastCode;
  }

  /** End of a quoted run opened at `open` (a doubled closing quote is an escape). */
  private quotedEnd(open: number, close: number): number {
    const input = this.input;
    const end = this.end;
    const closeChar = String.fromCharCode(close);
    let j = open + 1;
    for (;;) {
      const q = input.indexOf(closeChar, j);
      if (q === -1 || q >= end) {
        this.ranOff = true;
        return end;
      }
      if (q + 1 < end && input.charCodeAt(q + 1) === close) {
        j = q + 2;
        continue;
      }
      return q + 1;
    }
  }

  /** End of a (nested) block comment opened at `open`. */
  private blockCommentEnd(open: number): number {
    const input = this.input;
    const end = this.end;
    let nested = 1;
    let j = open + 2;
    while (nested > 0 && j < end) {
      const next = input.indexOf("/*", j);
      const closeAt = input.indexOf("*/", j);
      if (closeAt === -1) {
        this.ranOff = true;
        return end;
      }
      if (next !== -1 && next < closeAt) {
        nested++;
        j = next + 2;
      } else {
        nested--;
        j = closeAt + 2;
      }
    }
    if (nested > 0) this.ranOff = true;
    return Math.min(j, end);
  }

  /** Moves to `to`, counting the lines passed so the tokens after stay right. */
  private skipTo(to: number): void {
    const input = this.input;
    for (let nl = input.indexOf("\n", this.pos); nl !== -1 && nl < to; nl = input.indexOf("\n", nl + 1)) {
      this.curLine++;
      this.curLineStart = nl + 1;
    }
    this.pos = to;
  }

  /** Offset after whitespace and comments starting at `from`. */
  private afterTrivia(from: number): number {
    const input = this.input;
    const end = this.end;
    let i = from;
    while (i < end) {
      const c = input.charCodeAt(i);
      if (c < 128 ? ASCII_CLASS[c] === C_SPACE : isUnicodeSpace(c)) i++;
      else if (c === 45 && input.charCodeAt(i + 1) === 45) {
        const nl = input.indexOf("\n", i);
        i = nl === -1 || nl > end ? end : nl;
      } else if (c === 47 && input.charCodeAt(i + 1) === 42) i = this.blockCommentEnd(i);
      else break;
    }
    return i;
  }

  /** Offset of the `)` that closes a group whose content starts at `from` (the end of input if none does). */
  private groupEnd(from: number): number {
    const input = this.input;
    const end = this.end;
    let depth = 1;
    let i = from;
    while (i < end) {
      GROUP_PLAIN.lastIndex = i;
      GROUP_PLAIN.test(input);
      i = GROUP_PLAIN.lastIndex;
      if (i >= end) break;
      const c = input.charCodeAt(i);
      if (c === 40 /* ( */) {
        depth++;
        i++;
      } else if (c === 41 /* ) */) {
        if (--depth === 0) return i;
        i++;
      } else if (c === 39 || c === 34 || c === 91) {
        i = this.quotedEnd(i, c === 91 ? 93 : c);
      } else if (c === 45 /* - */ && input.charCodeAt(i + 1) === 45) {
        const nl = input.indexOf("\n", i);
        i = nl === -1 || nl > end ? end : nl;
      } else if (c === 47 /* / */ && input.charCodeAt(i + 1) === 42) {
        i = this.blockCommentEnd(i);
      } else i++;
    }
    this.ranOff = true;
    return end;
  }

  /** The token's text (allocates). */
  text(): string {
    return this.input.slice(this.start, this.pos);
  }

  /** True for whitespace and comments. */
  isTrivia(): boolean {
    return this.code >= T_LINECOMMENT;
  }

  private finish(code: number, endPos: number): true {
    this.code = code;
    this.type = TOKEN_TYPES[code]!;
    this.pos = endPos;
    return true;
  }

  private finishCode(code: number, endPos: number): true {
    this.setState = 0;
    return this.finish(code, endPos);
  }

  /** End of a run quoted by `close` whose opening quote is at `open`; a doubled closing quote is an escape. */
  private quoted(open: number, close: number): number {
    const input = this.input;
    const end = this.end;
    let i = open + 1;
    while (i < end) {
      const d = input.charCodeAt(i);
      if (d === close) {
        if (i + 1 < end && input.charCodeAt(i + 1) === close) {
          i += 2;
          continue;
        }
        this.setState = 0;
        return i + 1;
      }
      if (d === 10) {
        this.curLine++;
        this.curLineStart = i + 1;
      }
      i++;
    }
    this.unterminated = this.ranOff = true;
    this.setState = 0;
    return end;
  }

  /** Follows `SET QUOTED_IDENTIFIER ON|OFF` (also in a list: `SET ANSI_NULLS, QUOTED_IDENTIFIER OFF`). */
  private trackSet(upper: string): void {
    if (this.setState === 2 && (upper === "ON" || upper === "OFF")) {
      if (this.setNamesQuotedIdentifier) this.quotedIdentifier = upper === "ON";
      this.setState = 0;
      return;
    }
    if (this.setState === 1) {
      if (upper === "QUOTED_IDENTIFIER") this.setNamesQuotedIdentifier = true;
      this.setState = 2;
      return;
    }
    if (upper === "SET") {
      this.setState = 1;
      this.setNamesQuotedIdentifier = false;
      return;
    }
    this.setState = 0;
  }
}

/** The value of a quoted token: quotes removed, doubled closing quotes undone. */
export function unquote(text: string, type: TokenType, unicode: boolean, unterminated: boolean): string {
  if (type === "string") {
    const body = unicode ? text.slice(1) : text;
    return undouble(body, body.charCodeAt(0) === 34 ? '"' : "'", unterminated);
  }
  if (type === "quotedIdentifier") return undouble(text, text.charCodeAt(0) === 91 ? "]" : '"', unterminated);
  return text;
}

function undouble(quoted: string, close: string, unterminated: boolean): string {
  const inner = unterminated ? quoted.slice(1) : quoted.slice(1, -1);
  return inner.includes(close + close) ? inner.split(close + close).join(close) : inner;
}

/** Splits T-SQL text into tokens, whitespace and comments included. Never throws. */
export function tokenize(input: string, options: TokenizeOptions = {}): Token[] {
  const tokens: Token[] = [];
  const lexer = new Lexer(input, options);
  const skipTrivia = options.skipTrivia === true;
  while (lexer.next()) {
    if (skipTrivia && lexer.isTrivia()) continue;
    tokens.push(tokenAt(lexer));
  }
  return tokens;
}

/** A Token object for the lexer's current token. */
export function tokenAt(lexer: Lexer): Token {
  const type = lexer.type;
  const text = lexer.text();
  let value = text;
  let upper = text;
  if (type === "keyword" || type === "identifier") upper = lexer.upper;
  else if (type === "string" || type === "quotedIdentifier") {
    value = unquote(text, type, lexer.unicode, lexer.unterminated);
    upper = type === "quotedIdentifier" ? value.toUpperCase() : value;
  } else if (type === "variable") upper = text.toUpperCase();
  const token: Token = {
    type,
    text,
    value,
    upper,
    start: lexer.start,
    end: lexer.pos,
    line: lexer.line,
    column: lexer.column,
  };
  if (lexer.unterminated) token.unterminated = true;
  if (lexer.unicode) token.unicode = true;
  return token;
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
