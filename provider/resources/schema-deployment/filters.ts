/**
 * include / exclude filters of SchemaDeployment: which objects of the source take part in the deployment.
 *
 * A filter entry is either an object kind (`table`, `view`, `procedure`, ...: every object of that kind) or a
 * name pattern of one or two parts, bracketed or not, with `*` and `?` wildcards, matched case-insensitively
 * as SQL Server's default collation does: `Sales.*`, `[Sales].[Order Lines]`, `*.usp_*`, `ReportingRole`.
 * Two-part patterns match schema-scoped objects (tables, views, modules, types, sequences, synonyms);
 * one-part patterns match database-scoped objects (schemas, users, roles, ...). Permissions follow the object
 * or schema they are granted on; constraints and indexes are part of their table.
 *
 * Objects are kept when no include is given or one include matches, then dropped when an exclude matches.
 * A kept object needs its schema, so the schema of every kept object is kept too (unless excluded by name).
 */
import { allObjects, type DatabaseModel, type ObjectKind, type SchemaObject } from "../../schema";

export const OBJECT_KINDS: readonly ObjectKind[] = [
  "database",
  "schema",
  "aliasType",
  "tableType",
  "table",
  "view",
  "function",
  "procedure",
  "trigger",
  "sequence",
  "synonym",
  "user",
  "role",
  "permission",
  "assembly",
  "queue",
  "service",
  "fulltextCatalog",
  "filegroup",
  "partitionFunction",
  "partitionScheme",
  "serverObject",
  "securityPolicy",
  "xmlSchemaCollection",
  "statement",
];

export type FilterPattern = { type: "kind"; kind: ObjectKind } | { type: "name"; parts: RegExp[]; text: string };

/** Splits `[a.b].c` into its parts, honouring brackets (with `]]` as an escaped `]`) and double quotes. */
function splitNameParts(text: string): string[] | string {
  const parts: string[] = [];
  let current = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "[" || ch === '"') {
      const close = ch === "[" ? "]" : '"';
      let j = i + 1;
      let quoted = "";
      for (;;) {
        if (j >= text.length) return `unclosed ${ch} in "${text}"`;
        if (text[j] === close) {
          if (text[j + 1] === close) {
            quoted += close;
            j += 2;
            continue;
          }
          break;
        }
        quoted += text[j];
        j++;
      }
      current += quoted;
      i = j + 1;
    } else if (ch === ".") {
      parts.push(current);
      current = "";
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  parts.push(current);
  if (parts.some((p) => p.trim() === "")) return `"${text}" has an empty name part`;
  return parts.map((p) => p.trim());
}

function wildcardToRegExp(part: string): RegExp {
  const body = part
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

/** Parses one filter entry; answers an explanation instead when it is not a valid pattern. */
export function parseFilterPattern(text: string): FilterPattern | string {
  const trimmed = text.trim();
  if (trimmed === "") return "must not be empty";
  const kind = OBJECT_KINDS.find((k) => k.toLowerCase() === trimmed.toLowerCase());
  if (kind !== undefined) return { type: "kind", kind };
  const parts = splitNameParts(trimmed);
  if (typeof parts === "string") return parts;
  if (parts.length > 2)
    return `"${text}" has ${parts.length} parts; use schema.name or name (objects of this database only)`;
  return { type: "name", parts: parts.map(wildcardToRegExp), text: trimmed };
}

/** The name parts a pattern is matched against: [schema, name] or [name]; undefined when names do not apply. */
function nameParts(obj: SchemaObject): string[] | undefined {
  if (obj.kind === "permission") {
    const s = obj.securable;
    if (s.class === "object") return [s.schema, s.name];
    if (s.class === "schema") return [s.name];
    return undefined;
  }
  if (obj.kind === "statement") return undefined;
  if ("schema" in obj && typeof obj.schema === "string" && obj.schema !== "") return [obj.schema, obj.name];
  return [obj.name];
}

function matches(pattern: FilterPattern, obj: SchemaObject): boolean {
  if (pattern.type === "kind") return obj.kind === pattern.kind;
  const parts = nameParts(obj);
  if (parts === undefined || parts.length !== pattern.parts.length) return false;
  return pattern.parts.every((re, i) => re.test(parts[i]!));
}

export interface ObjectFilter {
  include: readonly string[];
  exclude: readonly string[];
}

function parseAll(texts: readonly string[]): FilterPattern[] {
  return texts.map((t) => {
    const p = parseFilterPattern(t);
    if (typeof p === "string") throw new Error(`invalid filter "${t}": ${p}`);
    return p;
  });
}

/** True when the filter keeps everything (the common case: no work, no copy). */
export function isEmptyFilter(filter: ObjectFilter): boolean {
  return filter.include.length === 0 && filter.exclude.length === 0;
}

/** A copy of the model holding only the objects the filter keeps (database options follow the kind `database`). */
export function filterModel(model: DatabaseModel, filter: ObjectFilter): DatabaseModel {
  if (isEmptyFilter(filter)) return model;
  const include = parseAll(filter.include);
  const exclude = parseAll(filter.exclude);
  const wanted = (obj: SchemaObject): boolean =>
    (include.length === 0 || include.some((p) => matches(p, obj))) && !exclude.some((p) => matches(p, obj));

  const kept = new Set<SchemaObject>(allObjects(model).filter(wanted));
  // Schemas that kept objects live in come along: a table cannot be created in a schema that does not exist.
  const neededSchemas = new Set<string>();
  for (const obj of kept)
    if ("schema" in obj && typeof obj.schema === "string" && obj.schema !== "")
      neededSchemas.add(obj.schema.toLowerCase());
  for (const schema of model.schemas) {
    if (neededSchemas.has(schema.name.toLowerCase()) && !exclude.some((p) => matches(p, schema))) kept.add(schema);
  }

  const databasePseudoObject = {
    kind: "database",
    key: "DATABASE",
    name: model.databaseName ?? "",
  } as unknown as SchemaObject;
  const keepOptions = wanted(databasePseudoObject);
  const out: DatabaseModel = { ...model, options: keepOptions ? model.options : {} };
  for (const [list, value] of Object.entries(model) as [keyof DatabaseModel, unknown][]) {
    if (Array.isArray(value))
      (out as unknown as Record<string, unknown>)[list] = (value as SchemaObject[]).filter((o) => kept.has(o));
  }
  return out;
}
