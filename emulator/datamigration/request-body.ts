/** Reads a request body against a zod schema, answering ARM's 400 InvalidRequestContent with the field path. */
import type { z } from "zod";
import { formatPath } from "../../provider/dms/parse";
import { dmsErrors } from "./errors";

export function readBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `'${formatPath(i.path)}': ${i.message}`).join("; ");
  throw dmsErrors.invalidBody(`The request content is not valid: ${problems}.`);
}

/** ARM query flags are case-insensitive strings ("true", "True"). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value.toLowerCase() === "true";
  return false;
}

export function queryValue(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}
