/**
 * Fields a program gives that a resource does not take. zod objects drop unknown keys silently, so a misspelt
 * optional field (`waitTimeoutSecond`) would be ignored and its default used without a word; `check` reports
 * each one by its path instead. Walks the schema alongside the value; unions follow the option the value
 * matches, and values of other kinds are left to the schema's own checks.
 */
import type { z } from "zod";

/** Keys the dynamic provider host itself adds to every resource's inputs (the serialized provider). */
const HOST_KEYS = new Set(["__provider"]);

/** The parts of a zod definition this walk reads (zod 4's `_zod.def`). */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The fields of an object schema and whether it takes others (a catchall that is not `never`). */
function objectFields(def: SchemaDef): { shape: Record<string, z.ZodType>; open: boolean; strict: boolean } {
  const catchall = def.catchall ? defOf(def.catchall).type : undefined;
  return { shape: def.shape ?? {}, open: catchall !== undefined && catchall !== "never", strict: catchall === "never" };
}

/** Paths of the fields in `value` that `schema` does not define. */
export function unknownFieldPaths(schema: z.ZodType, value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return unknownFieldPaths(def.innerType, value, path);
  if (def.type === "pipe" && def.in) return unknownFieldPaths(def.in, value, path);
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.flatMap((item, i) => unknownFieldPaths(element, item, [...path, i]));
  }
  if (def.type === "record" && def.valueType && isPlainObject(value)) {
    const valueType = def.valueType;
    return Object.entries(value).flatMap(([key, item]) => unknownFieldPaths(valueType, item, [...path, key]));
  }
  if (def.type === "union" && def.options) {
    const matching = def.options.find((option) => option.safeParse(value).success);
    return matching ? unknownFieldPaths(matching, value, path) : [];
  }
  if (def.type !== "object" || !isPlainObject(value)) return [];
  const { shape, open, strict } = objectFields(def);
  return Object.entries(value).flatMap(([key, item]): PropertyKey[][] => {
    if (key in shape) return unknownFieldPaths(shape[key], item, [...path, key]);
    // A strict object reports its own unrecognized keys; an open one takes any.
    if (open || strict || (path.length === 0 && HOST_KEYS.has(key))) return [];
    return [[...path, key]];
  });
}

/** The names an object schema at `path` takes, for a message that helps with a misspelling. */
export function knownFieldNames(schema: z.ZodType, path: PropertyKey[]): string[] {
  let def = defOf(schema);
  for (let i = 0; ;) {
    if (WRAPPERS.has(def.type) && def.innerType) def = defOf(def.innerType);
    else if (def.type === "pipe" && def.in) def = defOf(def.in);
    else if (i >= path.length) break;
    else if (def.type === "object" && def.shape && typeof path[i] === "string" && path[i] in def.shape)
      def = defOf(def.shape[path[i++] as string]);
    else if ((def.type === "array" && def.element) || (def.type === "record" && def.valueType)) {
      def = defOf((def.element ?? def.valueType) as z.ZodType);
      i++;
    } else return [];
  }
  return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
}
