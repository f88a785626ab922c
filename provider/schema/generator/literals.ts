/**
 * Values that the generator writes into DDL without quoting because T-SQL does not allow quoting them there
 * (numbers, collation names, literal lists, type text of partition functions). Each is checked against a strict
 * shape first, so a value from a tampered snapshot cannot smuggle SQL into the script.
 */
import { isSignificant, tokenize } from "../tokenizer";

export class UnsafeLiteralError extends Error {
  constructor(what: string, value: string) {
    super(`refusing to write ${what} ${JSON.stringify(value)} into a script: it is not a plain ${what}`);
    this.name = "UnsafeLiteralError";
  }
}

export function checkedNumber(value: string): string {
  if (!/^[-+]?\d+(\.\d+)?$/.test(value.trim())) throw new UnsafeLiteralError("number", value);
  return value.trim();
}

export function checkedCollation(value: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(value)) throw new UnsafeLiteralError("collation name", value);
  return value;
}

/** A type as written in a partition function: `int`, `date`, `datetime2(3)`, `decimal(10, 2)`. */
export function checkedTypeText(value: string): string {
  if (!/^[A-Za-z0-9_]+(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?$/.test(value.trim()))
    throw new UnsafeLiteralError("type", value);
  return value.trim();
}

/** A partition boundary: a number or a string literal (optionally N'...'), possibly negative. */
export function checkedBoundary(value: string): string {
  const tokens = tokenize(value).filter(isSignificant);
  const ok =
    (tokens.length === 1 &&
      (tokens[0]!.type === "number" || (tokens[0]!.type === "string" && tokens[0]!.unterminated !== true))) ||
    (tokens.length === 2 && tokens[0]!.text === "-" && tokens[1]!.type === "number");
  if (!ok) throw new UnsafeLiteralError("boundary value", value);
  return value.trim();
}

/** A permission name: upper-case words (SELECT, VIEW DEFINITION, ALTER ANY USER). */
export function checkedPermission(value: string): string {
  if (!/^[A-Z]+( [A-Z]+)*$/.test(value)) throw new UnsafeLiteralError("permission name", value);
  return value;
}
