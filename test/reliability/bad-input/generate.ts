/**
 * Generates the bad-input corpus from the input schemas: walks each resource's zod schema alongside its valid
 * input and breaks one field at a time in the ways a program gets it wrong (wrong type, null, missing, empty,
 * too long, out of range, bad GUID or ARM id, injection into names, control characters, unknown or misspelt
 * fields). The field each case must be reported on is the path that was broken, known before `check` runs, so
 * the expectation never comes from the code under test. Which fields are names (and must refuse injection) is
 * decided here by their key, not by asking the schema.
 */
import type { z } from "zod";
import type { ResourceUnderTest } from "./valid-inputs";

export type BadInputKind =
  | "wrong type"
  | "null"
  | "missing required field"
  | "empty string"
  | "over length limit"
  | "number out of range"
  | "bad GUID"
  | "bad ARM id"
  | "injection in a name"
  | "control character in a name"
  | "not one of the choices"
  | "unknown field"
  | "misspelt optional field"
  | "contradictory options";

export interface BadInputCase {
  resource: string;
  kind: BadInputKind;
  /** The broken field's path, dotted as check reports it (`databases[0].tables[0]`). */
  field: string;
  inputs: Record<string, unknown>;
}

type Path = (string | number)[];

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number; format?: string } } }[];
}

const def = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

/** The schema under optional/default wrappers and transforms, and whether the field may be left out. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean } {
  let core = schema;
  let optional = false;
  for (;;) {
    const d = def(core);
    if (WRAPPERS.has(d.type) && d.innerType) {
      optional ||= d.type === "optional" || d.type === "default" || d.type === "prefault";
      core = d.innerType;
    } else if (d.type === "pipe" && d.in) core = d.in;
    else return { core, optional };
  }
}

export function dottedPath(path: Path): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    "",
  );
}

function withValue(root: Record<string, unknown>, path: Path, value: unknown, remove = false): Record<string, unknown> {
  // A JSON round trip, not structuredClone: under Jest, structuredClone's arrays come from another realm, fail
  // `instanceof Array`, and Pulumi would serialize them as objects ({"0": …}).
  const copy = JSON.parse(JSON.stringify(root)) as Record<string, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** Keys whose strings are names of databases, tables or Azure resources: injection attempts must fail there. */
const NAME_KEY =
  /^(serviceName|projectName|taskName|resourceGroupName|location|namespace|publicationName|sourceName|targetName|sourceDatabaseName|targetDatabaseName|distributionDatabase|database|tables|sourceDatabases)$/;
const GUID_KEY = /^subscriptionId$/;
const ARM_ID_KEY = /(ResourceId|ServiceId|SubnetId)$/;

export const INJECTIONS = ["]; DROP TABLE x--", "x'; DROP TABLE x--", 'x"; DROP TABLE x; --', "x/* */; SHUTDOWN"];
const CONTROL = ["Sales\u0000", "Sa\nles"];
const BAD_GUIDS = [
  "not-a-guid",
  "6f2d4c1a-0b1e-4c55-9a0e-2b7d3c4e5f6",
  "{6f2d4c1a-0b1e-4c55-9a0e-2b7d3c4e5f60}",
  "6f2d4c1a-0b1e-4c55-9a0e-2b7d3c4e5f6g",
];

function checkOf(schema: z.ZodType, name: string) {
  return def(schema)
    .checks?.map((c) => c._zod.def)
    .find((c) => c.check === name);
}

/** The name of the key a path ends with, skipping array indexes (`tables[0]` → `tables`). */
function keyOf(path: Path): string {
  return String([...path].reverse().find((k) => typeof k === "string") ?? "");
}

function stringCases(schema: z.ZodType, path: Path, value: string): [BadInputKind, unknown][] {
  const key = keyOf(path);
  const cases: [BadInputKind, unknown][] = [["wrong type", 42]];
  const max = checkOf(schema, "max_length")?.maximum;
  if (checkOf(schema, "min_length") || NAME_KEY.test(key) || GUID_KEY.test(key) || ARM_ID_KEY.test(key))
    cases.push(["empty string", ""]);
  if (NAME_KEY.test(key)) {
    cases.push(["over length limit", "a".repeat(max !== undefined ? max + 1 : 300)]);
    // An injected suffix on a valid name: only the suffix makes it wrong.
    for (const injection of INJECTIONS) cases.push(["injection in a name", `${value}${injection}`]);
    for (const control of CONTROL) cases.push(["control character in a name", control]);
  } else if (max !== undefined) cases.push(["over length limit", "a".repeat(max + 1)]);
  if (GUID_KEY.test(key)) for (const guid of BAD_GUIDS) cases.push(["bad GUID", guid]);
  if (ARM_ID_KEY.test(key)) {
    cases.push(["bad ARM id", value.replace(/\/subscriptions\/[^/]+/, "/subscriptions/not-a-guid")]);
    cases.push(["bad ARM id", value.split("/").slice(0, -2).join("/")]);
  }
  return cases;
}

function numberCases(schema: z.ZodType): [BadInputKind, unknown][] {
  const cases: [BadInputKind, unknown][] = [["wrong type", "10"]];
  const checks = def(schema).checks?.map((c) => c._zod.def) ?? [];
  if (checks.some((c) => c.format === "safeint")) cases.push(["number out of range", 1.5]);
  const min = checks.find((c) => c.check === "greater_than")?.value;
  if (min !== undefined) cases.push(["number out of range", min - 1]);
  const max = checks.find((c) => c.check === "less_than")?.value;
  if (max !== undefined) cases.push(["number out of range", max + 1]);
  return cases;
}

/** The cases for one field (and, inside objects and arrays, for the fields under it). */
function fieldCases(
  schema: z.ZodType,
  path: Path,
  value: unknown,
): { kind: BadInputKind; path: Path; value?: unknown; remove?: boolean }[] {
  const { core, optional } = unwrap(schema);
  const d = def(core);
  const out: { kind: BadInputKind; path: Path; value?: unknown; remove?: boolean }[] = [];
  const add = (pairs: [BadInputKind, unknown][]) => pairs.forEach(([kind, v]) => out.push({ kind, path, value: v }));
  if (path.length > 0) {
    if (!optional && typeof path[path.length - 1] === "string")
      out.push({ kind: "missing required field", path, remove: true });
    out.push({ kind: "null", path, value: null });
  }
  if (value === undefined) return out;
  switch (d.type) {
    case "string":
      add(stringCases(core, path, value as string));
      break;
    case "number":
      add(numberCases(core));
      break;
    case "boolean":
      add([["wrong type", "true"]]);
      break;
    case "enum":
      add([
        ["not one of the choices", "no-such-choice"],
        ["wrong type", 1],
      ]);
      break;
    case "array":
      add([["wrong type", "not-a-list"]]);
      (value as unknown[]).forEach((item, i) => out.push(...fieldCases(d.element as z.ZodType, [...path, i], item)));
      break;
    case "record":
      add([["wrong type", "not-a-map"]]);
      out.push({ kind: "wrong type", path: [...path, "badValue"], value: 1 });
      break;
    case "object":
      if (path.length > 0) add([["wrong type", "not-an-object"]]);
      out.push({ kind: "unknown field", path: [...path, "unexpectedField"], value: "x" });
      for (const [key, fieldSchema] of Object.entries(d.shape ?? {}))
        out.push(...fieldCases(fieldSchema, [...path, key], (value as Record<string, unknown>)[key]));
      break;
  }
  return out;
}

/** A program that writes `waitTimeoutSecond` for `waitTimeoutSeconds`: each optional top-level field, misspelt. */
function misspeltFields(resource: ResourceUnderTest): BadInputCase[] {
  const shape = def(unwrap(resource.schema).core).shape ?? {};
  return Object.entries(shape)
    .filter(([, schema]) => unwrap(schema).optional)
    .map(([key]) => {
      const typo = key.endsWith("s") ? key.slice(0, -1) : `${key}s`;
      return {
        resource: resource.resource,
        kind: "misspelt optional field",
        field: typo,
        inputs: { ...resource.valid, [typo]: resource.valid[key] ?? true },
      };
    });
}

export function generateBadInputs(resource: ResourceUnderTest): BadInputCase[] {
  const generated = fieldCases(resource.schema, [], resource.valid).map((c) => ({
    resource: resource.resource,
    kind: c.kind,
    field: dottedPath(c.path),
    inputs: withValue(resource.valid, c.path, c.value, c.remove),
  }));
  return [...generated, ...misspeltFields(resource)];
}
