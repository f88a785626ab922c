import type { z } from "zod";
import { knownFieldNames, unknownFieldPaths } from "./unknown-fields";

/** The value Pulumi passes to a dynamic provider's check for an input not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export type CheckOutcome<T> = { ok: true; value: T } | { ok: false; failures: CheckFailure[] };

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function dotted(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

/** Whether a value, or anything inside it, is not known yet (a preview of inputs computed during the update). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Validates a resource's inputs with its zod schema and answers in the shape Pulumi's `check` wants: one failure
 * per field, named by its path, saying what was expected. Values not known yet (preview) are not judged: they
 * are checked again when they are known, at `up`.
 */
export function validateInputs<S extends z.ZodType>(schema: S, inputs: unknown): CheckOutcome<z.infer<S>> {
  const result = schema.safeParse(inputs);
  const unknownFields = unknownFieldFailures(schema, inputs);
  if (result.success)
    return unknownFields.length ? { ok: false, failures: unknownFields } : { ok: true, value: result.data };
  const failures = result.error.issues
    .filter((issue) => !containsUnknown(valueAt(inputs, issue.path as PropertyKey[])))
    .map((issue) => ({ property: dotted(issue.path as PropertyKey[]) || "(inputs)", reason: issue.message }))
    .concat(unknownFields);
  return failures.length ? { ok: false, failures } : { ok: true, value: withDefaults(schema, inputs) as z.infer<S> };
}

/** One failure per field the schema does not define, naming the fields it does (a misspelling shows at once). */
function unknownFieldFailures(schema: z.ZodType, inputs: unknown): CheckFailure[] {
  return unknownFieldPaths(schema, inputs).map((path) => {
    const known = knownFieldNames(schema, path.slice(0, -1));
    return {
      property: dotted(path),
      reason: `is not a field of this resource's inputs${known.length ? ` (expected one of: ${known.join(", ")})` : ""}`,
    };
  });
}

/**
 * Inputs with unknown values (preview) still get their defaults: parsed without the unknown parts (so defaults
 * apply around them), with the unknown values put back where they were. `diff` then sees the same shape as at
 * `up` instead of missing defaulted fields. When even that does not parse, the inputs are returned as given.
 */
function withDefaults(schema: z.ZodType, inputs: unknown): unknown {
  const parsed = schema.safeParse(withoutUnknowns(inputs));
  return parsed.success ? restoreUnknowns(parsed.data, inputs) : inputs;
}

function withoutUnknowns(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === UNKNOWN || (Array.isArray(v) && containsUnknown(v))) continue;
    kept[key] = withoutUnknowns(v);
  }
  return kept;
}

function restoreUnknowns(parsed: unknown, original: unknown): unknown {
  if (!original || typeof original !== "object" || Array.isArray(original) || !parsed || typeof parsed !== "object")
    return parsed;
  const result: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const [key, v] of Object.entries(original)) {
    if (!containsUnknown(v)) continue;
    result[key] = v === UNKNOWN || Array.isArray(v) ? v : restoreUnknowns(result[key], v);
  }
  return result;
}

/** Whether a value holds a credential anywhere inside (a password, token, secret or key field). */
function holdsCredential(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  return Object.entries(value).some(
    ([key, v]) => (/password|token|secret|authKey/i.test(key) && typeof v === "string") || holdsCredential(v),
  );
}

/**
 * Failures the engine can print without a secret. The engine prints a failing property's value next to the
 * reason (`property source value {…password:{…}…} has a problem`), and prints a secret inside that value in
 * clear. A failure on a top-level input that holds a credential is therefore given without a property, its
 * path leading the reason instead: `resource 'x' has a problem: source: …`.
 */
export function failuresSafeToPrint(failures: CheckFailure[], inputs: unknown): CheckFailure[] {
  return failures.map((failure) => {
    const value =
      inputs && typeof inputs === "object" ? (inputs as Record<string, unknown>)[failure.property] : undefined;
    return holdsCredential(value) ? { property: "", reason: `${failure.property}: ${failure.reason}` } : failure;
  });
}

/**
 * A dynamic provider's `check`: validated inputs (defaults applied) or one failure per bad field. Inputs are
 * handed back unchanged when they fail, as Pulumi expects.
 */
export function checkInputs<S extends z.ZodType>(schema: S) {
  return async (_olds: unknown, news: unknown) => {
    const result = validateInputs(schema, news);
    return result.ok
      ? { inputs: result.value }
      : { inputs: news, failures: failuresSafeToPrint(result.failures, news) };
  };
}
