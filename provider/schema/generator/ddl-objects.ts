/** DDL for the objects that are not tables: schemas, types, sequences, synonyms, partitioning, security, options. */
import { formatDataType } from "../data-types";
import type {
  AliasTypeDef,
  DatabaseOptions,
  FulltextCatalogDef,
  PartitionFunctionDef,
  PartitionSchemeDef,
  PermissionDef,
  RoleDef,
  SchemaDef,
  SecurityPolicyDef,
  SequenceDef,
  XmlSchemaCollectionDef,
  SynonymDef,
  UserDef,
} from "../model";
import { quoteName, quoteParts } from "../quote";
import { significantTokens } from "../tokenizer";
import { checkedBoundary, checkedNumber, checkedPermission, checkedTypeText, UnsafeLiteralError } from "./literals";

export function createSchema(schema: SchemaDef): string {
  // A non-dbo owner may be a user created later; ownership is transferred in the security phase.
  return `CREATE SCHEMA ${quoteName(schema.name)}`;
}

export function alterSchemaOwner(schema: SchemaDef): string | undefined {
  if (schema.owner === undefined || schema.owner === "dbo") return undefined;
  return `ALTER AUTHORIZATION ON SCHEMA::${quoteName(schema.name)} TO ${quoteName(schema.owner)}`;
}

export function createAliasType(type: AliasTypeDef): string {
  const base = formatDataType({
    typeName: type.baseType,
    maxLength: type.maxLength,
    precision: type.precision,
    scale: type.scale,
  });
  return `CREATE TYPE ${quoteParts(type.schema, type.name)} FROM ${base} ${type.isNullable ? "NULL" : "NOT NULL"}`;
}

export function createSequence(seq: SequenceDef): string {
  const parts = [
    `CREATE SEQUENCE ${quoteParts(seq.schema, seq.name)} AS ${formatDataType({ typeName: seq.typeName, maxLength: 0, precision: 18, scale: 0 })}`,
  ];
  parts.push(`START WITH ${checkedNumber(seq.startValue)}`, `INCREMENT BY ${checkedNumber(seq.increment)}`);
  parts.push(seq.minValue !== undefined ? `MINVALUE ${checkedNumber(seq.minValue)}` : "NO MINVALUE");
  parts.push(seq.maxValue !== undefined ? `MAXVALUE ${checkedNumber(seq.maxValue)}` : "NO MAXVALUE");
  parts.push(seq.isCycling ? "CYCLE" : "NO CYCLE");
  if (seq.cacheSize === 0) parts.push("NO CACHE");
  else if (seq.cacheSize !== undefined) parts.push(`CACHE ${checkedNumber(String(seq.cacheSize))}`);
  return parts.join(" ");
}

/** sys.synonyms keeps the base name bracket-quoted; it is re-read part by part and quoted again. */
export function createSynonym(syn: SynonymDef): string {
  const parts: string[] = [];
  let expectName = true;
  for (const t of significantTokens(syn.baseObjectName)) {
    if (t.text === ".") {
      if (expectName) parts.push("");
      expectName = true;
    } else if ((t.type === "quotedIdentifier" || t.type === "identifier") && expectName) {
      parts.push(quoteName(t.value));
      expectName = false;
    } else {
      throw new UnsafeLiteralError("synonym base object name", syn.baseObjectName);
    }
  }
  return `CREATE SYNONYM ${quoteParts(syn.schema, syn.name)} FOR ${parts.join(".")}`;
}

export function createPartitionFunction(fn: PartitionFunctionDef): string {
  return `CREATE PARTITION FUNCTION ${quoteName(fn.name)} (${checkedTypeText(fn.parameterType)}) AS RANGE ${fn.rangeType} FOR VALUES (${fn.boundaries.map(checkedBoundary).join(", ")})`;
}

export function createPartitionScheme(ps: PartitionSchemeDef): string {
  const to = ps.all
    ? `ALL TO (${quoteName(ps.filegroups[0] ?? "PRIMARY")})`
    : `TO (${ps.filegroups.map(quoteName).join(", ")})`;
  return `CREATE PARTITION SCHEME ${quoteName(ps.name)} AS PARTITION ${quoteName(ps.functionName)} ${to}`;
}

export function createFulltextCatalog(cat: FulltextCatalogDef): string {
  return `CREATE FULLTEXT CATALOG ${quoteName(cat.name)}${cat.isDefault ? " AS DEFAULT" : ""}`;
}

/** CREATE USER for the authentication types Azure SQL Database accepts; undefined when it cannot be scripted. */
export function createUser(user: UserDef): string | undefined {
  const schema = user.defaultSchema !== undefined ? ` WITH DEFAULT_SCHEMA = ${quoteName(user.defaultSchema)}` : "";
  switch (user.authentication) {
    case "external":
      return `CREATE USER ${quoteName(user.name)} FROM EXTERNAL PROVIDER${schema}`;
    case "withoutLogin":
      return `CREATE USER ${quoteName(user.name)} WITHOUT LOGIN${schema}`;
    case "sql":
    case "windows":
      // A contained user's password is not in the model, so it cannot be scripted here.
      if (user.hasPassword === true) return undefined;
      return `CREATE USER ${quoteName(user.name)} FOR LOGIN ${quoteName(user.loginName ?? user.name)}${schema}`;
  }
}

export function createRole(role: RoleDef): string {
  return `CREATE ROLE ${quoteName(role.name)}${role.owner !== undefined && role.owner !== "dbo" ? ` AUTHORIZATION ${quoteName(role.owner)}` : ""}`;
}

export function addRoleMember(role: string, member: string): string {
  return `ALTER ROLE ${quoteName(role)} ADD MEMBER ${quoteName(member)}`;
}

export function grantPermission(p: PermissionDef): string {
  const verb = p.state === "DENY" ? "DENY" : "GRANT";
  const on =
    p.securable.class === "database"
      ? ""
      : p.securable.class === "schema"
        ? ` ON SCHEMA::${quoteName(p.securable.name)}`
        : ` ON OBJECT::${quoteParts(p.securable.schema, p.securable.name)}`;
  return `${verb} ${checkedPermission(p.permission)}${on} TO ${quoteName(p.principal)}${p.state === "GRANT_WITH_GRANT_OPTION" ? " WITH GRANT OPTION" : ""}`;
}

/** The options Azure SQL Database lets a database set, as ALTER DATABASE CURRENT statements. */
export function databaseOptionStatements(o: DatabaseOptions): string[] {
  const out: string[] = [];
  if (o.compatibilityLevel !== undefined && o.compatibilityLevel >= 100)
    out.push(`ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = ${checkedNumber(String(o.compatibilityLevel))}`);
  if (o.isReadCommittedSnapshotOn !== undefined)
    out.push(`ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ${o.isReadCommittedSnapshotOn ? "ON" : "OFF"}`);
  if (o.allowSnapshotIsolation !== undefined)
    out.push(`ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ${o.allowSnapshotIsolation ? "ON" : "OFF"}`);
  return out;
}

/**
 * The predicate function call of a security predicate, without the catalog's outer parentheses, after checking
 * that it is nothing but `[schema].[function](arguments)`: it is source code emitted as it is, like a check
 * constraint, but its shape is fixed, so anything else is refused.
 */
function predicateCall(definition: string): string {
  const tokens = significantTokens(definition);
  let start = 0;
  let end = tokens.length;
  while (
    tokens[start]?.text === "(" &&
    tokens[end - 1]?.text === ")" &&
    wrapsAll(tokens.slice(start, end).map((t) => t.text))
  ) {
    start++;
    end--;
  }
  let i = start;
  const isName = (k: number): boolean => tokens[k]?.type === "quotedIdentifier" || tokens[k]?.type === "identifier";
  if (!isName(i)) throw new UnsafeLiteralError("security predicate", definition);
  i++;
  while (tokens[i]?.text === "." && isName(i + 1)) i += 2;
  if (tokens[i]?.text !== "(" || tokens[end - 1]?.text !== ")" || !wrapsAll(tokens.slice(i, end).map((t) => t.text)))
    throw new UnsafeLiteralError("security predicate", definition);
  return definition.slice(tokens[start]!.start, tokens[end - 1]!.end);
}

/** True when the first "(" closes at the last token. */
function wrapsAll(texts: string[]): boolean {
  let depth = 0;
  for (let i = 0; i < texts.length; i++) {
    if (texts[i] === "(") depth++;
    else if (texts[i] === ")" && --depth === 0 && i < texts.length - 1) return false;
  }
  return depth === 0;
}

export function createSecurityPolicy(policy: SecurityPolicyDef): string {
  const predicates = policy.predicates.map(
    (p) =>
      `ADD ${p.type} PREDICATE ${predicateCall(p.definition)} ON ${quoteParts(p.table.schema, p.table.name)}${p.operation !== undefined ? ` ${p.operation}` : ""}`,
  );
  const options = `WITH (STATE = ${policy.isEnabled ? "ON" : "OFF"}, SCHEMABINDING = ${policy.isSchemaBound ? "ON" : "OFF"})`;
  return `CREATE SECURITY POLICY ${quoteParts(policy.schema, policy.name)}\n    ${predicates.join(",\n    ")}\n    ${options}${policy.notForReplication === true ? " NOT FOR REPLICATION" : ""}`;
}

/**
 * CREATE XML SCHEMA COLLECTION with its first document, then ALTER ... ADD for each further one. The documents go
 * in Unicode literals, so an XML declaration naming another encoding (`<?xml ... encoding="UTF-8"?>`, which SQL
 * Server refuses in an nvarchar string) is left out; SQL Server does not keep declarations anyway.
 */
export function createXmlSchemaCollection(collection: XmlSchemaCollectionDef): string {
  const name = quoteParts(collection.schema, collection.name);
  const literal = (xsd: string): string => `N'${xsd.replace(/^\s*<\?xml[^?]*\?>\s*/, "").replace(/'/g, "''")}'`;
  const [first, ...more] = collection.schemas;
  if (first === undefined) throw new UnsafeLiteralError("XML schema collection without a schema", collection.name);
  return [
    `CREATE XML SCHEMA COLLECTION ${name} AS ${literal(first)}`,
    ...more.map((xsd) => `ALTER XML SCHEMA COLLECTION ${name} ADD ${literal(xsd)}`),
  ].join(";\n");
}
