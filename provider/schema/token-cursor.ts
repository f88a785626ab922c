/**
 * A cursor over the significant tokens of one statement, with the small vocabulary the script reader needs:
 * match words, read multi-part names, read parenthesised lists, and slice the original source text.
 */
import { isWord, type Token } from "./tokenizer";

export class ParseError extends Error {
  constructor(
    message: string,
    readonly token: Token | undefined,
  ) {
    super(message);
    this.name = "ParseError";
  }
}

export class TokenCursor {
  pos = 0;

  constructor(
    readonly tokens: Token[],
    /** The file text the token offsets refer to. */
    readonly source: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (t === undefined) throw new ParseError("unexpected end of statement", this.tokens[this.tokens.length - 1]);
    this.pos++;
    return t;
  }

  /** True when the next tokens are these words (case-insensitive). */
  atWords(...words: string[]): boolean {
    return words.every((w, i) => isWord(this.peek(i), w));
  }

  /** Consumes the words if they are next. */
  acceptWords(...words: string[]): boolean {
    if (!this.atWords(...words)) return false;
    this.pos += words.length;
    return true;
  }

  /** Consumes one of the alternatives if it is next and returns its upper-case text. */
  acceptOneOf(...words: string[]): string | undefined {
    const t = this.peek();
    for (const w of words) if (isWord(t, w)) return this.next().upper;
    return undefined;
  }

  expectWords(...words: string[]): void {
    if (!this.acceptWords(...words)) throw new ParseError(`expected ${words.join(" ")}`, this.peek());
  }

  atText(text: string): boolean {
    return this.peek()?.text === text;
  }

  acceptText(text: string): boolean {
    if (!this.atText(text)) return false;
    this.pos++;
    return true;
  }

  expectText(text: string): void {
    if (!this.acceptText(text)) throw new ParseError(`expected '${text}'`, this.peek());
  }

  /** Reads an identifier (quoted or not). Keywords are accepted only when `allowKeyword` is set. */
  readIdentifier(allowKeyword = false): string {
    const t = this.peek();
    if (
      t !== undefined &&
      (t.type === "identifier" || t.type === "quotedIdentifier" || (allowKeyword && t.type === "keyword"))
    ) {
      this.pos++;
      return t.value;
    }
    throw new ParseError("expected a name", t);
  }

  /** Reads `a`, `a.b`, `a.b.c`, `a..c`; empty parts (`a..c`) come back as "". */
  readMultipartName(): string[] {
    const parts: string[] = [this.readIdentifier()];
    while (this.atText(".")) {
      this.pos++;
      if (this.atText(".")) {
        parts.push("");
        continue;
      }
      parts.push(this.readIdentifier(true));
    }
    return parts;
  }

  /** Reads `[schema.]name`, filling in the default schema. */
  readSchemaObjectName(defaultSchema: string): { schema: string; name: string } {
    const parts = this.readMultipartName();
    const name = parts[parts.length - 1]!;
    const schema = parts.length >= 2 && parts[parts.length - 2] !== "" ? parts[parts.length - 2]! : defaultSchema;
    return { schema, name };
  }

  /** Reads `( name [ASC|DESC], ... )` into names; direction is returned alongside. */
  readColumnList(): { name: string; descending: boolean }[] {
    this.expectText("(");
    const cols: { name: string; descending: boolean }[] = [];
    while (!this.acceptText(")")) {
      const name = this.readIdentifier(true);
      const dir = this.acceptOneOf("ASC", "DESC");
      cols.push({ name, descending: dir === "DESC" });
      if (!this.acceptText(",") && !this.atText(")")) throw new ParseError("expected ',' or ')'", this.peek());
    }
    return cols;
  }

  /**
   * Consumes a balanced `( ... )` group and returns the source text inside the outer parentheses
   * (comments included, whitespace at the ends trimmed).
   */
  readParenthesized(): string {
    const open = this.peek();
    if (open?.text !== "(") throw new ParseError("expected '('", open);
    const close = this.matchingParen(this.pos);
    const inner = this.source.slice(open.end, this.tokens[close]!.start).trim();
    this.pos = close + 1;
    return inner;
  }

  /** Index of the `)` matching the `(` at index `openIndex`. */
  matchingParen(openIndex: number): number {
    let depth = 0;
    for (let i = openIndex; i < this.tokens.length; i++) {
      const text = this.tokens[i]!.text;
      if (text === "(") depth++;
      else if (text === ")") {
        depth--;
        if (depth === 0) return i;
      }
    }
    throw new ParseError("unbalanced parentheses", this.tokens[openIndex]);
  }

  /**
   * Consumes tokens up to (not including) the first depth-0 token for which `stop` is true, returning the
   * source text covered. Used for expressions whose end is marked by the next keyword or comma.
   */
  readUntil(stop: (t: Token) => boolean): string {
    const startIndex = this.pos;
    let depth = 0;
    while (!this.done) {
      const t = this.peek()!;
      if (depth === 0 && stop(t)) break;
      if (t.text === "(") depth++;
      if (t.text === ")") {
        if (depth === 0) break;
        depth--;
      }
      this.pos++;
    }
    if (this.pos === startIndex) return "";
    return this.source.slice(this.tokens[startIndex]!.start, this.tokens[this.pos - 1]!.end);
  }

  /** Skips a balanced parenthesised group if one is next. */
  skipParenthesized(): void {
    if (this.atText("(")) this.pos = this.matchingParen(this.pos) + 1;
  }

  /** Source text from token index `from` up to the current position. */
  textFrom(from: number): string {
    if (from >= this.pos) return "";
    return this.source.slice(this.tokens[from]!.start, this.tokens[this.pos - 1]!.end);
  }
}
