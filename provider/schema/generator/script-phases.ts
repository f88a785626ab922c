/**
 * The phases of the deployment script, in the order they run (SCRIPT_PHASES at the end). Each phase writes the
 * batches of one group of objects through the BatchWriter, and leaves out (with a reason) what depends on an
 * object already left out; a phase only reads what earlier phases decided, so the order of the list is the
 * order of the script. Every phase walks its objects sorted by key: same model, same script.
 */
import type { Omissions, BatchWriter } from "./batch-writer";
import {
  addCheckConstraint,
  addEdgeConstraint,
  addForeignKey,
  addKeyConstraint,
  createIndex,
  createTable,
  createFulltextIndex,
  createTableType,
  setSystemVersioning,
  sortedIndexes,
  sortedViewIndexes,
} from "./ddl-table";
import {
  addRoleMember,
  alterSchemaOwner,
  createAliasType,
  createFulltextCatalog,
  createPartitionFunction,
  createPartitionScheme,
  createRole,
  createSchema,
  createSecurityPolicy,
  createSequence,
  createSynonym,
  createXmlSchemaCollection,
  createUser,
  databaseOptionStatements,
} from "./ddl-objects";
import { grantPermission } from "./ddl-objects";
import { UnsafeLiteralError } from "./literals";
import { topologicalSort } from "./topo-sort";
import { childObjectKey, qualifiedKey } from "../keys";
import {
  allObjects,
  type DatabaseModel,
  type FunctionDef,
  type IndexDef,
  type SchemaObject,
  type TableDef,
  type ViewDef,
} from "../model";
import { findReferences, type ReferenceScope } from "../references";

/** Schemas and principals every database already has. */
const BUILT_IN_SCHEMAS = new Set(["dbo", "sys", "guest", "INFORMATION_SCHEMA"]);
const BUILT_IN_PRINCIPALS = new Set(["dbo", "guest", "INFORMATION_SCHEMA", "sys", "public"]);

/** What the phases share: the (fixed) model, the writer, what is left out, and plans made by earlier phases. */
export interface ScriptContext {
  model: DatabaseModel;
  out: BatchWriter;
  omit: Omissions;
  /** The tables, sorted by key. */
  tables: TableDef[];
  /** Views and functions: their references and dependency order; set by planModulesPhase. */
  modules?: ModulePlan;
  /** Objects that a fix took out of the model, listed as left out at the end. */
  removedByFixes: { objectKind: string; objectKey: string; reason: string }[];
}

export interface ModulePlan {
  byKey: Map<string, ViewDef | FunctionDef>;
  /** Keys of views and functions, each after what it refers to. */
  order: string[];
  /** Functions that table definitions use, with the functions they call: created before the tables. */
  early: Set<string>;
}

export function newScriptContext(
  model: DatabaseModel,
  out: BatchWriter,
  omit: Omissions,
  removedByFixes: ScriptContext["removedByFixes"],
): ScriptContext {
  return { model, out, omit, tables: byKey(model.tables), removedByFixes };
}

function plannedModules(ctx: ScriptContext): ModulePlan {
  if (ctx.modules === undefined) throw new Error("script phases out of order: views and functions are not planned yet");
  return ctx.modules;
}

function databaseOptionsPhase({ model, out }: ScriptContext): void {
  for (const sql of databaseOptionStatements(model.options)) out.add("DATABASE", "databaseOptions", sql);
}

/** Schemas, XML schema collections (they type xml columns of tables and table types), partitioning, types. */
function schemasAndTypesPhase({ model, out }: ScriptContext): void {
  for (const schema of byKey(model.schemas))
    if (!BUILT_IN_SCHEMAS.has(schema.name)) out.add(schema.key, "schema", () => createSchema(schema));
  for (const xsc of byKey(model.xmlSchemaCollections))
    out.add(xsc.key, "xmlSchemaCollection", () => createXmlSchemaCollection(xsc));
  for (const fn of byKey(model.partitionFunctions))
    out.add(fn.key, "partitionFunction", () => createPartitionFunction(fn));
  for (const ps of byKey(model.partitionSchemes)) out.add(ps.key, "partitionScheme", () => createPartitionScheme(ps));
  const types = byKey(model.types);
  for (const t of types) if (t.kind === "aliasType") out.add(t.key, "aliasType", () => createAliasType(t));
  for (const t of types) if (t.kind === "tableType") out.add(t.key, "tableType", () => createTableType(t));
  for (const seq of byKey(model.sequences)) out.add(seq.key, "sequence", () => createSequence(seq));
}

/**
 * Not a writing phase: views and functions with what they refer to, in dependency order. Omitted tables take down the views and
 * functions that read them, transitively (walking the dependency order does that in one pass).
 */
function planModulesPhase(ctx: ScriptContext): void {
  ctx.modules = planModules(ctx.model, ctx.tables, ctx.omit);
}

function planModules(model: DatabaseModel, tables: TableDef[], omit: Omissions): ModulePlan {
  const modules = [...model.views, ...model.functions];
  const known = new Set([...model.tables, ...modules, ...model.synonyms].map((o) => o.key));
  const scope = { known, ...(model.databaseName !== undefined ? { databaseName: model.databaseName } : {}) };
  const refs = new Map<string, string[]>(
    modules.map((m) => [m.key, findReferences(m.definition, m.schema, scope, m.key)]),
  );
  const byModuleKey = new Map<string, ViewDef | FunctionDef>(modules.map((m) => [m.key, m]));
  const { order } = topologicalSort(
    modules.map((m) => m.key),
    (k) => refs.get(k) ?? [],
  );
  for (const key of order) {
    const gone = (refs.get(key) ?? []).find((r) => omit.isOmittedKey(r));
    if (gone !== undefined) omit.cascade(key, byModuleKey.get(key)!.kind, `depends on ${gone}, which is left out`);
  }
  return { byKey: byModuleKey, order, early: functionsUsedByTables(tables, model.functions, refs, scope) };
}

/** Functions that table definitions use (computed columns, defaults, checks) must exist before the tables. */
function earlyFunctionsPhase(ctx: ScriptContext): void {
  const { out } = ctx;
  const modules = plannedModules(ctx);
  for (const key of modules.order)
    if (modules.early.has(key)) out.add(key, "function", modules.byKey.get(key)!.definition);
}

function tablesPhase({ out, tables }: ScriptContext): void {
  for (const table of tables) out.add(table.key, "table", () => createTable(table));
}

function keyAndCheckConstraintsPhase({ out, tables }: ScriptContext): void {
  for (const table of tables) {
    if (table.isMemoryOptimized || table.isFileTable) continue;
    const keys = [...(table.primaryKey !== undefined ? [table.primaryKey] : []), ...table.uniqueConstraints];
    for (const k of keys)
      out.addChild(table, constraintKey(table, k.name, k.type), "constraint", () => addKeyConstraint(table, k));
    for (const c of table.checkConstraints)
      out.addChild(table, constraintKey(table, c.name, "check"), "constraint", () => addCheckConstraint(table, c));
  }
}

function foreignKeysAndEdgeConstraintsPhase({ out, omit, tables }: ScriptContext): void {
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      const target = qualifiedKey(fk.referencedTable);
      const key = constraintKey(table, fk.name, "foreignKey");
      if (omit.isOmittedKey(target)) omit.cascade(key, "foreignKey", `references ${target}, which is left out`);
      out.addChild(table, key, "foreignKey", () => addForeignKey(table, fk));
    }
    for (const ec of table.edgeConstraints ?? []) {
      const key = constraintKey(table, ec.name, "edge constraint");
      const gone = ec.connections
        .flatMap((x) => [qualifiedKey(x.from), qualifiedKey(x.to)])
        .find((k) => omit.isOmittedKey(k));
      if (gone !== undefined) omit.cascade(key, "constraint", `connects ${gone}, which is left out`);
      out.addChild(table, key, "constraint", () => addEdgeConstraint(table, ec));
    }
  }
}

function tableIndexesPhase({ out, tables }: ScriptContext): void {
  for (const table of tables) {
    if (table.isMemoryOptimized) continue;
    for (const ix of sortedIndexes(table))
      out.addChild(table, childObjectKey(table.schema, table.name, ix.name), "index", () => indexSql(table, ix));
  }
}

/** System versioning last among table DDL: it needs the primary key, and the history table with its indexes. */
function systemVersioningPhase({ out, omit, tables }: ScriptContext): void {
  for (const table of tables) {
    const versioning = table.systemVersioning;
    if (versioning === undefined) continue;
    const key = `${table.key} SYSTEM_VERSIONING`;
    const history = versioning.historyTable !== undefined ? qualifiedKey(versioning.historyTable) : undefined;
    if (history !== undefined && omit.isOmittedKey(history))
      omit.cascade(key, "systemVersioning", `its history table ${history} is left out`);
    out.addChild(table, key, "systemVersioning", () => setSystemVersioning(table, versioning));
  }
}

function synonymsPhase({ model, out }: ScriptContext): void {
  for (const syn of byKey(model.synonyms)) out.add(syn.key, "synonym", () => createSynonym(syn));
}

/** An indexed view's indexes right after it (a view that reads it WITH (NOEXPAND) needs them), clustered first. */
function viewsAndFunctionsPhase(ctx: ScriptContext): void {
  const { out } = ctx;
  const modules = plannedModules(ctx);
  for (const key of modules.order) {
    if (modules.early.has(key)) continue;
    const m = modules.byKey.get(key)!;
    out.add(key, m.kind, m.definition);
    if (m.kind === "view")
      for (const ix of sortedViewIndexes(m))
        out.addChild(m, childObjectKey(m.schema, m.name, ix.name), "index", () => indexSql(m, ix));
  }
}

/** Row-level security: after the predicate functions and the tables they filter. */
function securityPoliciesPhase({ model, out, omit }: ScriptContext): void {
  const functionKeys = new Set(model.functions.map((f) => f.key));
  for (const policy of byKey(model.securityPolicies)) {
    const needs = [
      ...policy.predicates.map((p) => qualifiedKey(p.table)),
      ...policy.predicates.flatMap((p) => findReferences(p.definition, policy.schema, { known: functionKeys })),
    ];
    const gone = needs.find((k) => omit.isOmittedKey(k));
    if (gone !== undefined) omit.cascade(policy.key, "securityPolicy", `depends on ${gone}, which is left out`);
    out.add(policy.key, "securityPolicy", () => createSecurityPolicy(policy));
  }
}

function proceduresPhase({ model, out, omit }: ScriptContext): void {
  for (const proc of byKey(model.procedures)) {
    // Members of a numbered group (p;2) cannot exist without the group's first procedure.
    const groupKey = qualifiedKey(proc);
    if (proc.procedureNumber !== undefined && omit.isOmittedKey(groupKey))
      omit.cascade(proc.key, "procedure", `its numbered group ${groupKey} is left out`);
    out.add(proc.key, "procedure", proc.definition);
  }
}

/** Table triggers, then database triggers; a trigger goes with its table. */
function triggersPhase({ model, out, omit }: ScriptContext): void {
  const triggers = byKey(model.triggers);
  for (const trg of triggers) {
    if (trg.parent !== undefined && omit.isOmittedKey(qualifiedKey(trg.parent)))
      omit.cascade(trg.key, "trigger", `its table ${qualifiedKey(trg.parent)} is left out`);
  }
  for (const trg of triggers.filter((t) => t.scope === "table")) out.add(trg.key, "trigger", trg.definition);
  for (const trg of triggers.filter((t) => t.scope !== "table")) out.add(trg.key, "trigger", trg.definition);
}

function serviceBrokerAndAssembliesPhase({ model, out }: ScriptContext): void {
  for (const q of byKey(model.queues)) out.add(q.key, "queue", q.definition ?? "");
  for (const s of byKey(model.services)) out.add(s.key, "service", s.definition ?? "");
  for (const a of byKey(model.assemblies)) out.add(a.key, "assembly", a.definition ?? "");
}

/** Full-text catalogs, then full-text indexes (after their catalog and their key index). */
function fulltextPhase({ model, out, omit, tables }: ScriptContext): void {
  for (const cat of byKey(model.fulltextCatalogs))
    out.add(cat.key, "fulltextCatalog", () => createFulltextCatalog(cat));
  for (const table of tables) {
    const ft = table.fulltextIndex;
    if (ft === undefined) continue;
    const key = `${table.key} FULLTEXT INDEX`;
    const catalogKey = ft.catalog !== undefined ? `[${ft.catalog.replace(/]/g, "]]")}]` : undefined;
    if (catalogKey !== undefined && omit.isOmittedKey(catalogKey))
      omit.cascade(key, "fulltextIndex", `its catalog ${catalogKey} is left out`);
    out.addChild(table, key, "fulltextIndex", () => createFulltextIndex(table, ft));
  }
}

/** Security starts with users: a role may be owned by a user. */
function usersPhase({ model, out, omit }: ScriptContext): void {
  for (const user of byKey(model.users)) {
    if (BUILT_IN_PRINCIPALS.has(user.name)) continue;
    const sql = createUser(user);
    if (sql === undefined)
      omit.cascade(
        user.key,
        "user",
        "contained user with a password: create it with a password supplied at deployment",
      );
    out.add(user.key, "user", sql ?? "");
  }
}

/** Principal name → key (users and roles): memberships, permissions and schema owners name principals. */
function principalKeys(model: DatabaseModel): Map<string, string> {
  return new Map<string, string>([
    ...model.users.map((u) => [u.name, u.key] as const),
    ...model.roles.map((r) => [r.name, r.key] as const),
  ]);
}

function rolesAndMembershipsPhase({ model, out, omit }: ScriptContext): void {
  const principals = principalKeys(model);
  const roles = byKey(model.roles).filter((r) => !BUILT_IN_PRINCIPALS.has(r.name));
  for (const role of roles) out.add(role.key, "role", () => createRole(role));
  for (const role of roles) {
    for (const member of role.members) {
      const key = `${role.key} MEMBER ${principals.get(member) ?? member}`;
      const memberKey = principals.get(member);
      if (omit.isOmittedKey(role.key) || (memberKey !== undefined && omit.isOmittedKey(memberKey)))
        omit.cascade(key, "roleMember", "its role or member is left out");
      out.add(key, "roleMember", () => addRoleMember(role.name, member));
    }
  }
}

function permissionsPhase({ model, out, omit }: ScriptContext): void {
  const principals = principalKeys(model);
  for (const p of byKey(model.permissions)) {
    const principalKey = principals.get(p.principal);
    const objectKey = p.securable.class === "object" ? qualifiedKey(p.securable) : undefined;
    if (
      (principalKey !== undefined && omit.isOmittedKey(principalKey)) ||
      (objectKey !== undefined && omit.isOmittedKey(objectKey))
    ) {
      omit.cascade(p.key, "permission", "its principal or object is left out");
    }
    out.add(p.key, "permission", () => grantPermission(p));
  }
}

/** The owner must exist: a left-out owner (a Windows user...) leaves the schema owned by dbo, and says so. */
function schemaOwnersPhase({ model, out, omit }: ScriptContext): void {
  const principals = principalKeys(model);
  for (const schema of byKey(model.schemas)) {
    const sql = alterSchemaOwner(schema);
    if (sql === undefined || BUILT_IN_SCHEMAS.has(schema.name)) continue;
    const ownerKey = schema.owner !== undefined ? principals.get(schema.owner) : undefined;
    if (ownerKey !== undefined && omit.isOmittedKey(ownerKey))
      omit.cascade(`${schema.key} OWNER`, "schemaOwner", `its owner ${ownerKey} is left out`);
    out.add(`${schema.key} OWNER`, "schemaOwner", sql);
  }
}

/** Loose statements keep their source order: they are scripts, and order is their meaning. */
function looseStatementsPhase({ model, out, omit }: ScriptContext): void {
  for (const s of model.statements) {
    if (isSessionSetting(s.firstWords)) {
      omit.note(s.key, "statement", "session SET statement; the deployment sets its own session options");
      continue;
    }
    out.add(s.key, "statement", s.sql);
  }
}

/**
 * Nothing leaves silently: server-level objects (never part of a database script; AZSQL012 reports them), what
 * the fixes removed, and any object no phase above wrote, are listed with why.
 */
function notScriptedPhase({ model, out, omit, removedByFixes }: ScriptContext): void {
  for (const s of byKey(model.serverObjects))
    omit.note(s.key, "serverObject", "server-level object; not part of a database script");
  for (const r of removedByFixes) omit.note(r.objectKey, r.objectKind, r.reason);
  for (const o of allObjects(model)) {
    if (out.wrote(o.kind, o.key) || omit.isOmitted(o.kind, o.key) || isBuiltIn(o)) continue;
    omit.note(o.key, o.kind, notScriptedReason(o));
  }
}

/** The phases in script order. */
export const SCRIPT_PHASES: readonly ((ctx: ScriptContext) => void)[] = [
  databaseOptionsPhase,
  schemasAndTypesPhase,
  planModulesPhase,
  earlyFunctionsPhase,
  tablesPhase,
  keyAndCheckConstraintsPhase,
  foreignKeysAndEdgeConstraintsPhase,
  tableIndexesPhase,
  systemVersioningPhase,
  synonymsPhase,
  viewsAndFunctionsPhase,
  securityPoliciesPhase,
  proceduresPhase,
  triggersPhase,
  serviceBrokerAndAssembliesPhase,
  fulltextPhase,
  usersPhase,
  rolesAndMembershipsPhase,
  permissionsPhase,
  schemaOwnersPhase,
  looseStatementsPhase,
  notScriptedPhase,
];

/** Loose statements that set session options (SET ANSI_NULLS ON...); the deployment sets its own. */
function isSessionSetting(firstWords: string): boolean {
  return firstWords === "SET" || firstWords.startsWith("SET ");
}

/** Schemas and principals every database has: not written, and not missing either. */
function isBuiltIn(o: SchemaObject): boolean {
  if (o.kind === "schema") return BUILT_IN_SCHEMAS.has(o.name);
  if (o.kind === "user" || o.kind === "role") return BUILT_IN_PRINCIPALS.has(o.name);
  return false;
}

/** Why an object that no phase of the generator wrote is not in the script. */
function notScriptedReason(o: SchemaObject): string {
  if (o.kind === "filegroup") {
    return o.type === "memoryOptimized"
      ? "MEMORY_OPTIMIZED_DATA filegroup: Azure SQL Database provides in-memory storage itself; not scripted"
      : "filegroup: Azure SQL Database manages its files and filegroups; not scripted";
  }
  return `not scripted: the generator writes no ${o.kind} objects, or this one has no definition to write`;
}

/** CREATE INDEX for a table's or a view's index; an index that cannot be written is left out with its reason. */
function indexSql(owner: TableDef | ViewDef, ix: IndexDef): string {
  const sql = createIndex(owner, ix);
  if (sql === undefined) throw new UnsafeLiteralError("index definition", ix.name);
  return sql;
}

function constraintKey(table: TableDef, name: string | undefined, type: string): string {
  return name !== undefined ? childObjectKey(table.schema, table.name, name) : `${table.key} (unnamed ${type})`;
}

function byKey<T extends { key: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Functions referenced from computed columns, defaults or check constraints, with the functions they call. */
function functionsUsedByTables(
  tables: TableDef[],
  functions: FunctionDef[],
  refs: Map<string, string[]>,
  scope: ReferenceScope,
): Set<string> {
  const functionKeys = new Set(functions.map((f) => f.key));
  const mayNameFunction = functionNameFilter(functions);
  const early = new Set<string>();
  const visit = (key: string): void => {
    if (early.has(key) || !functionKeys.has(key)) return;
    early.add(key);
    for (const r of refs.get(key) ?? []) visit(r);
  };
  const visitExpression = (expr: string | undefined, table: TableDef): void => {
    if (expr === undefined || expr === "" || !mayNameFunction(expr)) return;
    for (const r of findReferences(expr, table.schema, scope)) visit(r);
  };
  // Computed columns, then defaults, then checks (the order functions are found in does not matter: a set).
  for (const table of tables) {
    for (const c of table.columns) visitExpression(c.computed?.definition, table);
    for (const c of table.columns) visitExpression(c.default?.definition, table);
    for (const c of table.checkConstraints) visitExpression(c.definition, table);
  }
  return early;
}

/** Words of an expression as the filter below sees them: identifier characters, in or out of brackets or quotes. */
const WORDS = /[\p{L}\p{N}_@#$]+/gu;

/**
 * A quick test that an expression cannot name any of the functions, so findReferences (tokenizing and binding)
 * runs only on expressions that may: a reference names the function's last part, so one of the expression's
 * words is that name, whatever the case. Most defaults and checks (`(0)`, `([Amount]>=(0))`, `(getdate())`)
 * name none; on a 50k-object catalog this was a fifth of script generation. Function names that are not one
 * word (spaces, dots, brackets in the name) turn the filter off.
 */
function functionNameFilter(functions: readonly FunctionDef[]): (expression: string) => boolean {
  const names = new Set<string>();
  for (const f of functions) {
    const lower = f.name.toLowerCase();
    if (lower.match(WORDS)?.[0] !== lower) return () => true;
    names.add(lower);
  }
  if (names.size === 0) return () => false;
  return (expression) => {
    for (const word of expression.match(WORDS) ?? []) if (names.has(word.toLowerCase())) return true;
    return false;
  };
}
