/**
 * Removes secrets from statement text before it is kept in the model: the model is snapshotted, logged and
 * reported, and a password written in a script (CREATE LOGIN ... PASSWORD = '...', CREATE CREDENTIAL ...
 * SECRET = '...', ENCRYPTION BY PASSWORD = '...') must never travel with it.
 */
import { isSignificant, tokenize } from "./tokenizer";

const SECRET_WORDS = new Set(["PASSWORD", "SECRET", "OLD_PASSWORD"]);
export const REDACTED_LITERAL = "N'***'";

export function redactSecrets(sql: string): string {
  const tokens = tokenize(sql);
  const significant = tokens.filter(isSignificant);
  const redact = new Set<number>();
  for (let i = 2; i < significant.length; i++) {
    const t = significant[i]!;
    if ((t.type === "string" || t.type === "number") && significant[i - 1]!.text === "=" && SECRET_WORDS.has(significant[i - 2]!.upper)) redact.add(t.start);
  }
  if (redact.size === 0) return sql;
  return tokens.map((t) => (redact.has(t.start) ? REDACTED_LITERAL : t.text)).join("");
}
