/**
 * A one-pass, allocation-light pre-scan of T-SQL text that tells which rule triggers it contains — words such as
 * DBCC or OPENQUERY, names such as xp_cmdshell, dotted names of three or more parts, operators such as `*=` —
 * outside comments and string literals. Units that contain none of a rule's triggers cannot give that rule a
 * finding, so they are never tokenized for it: loose data scripts (megabytes of INSERT ... VALUES) cost one
 * character scan instead of a full tokenization.
 *
 * The sieve follows the tokenizer's lexical rules (comments, N'...' and '...' strings, [..] and ".." identifiers,
 * numbers, 0x literals, word characters) so that it never misses what the tokenizer would see. Where it is
 * unsure it says yes: a false "may match" only costs a tokenization, a false "cannot match" would lose a finding.
 */

import { NO_VALUES, withValue } from "./lazy-set";

/** What a rule looks for in code (see AssessmentRule.code). */
export interface CodeTriggers {
  /** Words (keywords or names, compared case-insensitively; [quoted] names count too). */
  words?: readonly string[];
  /** Prefixes of words or names (`xp_`), compared case-insensitively. */
  prefixes?: readonly string[];
  /** Dotted names of at least this many parts (`db.schema.object` has 3, `db..object` too). */
  minNameParts?: number;
  /** Operators (`*=`, `=*`). */
  operators?: readonly string[];
}

/** What the sieve found in one piece of code. */
export interface SieveResult {
  /** Trigger words and names found (upper case). */
  words: ReadonlySet<string>;
  /** Parts of the longest dotted name. */
  maxNameParts: number;
  operators: ReadonlySet<string>;
}

/** ASCII character classes, following the tokenizer (isWordStart / isWordPart / isSpace). */
const SPACE = 1;
const WORD_START = 2;
const WORD_PART = 4;
const HEX = 8;
const BREAK = 16;
const CHAR_CLASS = new Uint8Array(128);
for (const c of [32, 10, 9, 13, 12, 11]) CHAR_CLASS[c] = SPACE;
for (const ch of "(),;") CHAR_CLASS[ch.charCodeAt(0)] = BREAK;
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_#$]/.test(ch)) CHAR_CLASS[c]! |= WORD_START | WORD_PART;
  if (/[0-9@]/.test(ch)) CHAR_CLASS[c]! |= WORD_PART;
  if (/[0-9a-fA-F]/.test(ch)) CHAR_CLASS[c]! |= HEX;
}

/** A run of hexadecimal digits (binary literals can be megabytes long: the regex engine skips them fastest). */
const HEX_RUN = /[0-9a-fA-F]*/y;

/** The union of the triggers of the rules that run, prepared for matching. */
export class Sieve {
  private readonly words = new Set<string>();
  private readonly prefixes: string[] = [];
  private readonly operators = new Set<string>();
  private readonly operatorStarts = new Set<number>();
  /** Upper-cased first two characters of words and prefixes: most words are rejected before they are sliced. */
  private readonly heads = new Set<number>();

  constructor(triggers: readonly CodeTriggers[]) {
    for (const t of triggers) {
      for (const w of t.words ?? []) this.addWord(w.toUpperCase(), false);
      for (const p of t.prefixes ?? []) this.addWord(p.toUpperCase(), true);
      for (const o of t.operators ?? []) {
        this.operators.add(o);
        this.operatorStarts.add(o.charCodeAt(0));
      }
    }
  }

  private addWord(upper: string, prefix: boolean): void {
    if (upper === "") return;
    if (prefix) this.prefixes.push(upper);
    else this.words.add(upper);
    this.heads.add(head(upper.charCodeAt(0), upper.length > 1 ? upper.charCodeAt(1) : -1));
  }

  /** True when a word starting with these two characters could be a trigger. */
  private couldMatch(c1: number, c2: number): boolean {
    return this.heads.has(head(c1, c2)) || this.heads.has(head(c1, -1));
  }

  /** The upper-cased word when it is a trigger (or starts with a trigger prefix), else undefined. */
  private match(word: string): string | undefined {
    const upper = word.toUpperCase();
    if (this.words.has(upper)) return upper;
    for (const p of this.prefixes) if (upper.startsWith(p)) return upper;
    return undefined;
  }

  /**
   * Scans `text` once. Long on purpose: one hot loop over every character of every module, kept in one plain
   * method so V8 optimises it as a whole (helpers per character cost more than the work).
   */
  sift(text: string): SieveResult {
    // Made on the first hit: most units contain no trigger.
    let words: ReadonlySet<string> = NO_VALUES;
    let operators: ReadonlySet<string> = NO_VALUES;
    const wantOperators = this.operators.size > 0;
    const n = text.length;
    let maxNameParts = 0;
    // Parts of the dotted name being read, and what the last significant run was: 0 name, 1 dot, 2 other.
    let parts = 0;
    let last = 2;
    let pos = 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      const cls = c < 128 ? CHAR_CLASS[c]! : 0;
      if (cls === SPACE) {
        pos++;
        continue;
      }
      if (cls === BREAK) {
        // ( ) , ; : end a dotted name, start nothing
        last = 2;
        pos++;
        continue;
      }
      const next = pos + 1 < n ? text.charCodeAt(pos + 1) : -1;
      if (c === 45 && next === 45) {
        // -- comment to the end of the line (trivia: a dotted name may continue after it)
        const end = text.indexOf("\n", pos);
        pos = end === -1 ? n : end;
        continue;
      }
      if (c === 47 && next === 42) {
        pos = skipBlockComment(text, pos);
        continue;
      }
      if (c === 39 || ((c === 78 || c === 110) && next === 39)) {
        pos = skipQuoted(text, c === 39 ? pos : pos + 1, 39);
        last = 2;
        continue;
      }
      if (c === 91 || c === 34) {
        // [quoted] or "quoted" identifier: a name part
        const end = skipQuoted(text, pos, c === 91 ? 93 : 34);
        parts = last === 1 ? parts + 1 : 1;
        if (parts > maxNameParts) maxNameParts = parts;
        last = 0;
        if (
          end - pos > 2 &&
          this.couldMatch(
            upperAscii(text.charCodeAt(pos + 1)),
            end - pos > 3 ? upperAscii(text.charCodeAt(pos + 2)) : -1,
          )
        ) {
          const hit = this.match(unquote(text.slice(pos + 1, end - 1), c === 91 ? "]" : '"'));
          if (hit !== undefined) words = withValue(words, hit);
        }
        pos = end;
        continue;
      }
      if (c === 64) {
        // @variable
        pos++;
        for (
          let w = text.charCodeAt(pos);
          pos < n && (w < 128 ? (CHAR_CLASS[w]! & WORD_PART) !== 0 : isWordPart(text, pos));
          w = text.charCodeAt(pos)
        )
          pos++;
        last = 2;
        continue;
      }
      if (c === 48 && (next === 120 || next === 88)) {
        HEX_RUN.lastIndex = pos + 2;
        HEX_RUN.test(text);
        pos = HEX_RUN.lastIndex;
        last = 2;
        continue;
      }
      if ((c >= 48 && c <= 57) || (c === 46 && next >= 48 && next <= 57)) {
        pos = skipNumber(text, pos);
        last = 2;
        continue;
      }
      if (c > 127 && /\s/u.test(text[pos]!)) {
        pos++;
        continue;
      }
      if ((cls & WORD_START) !== 0 || (c > 127 && isWordStart(text, pos))) {
        const from = pos;
        pos++;
        for (
          let w = text.charCodeAt(pos);
          pos < n && (w < 128 ? (CHAR_CLASS[w]! & WORD_PART) !== 0 : isWordPart(text, pos));
          w = text.charCodeAt(pos)
        )
          pos++;
        parts = last === 1 ? parts + 1 : 1;
        if (parts > maxNameParts) maxNameParts = parts;
        last = 0;
        if (this.couldMatch(upperAscii(c), pos - from > 1 ? upperAscii(text.charCodeAt(from + 1)) : -1)) {
          const hit = this.match(text.slice(from, pos));
          if (hit !== undefined) words = withValue(words, hit);
        }
        continue;
      }
      if (c === 46) {
        // `a.b`: the dot continues a name; `a..b` has an empty part.
        if (last === 1) {
          parts++;
          if (parts > maxNameParts) maxNameParts = parts;
        } else if (last === 0) {
          last = 1;
        }
        pos++;
        continue;
      }
      if (wantOperators && next !== -1 && this.operatorStarts.has(c)) {
        const two = text.slice(pos, pos + 2);
        if (this.operators.has(two)) operators = withValue(operators, two);
      }
      last = 2;
      pos++;
    }
    return { words, maxNameParts, operators };
  }
}

/** A rule's trigger words and prefixes upper-cased, as the sieve records what it found. */
interface UpperTriggers {
  words: string[];
  prefixes: string[];
}

/** Upper-cased once per set of triggers: mayMatch runs for every unit and every rule. */
const upperTriggers = new WeakMap<CodeTriggers, UpperTriggers>();

function upperOf(triggers: CodeTriggers): UpperTriggers {
  let upper = upperTriggers.get(triggers);
  if (upper === undefined) {
    upper = {
      words: (triggers.words ?? []).map((w) => w.toUpperCase()),
      prefixes: (triggers.prefixes ?? []).map((p) => p.toUpperCase()),
    };
    upperTriggers.set(triggers, upper);
  }
  return upper;
}

/** True when what the sieve found can give a rule with these triggers a finding. */
export function mayMatch(found: SieveResult, triggers: CodeTriggers): boolean {
  if (triggers.minNameParts !== undefined && found.maxNameParts >= triggers.minNameParts) return true;
  if (found.operators.size > 0) for (const o of triggers.operators ?? []) if (found.operators.has(o)) return true;
  if (found.words.size === 0) return false;
  const { words, prefixes } = upperOf(triggers);
  for (const w of words) if (found.words.has(w)) return true;
  if (prefixes.length > 0) for (const w of found.words) if (prefixes.some((p) => w.startsWith(p))) return true;
  return false;
}

function head(c1: number, c2: number): number {
  return c1 * 65536 + (c2 + 1);
}

function upperAscii(c: number): number {
  return c >= 97 && c <= 122 ? c - 32 : c;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The tokenizer's word start: ASCII letter, _, #, $, or a Unicode letter. */
function isWordStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 35 || c === 36;
  return /\p{L}/u.test(text[i]!);
}

/** The tokenizer's word part: letters, digits, _, #, $, @, or a Unicode letter or digit. */
function isWordPart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128)
    return (
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      c === 35 ||
      c === 36 ||
      c === 64
    );
  return /[\p{L}\p{N}]/u.test(text[i]!);
}

/** The offset after a quoted run starting at the opening quote; the closing quote doubled is an escape. */
function skipQuoted(text: string, start: number, close: number): number {
  const quote = close === 39 ? "'" : close === 93 ? "]" : '"';
  let from = start + 1;
  for (;;) {
    const at = text.indexOf(quote, from);
    if (at === -1) return text.length;
    if (text.charCodeAt(at + 1) === close) {
      from = at + 2;
      continue;
    }
    return at + 1;
  }
}

/** The content of a quoted identifier with doubled closing quotes undone. */
function unquote(inner: string, close: string): string {
  return inner.includes(close + close) ? inner.split(close + close).join(close) : inner;
}

/** The offset after a (nested) block comment starting at `/*`. */
function skipBlockComment(text: string, pos: number): number {
  let depth = 1;
  let i = pos + 2;
  const n = text.length;
  while (i < n && depth > 0) {
    const d = text.charCodeAt(i);
    if (d === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (d === 42 && text.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
    } else {
      i++;
    }
  }
  return i;
}

/** Skips a number the way the tokenizer reads one: digits, a fraction, an exponent. */
function skipNumber(text: string, pos: number): number {
  let end = pos;
  while (isDigit(text.charCodeAt(end))) end++;
  if (text.charCodeAt(end) === 46) {
    end++;
    while (isDigit(text.charCodeAt(end))) end++;
  }
  const e = text.charCodeAt(end);
  if (e === 101 || e === 69) {
    const s = text.charCodeAt(end + 1);
    if (isDigit(s) || ((s === 43 || s === 45) && isDigit(text.charCodeAt(end + 2)))) {
      end += 2;
      while (isDigit(text.charCodeAt(end))) end++;
    }
  }
  return end;
}
