/**
 * Splits one batch into statements. T-SQL does not require semicolons, so besides `;` a statement also ends
 * where another one obviously begins (CREATE, GRANT, USE, DBCC, EXEC... at parenthesis depth 0). A CREATE or
 * ALTER of a view, function, procedure or trigger must be alone in its batch, so it takes the rest of the batch.
 */
import { isSignificant, isWord, type Token } from "./tokenizer";

export interface Statement {
  /** Significant tokens of the statement (no whitespace or comments). */
  tokens: Token[];
  /** Source text from the first to the last significant token (comments inside are kept). */
  text: string;
  line: number;
  start: number;
  end: number;
}

const MODULE_WORDS = new Set(["VIEW", "PROC", "PROCEDURE", "FUNCTION", "TRIGGER"]);

/** Words that always begin a new statement at depth 0. */
const ALWAYS_STARTS = new Set(["CREATE", "USE", "DBCC", "SETUSER", "RECONFIGURE", "BULK"]);

/** Statements simple enough that a following SET or PRINT begins a new statement. */
const SIMPLE_STATEMENTS = new Set(["USE", "SET", "EXEC", "EXECUTE", "DBCC", "PRINT", "GRANT", "DENY", "REVOKE", "SETUSER", "RECONFIGURE"]);

export function splitStatements(source: string, batchTokens: Token[]): Statement[] {
  const tokens = batchTokens.filter(isSignificant);
  const statements: Statement[] = [];
  let current: Token[] = [];
  let depth = 0;

  const flush = (): void => {
    if (current.length > 0) {
      const first = current[0]!;
      const last = current[current.length - 1]!;
      statements.push({ tokens: current, text: source.slice(first.start, last.end), line: first.line, start: first.start, end: last.end });
    }
    current = [];
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (current.length === 0 && startsModule(tokens, i)) {
      // The module owns the rest of the batch (its body may contain anything, semicolons included).
      current = tokens.slice(i);
      // A trailing semicolon after the body is not part of the module definition.
      if (current.length > 1 && current[current.length - 1]!.text === ";") current.pop();
      flush();
      return statements;
    }
    if (t.text === "(") depth++;
    if (t.text === ")") depth = Math.max(0, depth - 1);
    if (t.type === "punctuation" && t.text === ";" && depth === 0) {
      flush();
      continue;
    }
    if (current.length > 0 && depth === 0 && beginsNewStatement(tokens, i, current)) flush();
    if (current.length === 0 && startsModule(tokens, i)) {
      i--;
      continue;
    }
    current.push(t);
  }
  flush();
  return statements;
}

/** CREATE [OR ALTER] / ALTER followed by VIEW, PROC, PROCEDURE, FUNCTION or TRIGGER. */
export function startsModule(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (isWord(t, "CREATE")) {
    let j = i + 1;
    if (isWord(tokens[j], "OR") && isWord(tokens[j + 1], "ALTER")) j += 2;
    return tokens[j] !== undefined && MODULE_WORDS.has(tokens[j]!.upper);
  }
  if (isWord(t, "ALTER")) return tokens[i + 1] !== undefined && MODULE_WORDS.has(tokens[i + 1]!.upper);
  return false;
}

function beginsNewStatement(tokens: Token[], i: number, current: Token[]): boolean {
  const t = tokens[i]!;
  if (t.type !== "keyword" && t.type !== "identifier") return false;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const first = current[0]!.upper;
  const word = t.upper;
  if (ALWAYS_STARTS.has(word)) {
    // `BULK` also appears inside OPENROWSET(BULK ...) but that is at depth > 0.
    return !(word === "CREATE" && isWord(prev, "OR"));
  }
  if (word === "ALTER") return !isWord(next, "COLUMN") && !isWord(prev, "OR");
  if (word === "GRANT") return !isWord(prev, "WITH") && !isWord(prev, "REVOKE");
  if (word === "DENY" || word === "REVOKE") return true;
  if (word === "EXEC" || word === "EXECUTE") {
    if (isWord(next, "AS")) return false;
    if (prev !== undefined && (["GRANT", "DENY", "REVOKE", "WITH", "ON"].includes(prev.upper) || prev.text === ",")) return false;
    return first !== "INSERT";
  }
  if (word === "SET" || word === "PRINT" || word === "DECLARE" || word === "RAISERROR") return SIMPLE_STATEMENTS.has(first);
  return false;
}
