/**
 * Which model objects a piece of T-SQL refers to, found with the tokenizer (so names in comments and strings
 * do not count) and name binding (assessment/binding.ts: aliases, CTEs and columns are not objects). Used to
 * order views and functions, and to know what an omitted object takes down with it.
 */
import { bindNames, makeCatalog, type NameCatalog } from "./assessment/binding";
import { multipartNames } from "./assessment/scan";
import { schemaObjectKey } from "./keys";
import { significantTokens } from "./tokenizer";

export interface ReferenceScope {
  /** Keys of the objects that can be referred to. */
  known: ReadonlySet<string>;
  /** The current database, so `ThisDb.dbo.T` resolves to `[dbo].[T]`. */
  databaseName?: string;
}

const catalogs = new WeakMap<ReadonlySet<string>, NameCatalog>();

/** A key as schemaObjectKey writes it: `[schema].[name]`, each part non-empty, `]` doubled inside. */
const TWO_PART_KEY = /^\[((?:[^\]]|\]\])+)\]\.\[((?:[^\]]|\]\])+)\]$/;

/**
 * The parts of a key. Keys made by schemaObjectKey are split directly (tokenizing each of the model's tens of
 * thousands of keys was a third of the reference finder's time); anything else goes through the tokenizer.
 */
function keyParts(key: string): string[] | undefined {
  const match = TWO_PART_KEY.exec(key);
  if (match !== null) return [match[1]!.replace(/]]/g, "]"), match[2]!.replace(/]]/g, "]")];
  return multipartNames(significantTokens(key))[0]?.parts;
}

/** Binding's view of the known objects (their schemas and names), built once per set of keys. */
function catalogOf(scope: ReferenceScope): NameCatalog {
  let catalog = catalogs.get(scope.known);
  if (catalog === undefined || catalog.databaseName !== scope.databaseName?.toLowerCase()) {
    const objects: { schema: string; name: string; isTable: boolean }[] = [];
    for (const key of scope.known) {
      const parts = keyParts(key);
      if (parts?.length === 2) objects.push({ schema: parts[0]!, name: parts[1]!, isTable: true });
    }
    catalog = makeCatalog({
      schemas: [],
      objects,
      ...(scope.databaseName !== undefined ? { databaseName: scope.databaseName } : {}),
    });
    catalogs.set(scope.known, catalog);
  }
  return catalog;
}

/**
 * Keys of known objects referred to by `sql`. One-part names are resolved against `ownSchema` first and then
 * dbo, as SQL Server resolves them for the owner of the module.
 */
export function findReferences(sql: string, ownSchema: string, scope: ReferenceScope, selfKey?: string): string[] {
  const found = new Set<string>();
  const own = scope.databaseName?.toLowerCase();
  for (const name of bindNames(significantTokens(sql), catalogOf(scope), { defaultSchema: ownSchema })) {
    let parts: string[];
    if (name.role === "object") parts = name.parts;
    // schema.table.column reads the table.
    else if (
      name.role === "column" &&
      name.boundTo === "schema" &&
      name.schema !== undefined &&
      name.object !== undefined
    )
      parts = [name.schema, name.object];
    // `x.y` in an expression that no alias, CTE or table of the statement explains may still name an object.
    else if (name.role === "column" && name.parts.length === 2 && name.boundTo === undefined) parts = name.parts;
    else continue;
    if (parts.length === 3 && (parts[0]!.toLowerCase() === own || parts[0] === "")) parts = parts.slice(1);
    if (parts.length === 2 && parts[0] === "") parts = ["dbo", parts[1]!];
    // The own schema first, then dbo, for a one-part name (no array of candidates per name).
    let hit: string | undefined;
    if (parts.length === 1) {
      hit = schemaObjectKey(ownSchema, parts[0]!);
      if (!scope.known.has(hit)) hit = schemaObjectKey("dbo", parts[0]!);
    } else if (parts.length === 2) hit = schemaObjectKey(parts[0]!, parts[1]!);
    else continue;
    if (scope.known.has(hit) && hit !== selfKey) found.add(hit);
  }
  return [...found].sort();
}
