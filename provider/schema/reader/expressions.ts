/**
 * Expression text as the catalog would report it. SQL Server stores default, check and computed expressions
 * wrapped in parentheses (`DEFAULT 0` → `((0))`); the reader wraps them once so that script-read and extracted
 * models look alike, and schema compare normalises the rest (see normalizeExpression in compare-normalize.ts).
 */
import { significantTokens } from "../tokenizer";

/** True when the whole expression is one parenthesised group: `(a + b)` but not `(a) + (b)`. */
export function isWrapped(expr: string): boolean {
  const tokens = significantTokens(expr);
  if (tokens.length < 2 || tokens[0]!.text !== "(" || tokens[tokens.length - 1]!.text !== ")") return false;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    if (t === "(") depth++;
    else if (t === ")") {
      depth--;
      if (depth === 0 && i < tokens.length - 1) return false;
    }
  }
  return true;
}

/** Wraps an expression in parentheses unless it already is one group. */
export function wrapExpression(expr: string): string {
  const trimmed = expr.trim();
  return isWrapped(trimmed) ? trimmed : `(${trimmed})`;
}
