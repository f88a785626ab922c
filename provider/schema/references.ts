/**
 * Which model objects a piece of T-SQL refers to, found with the tokenizer (so names in comments and strings
 * do not count). Used to order views and functions, and to know what an omitted object takes down with it.
 */
import { schemaObjectKey } from "./keys";
import { multipartNames } from "./assessment/scan";
import { significantTokens } from "./tokenizer";

export interface ReferenceScope {
  /** Keys of the objects that can be referred to. */
  known: ReadonlySet<string>;
  /** The current database, so `ThisDb.dbo.T` resolves to `[dbo].[T]`. */
  databaseName?: string;
}

/**
 * Keys of known objects referred to by `sql`. One-part names are resolved against `ownSchema` first and then
 * dbo, as SQL Server resolves them for the owner of the module.
 */
export function findReferences(sql: string, ownSchema: string, scope: ReferenceScope, selfKey?: string): string[] {
  const found = new Set<string>();
  const own = scope.databaseName?.toLowerCase();
  for (const ref of multipartNames(significantTokens(sql))) {
    let parts = ref.parts;
    if (parts.length === 3 && (parts[0]!.toLowerCase() === own || parts[0] === "")) parts = parts.slice(1);
    if (parts.length === 2 && parts[0] === "") parts = ["dbo", parts[1]!];
    let candidates: string[];
    if (parts.length === 1) candidates = [schemaObjectKey(ownSchema, parts[0]!), schemaObjectKey("dbo", parts[0]!)];
    else if (parts.length === 2) candidates = [schemaObjectKey(parts[0]!, parts[1]!)];
    else continue;
    const hit = candidates.find((k) => scope.known.has(k));
    if (hit !== undefined && hit !== selfKey) found.add(hit);
  }
  return [...found].sort();
}
