/**
 * Reads a request body against a zod shape and answers ARM's 400 InvalidRequestContent naming the field,
 * e.g. "The request content is not valid: 'properties.sourceSqlConnection.pasword': unknown property."
 *
 * Shapes made with z.strictObject report an unknown key as one issue for the whole object; here each
 * unknown key becomes its own path, so the message points at the misspelt field itself.
 */
import type { z } from "zod";
import { armErrors } from "./errors";

/** `["properties", "tableList", 0]` → `properties.tableList[0]`; the empty path is the body itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** One `'path': problem` per field, unknown keys one by one. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => `'${formatPath([...issue.path, key])}': unknown property`)
      : [`'${formatPath(issue.path)}': ${issue.message}`],
  );
}

export function readBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw armErrors.invalidRequestBody(
    `The request content is not valid: ${describeIssues(parsed.error.issues).join("; ")}.`,
  );
}

/** ARM query flags are case-insensitive strings ("true", "True"). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  return queryValue(query, name)?.toLowerCase() === "true";
}

/** A query parameter by name, without regard to the name's case (`$expand`, `$Expand`). */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}
