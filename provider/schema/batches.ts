/**
 * The sqlcmd layer of a script: splits it into batches on `GO` separator lines, the way sqlcmd and SSMS do,
 * and carries out the sqlcmd commands a script may hold.
 *
 * - `GO` must be alone on its line, optionally followed by a repeat count (`GO 5`) and a comment.
 * - `:setvar name "value"` defines a variable; `$(name)` is replaced by its value in the text that follows
 *   (in code, string literals and quoted identifiers, as sqlcmd does; comments are left alone). A `$(name)`
 *   with no value is left as written and reported.
 * - `:r file` includes another file; the caller resolves and reads it (see script-reader.ts). The include ends
 *   the batch before it, as the end of a file does.
 * - Any other `:command` (`:on error`, `:connect`, `:out`...) and `!!` shell lines are reported to the caller.
 *
 * Commands and GO lines are recognised only at the start of a line and outside comments and quoted text, so
 * a `GO` inside a string literal or a block comment never splits a batch. One pass over the text: every
 * character is looked at once, and a batch's text is a slice of the file unless a variable was substituted in it.
 */
import { isSignificant, tokenize, type Token } from "./tokenizer";

export interface ScriptBatch {
  kind: "batch";
  /** Text of the batch (without the GO line), variables substituted. */
  text: string;
  /** 1-based line of the batch's first character in the file; its column is 1. */
  line: number;
  /** Offset of the batch's first character in the file text. */
  start: number;
  /** `GO 5` runs the preceding batch five times; 1 otherwise. */
  repeat: number;
  /** Line of the GO line that ended the batch (undefined at the end of the file or before an include). */
  goLine?: number;
}

export interface ScriptInclude {
  kind: "include";
  /** The file named by `:r`, variables substituted, quotes removed, as written (relative or absolute). */
  path: string;
  line: number;
}

export interface ScriptCommand {
  kind: "command";
  /** Lower-case command: "setvar", "on error", "connect", "!!"... */
  name: string;
  /** The line as written (trimmed). */
  text: string;
  line: number;
}

export interface UndefinedVariable {
  kind: "undefinedVariable";
  /** The variable's name as written in `$(...)`. */
  name: string;
  line: number;
}

export type ScriptUnit = ScriptBatch | ScriptInclude | ScriptCommand | UndefinedVariable;

/** sqlcmd variables: names are case-insensitive, so keys are upper-case. */
export class SqlcmdVariables {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.set(name, value);
  }

  set(name: string, value: string): void {
    this.values.set(name.toUpperCase(), value);
  }

  delete(name: string): void {
    this.values.delete(name.toUpperCase());
  }

  get(name: string): string | undefined {
    return this.values.get(name.toUpperCase());
  }

  has(name: string): boolean {
    return this.values.has(name.toUpperCase());
  }
}

/** Characters that can start something in code: a line break, a quote, a comment, a variable. */
const PLAIN_CODE = /[^\n'"[\-/$]*/y;

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isInlineSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff;
}

/**
 * Walks a script and yields its batches, includes, commands and undefined variables in order. `:setvar`
 * changes `variables` as the walk reaches it, so an include read by the caller between two yields sees (and
 * can change) the variables in force at that point, as in sqlcmd.
 */
export function* scanScript(
  text: string,
  variables: SqlcmdVariables = new SqlcmdVariables(),
  from?: { offset: number; line: number },
): Generator<ScriptUnit> {
  // The scanning lives in a class, not in this generator: V8 optimises a hot loop inside a plain method while
  // it runs (on-stack replacement) but not inside a generator, and scripts are often a few huge files.
  const scanner = new SqlcmdScanner(text, variables, from);
  for (let unit = scanner.next(); unit !== undefined; unit = scanner.next()) yield unit;
}

/** The scan behind scanScript: `next()` returns the next unit, undefined at the end. */
export class SqlcmdScanner {
  private readonly n: number;
  private i = 0;
  private atLineStart = true;
  private done = false;
  /** Units found and not yet returned. */
  private readonly queue: ScriptUnit[] = [];
  // Line numbers are counted lazily, up to the offset asked about: linear over the whole walk.
  private countedTo = 0;
  private countedLine = 1;
  private batchStart = 0;
  private batchLine = 1;
  // Substituted pieces of the current batch: the text up to `pieceFrom` is in `pieces`.
  private pieces: string[] = [];
  private pieceFrom = 0;
  private readonly undefinedSeen = new Set<string>();
  private nextDollar = -1;

  /** `from`: start at this offset (the start of a line, in code) and line instead of the text's start. */
  constructor(
    private readonly text: string,
    private readonly variables: SqlcmdVariables,
    from?: { offset: number; line: number },
  ) {
    this.n = text.length;
    if (from !== undefined) {
      this.i = this.batchStart = this.pieceFrom = this.countedTo = from.offset;
      this.countedLine = this.batchLine = from.line;
    }
  }

  next(): ScriptUnit | undefined {
    while (this.queue.length === 0 && !this.done) this.scan();
    return this.queue.shift();
  }

  /** Scans until at least one unit is queued or the text ends. */
  private scan(): void {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === NL) {
        this.atLineStart = true;
        i++;
        continue;
      }
      if (this.atLineStart) {
        if (isInlineSpace(c)) {
          i++;
          continue;
        }
        this.atLineStart = false;
        if (c === 103 || c === 71 || c === 58 || c === 33) {
          const next = this.lineStart(i);
          if (next !== undefined) {
            this.i = next;
            return;
          }
        }
      }
      // Code: look for quotes, comments and $( variables.
      if (c === 39 /* ' */ || c === 34 /* " */ || c === 91 /* [ */) i = this.skipQuoted(i, c === 91 ? 93 : c);
      else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) i = this.endOfLine(i);
      else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) i = this.skipBlockComment(i);
      else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 40 /* ( */) i = this.substitute(i);
      else {
        // Step over plain code to the next character that can matter (natively: a sticky regular expression).
        PLAIN_CODE.lastIndex = i + 1;
        PLAIN_CODE.test(text);
        i = PLAIN_CODE.lastIndex;
      }
      if (this.queue.length > 0) {
        this.i = i;
        return;
      }
    }
    this.i = n;
    this.done = true;
    if (this.batchStart < n)
      this.queue.push({
        kind: "batch",
        text: this.batchText(n),
        line: this.batchLine,
        start: this.batchStart,
        repeat: 1,
      });
  }

  /**
   * The first character of a line (`g`, `:` or `!`) at `i`: a GO line or a sqlcmd command queues its units
   * and returns where to go on; anything else returns undefined (it is code).
   */
  private lineStart(i: number): number | undefined {
    const text = this.text;
    const c = text.charCodeAt(i);
    const lineEnd = this.endOfLine(i);
    const lineStartOffset = text.lastIndexOf("\n", i - 1) + 1;
    if (c === 103 || c === 71) {
      // GO [count] [comment]
      const repeat = goLineAt(text, i, lineEnd);
      if (repeat === undefined) return undefined;
      const goLine = this.lineAt(lineStartOffset);
      this.queue.push({
        kind: "batch",
        text: this.batchText(lineStartOffset),
        line: this.batchLine,
        start: this.batchStart,
        repeat,
        goLine,
      });
      this.startBatch(Math.min(lineEnd + 1, this.n));
      return lineEnd;
    }
    if (c === 33 && text.charCodeAt(i + 1) !== 33) return undefined;
    // A sqlcmd command: substitute variables in it, then act on it.
    const line = this.lineAt(i);
    const lineText = substituteInLine(text.slice(i, lineEnd).trim(), this.variables, (name) =>
      this.noteUndefined(name, line),
    );
    const command = parseCommand(lineText);
    if (command.name === "r") {
      this.queue.push({
        kind: "batch",
        text: this.batchText(lineStartOffset),
        line: this.batchLine,
        start: this.batchStart,
        repeat: 1,
      });
      this.queue.push({ kind: "include", path: command.args, line });
      this.startBatch(Math.min(lineEnd + 1, this.n));
      return lineEnd;
    }
    if (command.name === "setvar") applySetvar(command.args, this.variables);
    // The command line is not T-SQL: it leaves the batch (the line break stays, so lines keep their numbers).
    const cut = lineEnd > i && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    this.replace(i, cut, "");
    this.queue.push({ kind: "command", name: command.name, text: lineText, line });
    return lineEnd;
  }

  private lineAt(offset: number): number {
    const text = this.text;
    while (this.countedTo < offset) {
      const nl = text.indexOf("\n", this.countedTo);
      if (nl === -1 || nl >= offset) {
        this.countedTo = offset;
        break;
      }
      this.countedLine++;
      this.countedTo = nl + 1;
    }
    return this.countedLine;
  }

  private replace(from: number, to: number, value: string): void {
    this.pieces.push(this.text.slice(this.pieceFrom, from), value);
    this.pieceFrom = to;
  }

  private batchText(to: number): string {
    if (this.pieces.length === 0) return this.text.slice(this.batchStart, to);
    return this.pieces.join("") + this.text.slice(this.pieceFrom, to);
  }

  private startBatch(at: number): void {
    this.batchStart = at;
    this.batchLine = this.lineAt(at);
    this.pieces = [];
    this.pieceFrom = at;
  }

  private endOfLine(from: number): number {
    const nl = this.text.indexOf("\n", from);
    return nl === -1 ? this.n : nl;
  }

  private noteUndefined(name: string, line: number): void {
    const key = name.toUpperCase();
    if (this.undefinedSeen.has(key)) return;
    this.undefinedSeen.add(key);
    this.queue.push({ kind: "undefinedVariable", name, line });
  }

  /** `$(` at `i`: substitutes a defined variable, reports an undefined one; returns where to go on. */
  private substitute(i: number): number {
    const text = this.text;
    const close = text.indexOf(")", i + 2);
    if (close === -1 || close > this.endOfLine(i)) return i + 2;
    const name = text.slice(i + 2, close);
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return i + 2;
    const value = this.variables.get(name);
    if (value === undefined) this.noteUndefined(name, this.lineAt(i));
    else this.replace(i, close + 1, value);
    return close + 1;
  }

  /** The next "$(" at or after `from`, searched once and remembered so the walk stays linear. */
  private nextDollarAt(from: number): number {
    if (this.nextDollar < from && this.nextDollar !== this.n) {
      const d = this.text.indexOf("$(", from);
      this.nextDollar = d === -1 ? this.n : d;
    }
    return this.nextDollar;
  }

  /** Past a quoted run opened at `open` (closing quote doubled = escape), substituting variables inside. */
  private skipQuoted(open: number, close: number): number {
    const text = this.text;
    const closeChar = String.fromCharCode(close);
    let j = open + 1;
    for (;;) {
      const q = text.indexOf(closeChar, j);
      const end = q === -1 ? this.n : q;
      while (this.nextDollarAt(j) < end) j = this.substitute(this.nextDollar);
      if (q === -1) return this.n;
      if (text.charCodeAt(q + 1) === close) {
        j = q + 2;
        continue;
      }
      return q + 1;
    }
  }

  /** Past a (nested) block comment opened at `open`. */
  private skipBlockComment(open: number): number {
    const text = this.text;
    let depth = 1;
    let j = open + 2;
    while (depth > 0) {
      const close = text.indexOf("*/", j);
      if (close === -1) return this.n;
      const nested = text.indexOf("/*", j);
      if (nested !== -1 && nested < close) {
        depth++;
        j = nested + 2;
      } else {
        depth--;
        j = close + 2;
      }
    }
    return j;
  }
}

/** Lines that may be a GO separator or a sqlcmd command (checked further before they count). */
const LINE_CANDIDATES = /^[ \t\v\f\r\u00a0\ufeff]*(?:go(?![\w#$@])|:|!!)/gim;

/**
 * The batches of a script that has no sqlcmd variable and no line starting with `:` or `!!`, split at every line
 * that looks like a GO separator, without following quotes and comments: one native search instead of a walk
 * over every character. A GO line inside a string or comment splits wrongly; the lexer notices (the batch
 * before it ends inside the string or comment, Lexer.ranOff) and the caller goes back to scanScript from that
 * batch on. Undefined when the script has sqlcmd syntax (use scanScript).
 */
export function optimisticBatches(text: string): ScriptBatch[] | undefined {
  if (text.includes("$(")) return undefined;
  const batches: ScriptBatch[] = [];
  let batchStart = 0;
  let batchLine = 1;
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    for (let nl = text.indexOf("\n", counted); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
      line++;
      counted = nl + 1;
    }
    if (counted < offset) counted = offset;
    return line;
  };
  LINE_CANDIDATES.lastIndex = 0;
  for (let m = LINE_CANDIDATES.exec(text); m !== null; m = LINE_CANDIDATES.exec(text)) {
    const at = m.index + m[0].length - (m[0].endsWith(":") ? 1 : m[0].endsWith("!!") ? 2 : 2);
    const c = text.charCodeAt(at);
    if (c === 58 || c === 33) return undefined;
    // Only a line break starts a line (as in scanScript): not a lone \r.
    if (m.index > 0 && text.charCodeAt(m.index - 1) !== 10) continue;
    const nl = text.indexOf("\n", at);
    const lineEnd = nl === -1 ? text.length : nl;
    const repeat = goLineAt(text, at, lineEnd);
    if (repeat === undefined) continue;
    const lineStart = m.index;
    const goLine = lineAt(lineStart);
    batches.push({
      kind: "batch",
      text: text.slice(batchStart, lineStart),
      line: batchLine,
      start: batchStart,
      repeat,
      goLine,
    });
    batchStart = Math.min(lineEnd + 1, text.length);
    batchLine = lineAt(batchStart);
    LINE_CANDIDATES.lastIndex = batchStart;
  }
  if (batchStart < text.length)
    batches.push({ kind: "batch", text: text.slice(batchStart), line: batchLine, start: batchStart, repeat: 1 });
  return batches;
}

/** If the line from `at` to `lineEnd` is a GO separator, its repeat count; otherwise undefined. */
function goLineAt(text: string, at: number, lineEnd: number): number | undefined {
  if ((text.charCodeAt(at) | 32) !== 103 /* g */ || (text.charCodeAt(at + 1) | 32) !== 111 /* o */) return undefined;
  let j = at + 2;
  if (j < lineEnd && !isInlineSpace(text.charCodeAt(j)) && !text.startsWith("--", j) && !text.startsWith("/*", j))
    return undefined;
  const skipSpace = (): void => {
    while (j < lineEnd && isInlineSpace(text.charCodeAt(j))) j++;
  };
  skipSpace();
  let repeat = 1;
  const digitsFrom = j;
  while (j < lineEnd && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j > digitsFrom) {
    repeat = Math.max(1, Number(text.slice(digitsFrom, j)));
    skipSpace();
  }
  if (j >= lineEnd || text.startsWith("--", j)) return repeat;
  if (text.startsWith("/*", j)) {
    const close = text.indexOf("*/", j + 2);
    if (close === -1 || close + 2 > lineEnd) return undefined;
    j = close + 2;
    skipSpace();
    if (j >= lineEnd || text.startsWith("--", j)) return repeat;
  }
  return undefined;
}

/** `:setvar name value` → { name: "setvar", args: "name value" }; `!!dir` → { name: "!!", args: "dir" }. */
function parseCommand(line: string): { name: string; args: string } {
  if (line.startsWith("!!")) return { name: "!!", args: line.slice(2).trim() };
  const match = /^:\s*([A-Za-z]+)\s*(.*)$/.exec(line);
  if (match === null) return { name: line.slice(1).trim().toLowerCase(), args: "" };
  let name = match[1]!.toLowerCase();
  let args = match[2]!.trim();
  if (name === "on" && /^error\b/i.test(args)) {
    name = "on error";
    args = args.slice(5).trim();
  }
  if (name === "r") args = unquoteArgument(args);
  return { name, args };
}

function unquoteArgument(arg: string): string {
  if (arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"')) return arg.slice(1, -1).split('""').join('"');
  return arg;
}

/** `:setvar name "value"` defines, `:setvar name` removes. */
function applySetvar(args: string, variables: SqlcmdVariables): void {
  const match = /^(\S+)\s*(.*)$/.exec(args);
  if (match === null) return;
  const name = match[1]!;
  const raw = match[2]!.trim();
  if (raw === "") variables.delete(name);
  else variables.set(name, unquoteArgument(raw));
}

function substituteInLine(line: string, variables: SqlcmdVariables, onUndefined: (name: string) => void): string {
  if (!line.includes("$(")) return line;
  return line.replace(/\$\(([A-Za-z_][\w-]*)\)/g, (whole, name: string) => {
    const value = variables.get(name);
    if (value === undefined) {
      onUndefined(name);
      return whole;
    }
    return value;
  });
}

/** A batch with its tokens, for callers that want the whole script at once. */
export interface Batch {
  /** Source text of the batch (without the GO line), sqlcmd variables substituted. */
  text: string;
  /** Every token of the batch: offsets relative to `text`, lines and columns relative to the whole file. */
  tokens: Token[];
  /** Offset of the batch text in the file. */
  start: number;
  /** 1-based line where the batch text starts. */
  line: number;
  /** `GO 5` runs the preceding batch five times; 1 otherwise. */
  repeat: number;
}

/**
 * Splits script text into batches; batches holding only whitespace and comments are dropped. sqlcmd commands
 * are carried out as far as they concern the text (`:setvar` and `$(var)`); includes and other commands are
 * left out — readScripts handles them.
 */
export function splitBatches(text: string, variables: Record<string, string> = {}): Batch[] {
  const batches: Batch[] = [];
  for (const unit of scanScript(text, new SqlcmdVariables(variables))) {
    if (unit.kind !== "batch") continue;
    const tokens = tokenize(unit.text, { startLine: unit.line });
    if (!tokens.some(isSignificant)) continue;
    batches.push({ text: unit.text, tokens, start: unit.start, line: unit.line, repeat: unit.repeat });
  }
  return batches;
}
