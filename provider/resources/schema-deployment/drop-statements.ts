/**
 * DROP statements for objects the target has and the source does not, used only with dropExtraObjects.
 * They are built from the object's key (so a recorded plan can be rebuilt when a failed run resumes), every
 * name bracket-quoted; kinds without a safe DROP here (permissions, assemblies, Service Broker objects,
 * numbered procedures, ...) are never dropped automatically.
 */
import { quoteName, quoteParts } from "../../schema";
import { keyParts } from "./key-parts";

/** Drop order: what depends on others goes first (triggers before tables, tables before types and schemas). */
const DROP_ORDER: Record<string, number> = {
  // A security policy binds its predicate functions and tables: it goes before them.
  securityPolicy: -1,
  trigger: 0,
  procedure: 1,
  view: 2,
  function: 3,
  synonym: 4,
  table: 5,
  sequence: 6,
  tableType: 7,
  aliasType: 7,
  role: 8,
  user: 9,
  schema: 10,
};

const SCHEMA_SCOPED: Record<string, string> = {
  table: "TABLE",
  view: "VIEW",
  function: "FUNCTION",
  procedure: "PROCEDURE",
  sequence: "SEQUENCE",
  synonym: "SYNONYM",
  aliasType: "TYPE",
  tableType: "TYPE",
  securityPolicy: "SECURITY POLICY",
};

const DATABASE_SCOPED: Record<string, string> = { schema: "SCHEMA", user: "USER", role: "ROLE" };

/** The DROP statement for the object of this kind and key, or undefined when it is not dropped automatically. */
export function dropStatement(kind: string, key: string): string | undefined {
  const parts = keyParts(key);
  // Anything that does not read back as a plain key (numbered procedures `[s].[p];2`, ...) is left alone.
  if (parts.map(quoteName).join(".") !== key) return undefined;
  if (kind === "trigger") {
    if (parts.length === 2) return `DROP TRIGGER ${quoteParts(parts[0]!, parts[1]!)}`;
    if (parts.length === 1) return `DROP TRIGGER ${quoteName(parts[0]!)} ON DATABASE`;
    return undefined;
  }
  if (SCHEMA_SCOPED[kind] !== undefined && parts.length === 2)
    return `DROP ${SCHEMA_SCOPED[kind]} ${quoteParts(parts[0]!, parts[1]!)}`;
  if (DATABASE_SCOPED[kind] !== undefined && parts.length === 1)
    return `DROP ${DATABASE_SCOPED[kind]} ${quoteName(parts[0]!)}`;
  return undefined;
}

export function dropRank(kind: string): number {
  return DROP_ORDER[kind] ?? 99;
}
