/** Token patterns shared by the rules: multi-part names, matching parentheses, clause context. All linear. */
import { isWord, type Token } from "../tokenizer";

export interface NameRef {
  /** Name parts as written, unquoted; an omitted part (`db..table`) is "". */
  parts: string[];
  /** First token of the name. */
  token: Token;
  /** Index of the first token in the token list. */
  index: number;
  /** Index just after the last token of the name. */
  end: number;
}

function isNameToken(t: Token | undefined): boolean {
  return t !== undefined && (t.type === "identifier" || t.type === "quotedIdentifier");
}

/**
 * Every dotted name in the tokens (single-part names included), as written: what a name stands for (a table,
 * an alias's column, a method of a column...) is decided by binding (binding.ts), not here.
 */
export function multipartNames(tokens: Token[]): NameRef[] {
  const out: NameRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNameToken(t) || tokens[i - 1]?.text === ".") continue;
    // `EXTERNAL NAME assembly.[class].method` names CLR code, not database objects.
    if (isWord(tokens[i - 1], "NAME") && isWord(tokens[i - 2], "EXTERNAL")) {
      while (tokens[i + 1]?.text === "." && tokens[i + 2] !== undefined) i += 2;
      continue;
    }
    const parts = [t.value];
    let j = i + 1;
    while (tokens[j]?.text === ".") {
      if (tokens[j + 1]?.text === ".") {
        parts.push("");
        j += 1;
        continue;
      }
      const next = tokens[j + 1];
      if (!isNameToken(next) && next?.type !== "keyword") break;
      parts.push(next!.value);
      j += 2;
    }
    out.push({ parts, token: t, index: i, end: j });
    i = j - 1;
  }
  return out;
}

/** The last part of a name, lower-cased (the object name). */
export function objectPart(ref: Pick<NameRef, "parts">): string {
  return ref.parts[ref.parts.length - 1]!.toLowerCase();
}

/** Indexes of tokens that are the given word sequence. */
export function findWords(tokens: Token[], ...words: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (words.every((w, k) => isWord(tokens[i + k], w))) out.push(i);
  return out;
}

/** For each `(` the index of its `)` (or -1 when it is never closed); other entries are -1. */
export function matchingParens(tokens: Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (text === "(") open.push(i);
    else if (text === ")" && open.length > 0) match[open.pop()!] = i;
  }
  return match;
}

const CLAUSE_WORDS = new Set([
  "SELECT",
  "FROM",
  "WHERE",
  "HAVING",
  "SET",
  "ON",
  "GROUP",
  "ORDER",
  "UPDATE",
  "VALUES",
  "RETURN",
]);

/**
 * For every token, the nearest clause keyword (SELECT, FROM, WHERE, HAVING, SET, ON, GROUP, ORDER, UPDATE, VALUES,
 * RETURN) before it at the same parenthesis depth or outside it — clause words inside a closed inner group do not
 * count. One forward pass.
 */
export function clauseOfEachToken(tokens: Token[]): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(tokens.length);
  const stack: (string | undefined)[] = [undefined];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    out[i] = stack[stack.length - 1];
    if (t.text === "(") stack.push(stack[stack.length - 1]);
    else if (t.text === ")") {
      if (stack.length > 1) stack.pop();
    } else if (t.type === "keyword" && CLAUSE_WORDS.has(t.upper)) stack[stack.length - 1] = t.upper;
  }
  return out;
}
