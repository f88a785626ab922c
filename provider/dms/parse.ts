import { z } from "zod";

/**
 * A response or body that does not have the shape the spec describes. The message lists each problem with
 * its field path (`properties.output[2].state: ...`) so a failure names the field, not just "invalid".
 * Values are never echoed, because a body can carry a password.
 */
export class DmsShapeError extends Error {
  override readonly name = "DmsShapeError";

  constructor(
    /** What was being read, e.g. `ProjectTask`. */
    readonly what: string,
    /** One entry per problem: dotted path and what was expected. */
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(
      `${what} does not match the Microsoft.DataMigration spec: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  }
}

/** `["properties", "output", 2, "state"]` → `properties.output[2].state`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/**
 * Parses with a zod schema and throws a DmsShapeError with field paths on failure. The schemas in this
 * folder are loose objects, so fields the spec added later (or we did not model) pass through untouched.
 */
export function parseDms<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DmsShapeError(
    what,
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  );
}
