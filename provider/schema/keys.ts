/**
 * Stable keys of model objects. Keys are built from bracket-quoted names so that they read like T-SQL and stay
 * unambiguous even when a name contains a dot or a bracket.
 */
import { quoteName } from "./quote";
import type { PermissionDef, QualifiedName } from "./model";

/** `[schema].[name]` for tables, views, modules, types, sequences, synonyms and queues. */
export function schemaObjectKey(schema: string, name: string): string {
  return `${quoteName(schema)}.${quoteName(name)}`;
}

/** `[name]` for schemas, users, roles, assemblies, services, database/server triggers and server objects. */
export function databaseObjectKey(name: string): string {
  return quoteName(name);
}

export function qualifiedKey(name: QualifiedName): string {
  return schemaObjectKey(name.schema, name.name);
}

/** Key of a constraint or index inside a table: `[schema].[table].[name]`. */
export function childObjectKey(schema: string, table: string, name: string): string {
  return `${schemaObjectKey(schema, table)}.${quoteName(name)}`;
}

/** `GRANT SELECT ON [Sales].[Orders] TO [Reader]` — one permission per key. */
export function permissionKey(p: Pick<PermissionDef, "state" | "permission" | "securable" | "principal">): string {
  const on =
    p.securable.class === "database"
      ? "DATABASE"
      : p.securable.class === "schema"
        ? `SCHEMA::${quoteName(p.securable.name)}`
        : schemaObjectKey(p.securable.schema, p.securable.name);
  return `${p.state} ${p.permission} ON ${on} TO ${quoteName(p.principal)}`;
}

/**
 * Key of a loose statement: where it was read, so two identical statements stay distinct. `file:line` names the
 * first statement kept from a line (the key every such statement had before columns were added, so a deployment
 * that recorded it as run does not run it again); another statement starting on the same line — `GRANT ...; EXEC
 * ...` — adds the column of its first token, `file:line:column`, which no other statement of the file can share.
 * Both depend only on the file's text, so a file read again gives the same keys.
 */
export function statementKey(file: string, line: number, column?: number): string {
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** `LOGIN [name]`, `ENDPOINT [name]`: server objects of different types may share a name. */
export function serverObjectKey(serverObjectType: string, name: string): string {
  return `${serverObjectType} ${quoteName(name)}`;
}
