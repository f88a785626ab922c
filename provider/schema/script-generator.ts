/**
 * Generates a deterministic Azure SQL Database deployment script from a model:
 *   database options → schemas → XML schema collections → partitioning → types → sequences → functions used by
 *   tables → tables (no foreign keys) → primary key / unique / check constraints → foreign keys and edge
 *   constraints → indexes → system versioning → synonyms → views and functions (topologically sorted by their
 *   references; an indexed view's unique clustered index, then its nonclustered ones, right after it) → security
 *   policies → procedures → triggers → fulltext catalogs and indexes → users, roles, memberships, permissions,
 *   schema owners → remaining statements.
 *
 * The assessment's safe fixes are applied to a copy of the model first and listed. Objects with blocking
 * findings that have no fix are left out (with whatever depends on them) and listed, unless includeBlocked.
 * Same input, same output, byte for byte: every phase is ordered by key, never by discovery order.
 */
import { assess } from "./assessment/assess";
import { ASSESSMENT_RULES } from "./assessment/rules";
import type { AssessOptions, Finding } from "./assessment/types";
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
} from "./generator/ddl-table";
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
  grantPermission,
} from "./generator/ddl-objects";
import { cloneJson } from "./generator/clone";
import { UnsafeLiteralError } from "./generator/literals";
import { topologicalSort } from "./generator/topo-sort";
import { childObjectKey, qualifiedKey } from "./keys";
import {
  allObjects,
  type DatabaseModel,
  type FunctionDef,
  type IndexDef,
  type ObjectKind,
  type SchemaObject,
  type TableDef,
  type ViewDef,
} from "./model";
import { findReferences } from "./references";

/** What a batch creates. Constraint, index and membership batches name their own kind. */
export type BatchKind =
  | ObjectKind
  | "databaseOptions"
  | "constraint"
  | "foreignKey"
  | "index"
  | "systemVersioning"
  | "fulltextIndex"
  | "roleMember"
  | "schemaOwner";

export interface ScriptBatch {
  objectKey: string;
  kind: BatchKind;
  sql: string;
}

export interface AppliedFix {
  ruleId: string;
  description: string;
  /** Objects whose findings the fix resolved. */
  objectKeys: string[];
}

export interface Blocker {
  ruleId: string;
  objectKind: string;
  objectKey: string;
  message: string;
  /** True when the object was left out of the script because of it. */
  omitted: boolean;
}

export interface OmittedObject {
  objectKind: string;
  objectKey: string;
  reason: string;
}

export interface GeneratedScript {
  batches: ScriptBatch[];
  /** The batches joined with GO separators. */
  script: string;
  appliedFixes: AppliedFix[];
  blockers: Blocker[];
  omitted: OmittedObject[];
  /**
   * The model after the fixes: what the script deploys (left-out objects aside). Compare a deployed database
   * against this, not against the source, when looking for anomalies.
   */
  fixedModel: DatabaseModel;
}

export interface GenerateOptions {
  /** Apply the assessment's safe fixes (default true). */
  applyFixes?: boolean;
  /** Keep objects that have unfixable blocking findings (default false: leave them out and list them). */
  includeBlocked?: boolean;
  assess?: AssessOptions;
}

/** Schemas and principals every database already has. */
const BUILT_IN_SCHEMAS = new Set(["dbo", "sys", "guest", "INFORMATION_SCHEMA"]);
const BUILT_IN_PRINCIPALS = new Set(["dbo", "guest", "INFORMATION_SCHEMA", "sys", "public"]);

/** Loose statements that set session options (SET ANSI_NULLS ON...); the deployment sets its own. */
function isSessionSetting(firstWords: string): boolean {
  return firstWords === "SET" || firstWords.startsWith("SET ");
}

export function generateScript(source: DatabaseModel, options: GenerateOptions = {}): GeneratedScript {
  // The model is plain JSON by contract: copy its objects and arrays, share its (immutable) strings.
  const model = cloneJson(source);
  const before = assess(model, options.assess);
  const appliedFixes: AppliedFix[] = [];
  // Objects a fix takes out of the model (USE statements, server objects, extra filegroups...) are listed too.
  const removedByFixes: OmittedObject[] = [];
  if (options.applyFixes !== false) {
    for (const rule of ASSESSMENT_RULES) {
      const fixed = before.findings.filter((f) => f.ruleId === rule.id);
      if (rule.fix === undefined || fixed.length === 0) continue;
      const held = allObjects(model);
      rule.fix.apply(model);
      const kept = new Set(allObjects(model));
      for (const o of held)
        if (!kept.has(o))
          removedByFixes.push({
            objectKind: o.kind,
            objectKey: o.key,
            reason: `${rule.id} fix: ${rule.fix.description}`,
          });
      appliedFixes.push({
        ruleId: rule.id,
        description: rule.fix.description,
        objectKeys: [...new Set(fixed.map((f) => f.objectKey))].sort(),
      });
    }
  }
  // What the fixes did not resolve. Re-running the assessment would give the same answer at twice the cost:
  // a fix only removes its own rule's findings, and objects it deleted take their other findings with them.
  const fixedRules = new Set(appliedFixes.map((f) => f.ruleId));
  const present = new Set(allObjects(model).map((o) => `${o.kind} ${o.key}`));
  const remaining = before.findings.filter(
    (f) => !fixedRules.has(f.ruleId) && (f.objectKind === "database" || present.has(`${f.objectKind} ${f.objectKey}`)),
  );
  const blocking = remaining.filter((f) => f.severity === "blocking");
  const omit = new Omissions(options.includeBlocked === true ? [] : blocking);
  const out = new BatchWriter(omit);

  for (const sql of databaseOptionStatements(model.options)) out.add("DATABASE", "databaseOptions", sql);

  for (const schema of byKey(model.schemas))
    if (!BUILT_IN_SCHEMAS.has(schema.name)) out.add(schema.key, "schema", () => createSchema(schema));
  // XML schema collections type xml columns of tables and table types: before both.
  for (const xsc of byKey(model.xmlSchemaCollections))
    out.add(xsc.key, "xmlSchemaCollection", () => createXmlSchemaCollection(xsc));
  for (const fn of byKey(model.partitionFunctions))
    out.add(fn.key, "partitionFunction", () => createPartitionFunction(fn));
  for (const ps of byKey(model.partitionSchemes)) out.add(ps.key, "partitionScheme", () => createPartitionScheme(ps));
  const types = byKey(model.types);
  for (const t of types) if (t.kind === "aliasType") out.add(t.key, "aliasType", () => createAliasType(t));
  for (const t of types) if (t.kind === "tableType") out.add(t.key, "tableType", () => createTableType(t));
  for (const seq of byKey(model.sequences)) out.add(seq.key, "sequence", () => createSequence(seq));

  // Views and functions, with what they refer to.
  const modules = [...model.views, ...model.functions];
  const known = new Set([...model.tables, ...modules, ...model.synonyms].map((o) => o.key));
  const scope = { known, ...(model.databaseName !== undefined ? { databaseName: model.databaseName } : {}) };
  const refs = new Map<string, string[]>(
    modules.map((m) => [m.key, findReferences(m.definition, m.schema, scope, m.key)]),
  );
  const tables = byKey(model.tables);

  const byModuleKey = new Map<string, ViewDef | FunctionDef>(modules.map((m) => [m.key, m]));
  // Omitted tables take down the views and functions that read them, transitively (in dependency order).
  const moduleOrder = topologicalSort(
    modules.map((m) => m.key),
    (k) => refs.get(k) ?? [],
  );
  for (const key of moduleOrder.order) {
    const gone = (refs.get(key) ?? []).find((r) => omit.isOmittedKey(r));
    if (gone !== undefined) omit.cascade(key, byModuleKey.get(key)!.kind, `depends on ${gone}, which is left out`);
  }

  // Functions that table definitions use (computed columns, defaults, checks) must exist before the tables.
  const early = functionsUsedByTables(tables, model.functions, refs, scope);
  for (const key of moduleOrder.order) if (early.has(key)) out.add(key, "function", byModuleKey.get(key)!.definition);

  for (const table of tables) out.add(table.key, "table", () => createTable(table));
  for (const table of tables) {
    if (table.isMemoryOptimized || table.isFileTable) continue;
    const keys = [...(table.primaryKey !== undefined ? [table.primaryKey] : []), ...table.uniqueConstraints];
    for (const k of keys)
      out.addChild(table, constraintKey(table, k.name, k.type), "constraint", () => addKeyConstraint(table, k));
    for (const c of table.checkConstraints)
      out.addChild(table, constraintKey(table, c.name, "check"), "constraint", () => addCheckConstraint(table, c));
  }
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
  for (const table of tables) {
    if (table.isMemoryOptimized) continue;
    for (const ix of sortedIndexes(table))
      out.addChild(table, childObjectKey(table.schema, table.name, ix.name), "index", () => indexSql(table, ix));
  }
  // System versioning last among table DDL: it needs the primary key, and the history table with its indexes.
  for (const table of tables) {
    const versioning = table.systemVersioning;
    if (versioning === undefined) continue;
    const key = `${table.key} SYSTEM_VERSIONING`;
    const history = versioning.historyTable !== undefined ? qualifiedKey(versioning.historyTable) : undefined;
    if (history !== undefined && omit.isOmittedKey(history))
      omit.cascade(key, "systemVersioning", `its history table ${history} is left out`);
    out.addChild(table, key, "systemVersioning", () => setSystemVersioning(table, versioning));
  }
  for (const syn of byKey(model.synonyms)) out.add(syn.key, "synonym", () => createSynonym(syn));
  for (const key of moduleOrder.order) {
    if (early.has(key)) continue;
    const m = byModuleKey.get(key)!;
    out.add(key, m.kind, m.definition);
    // An indexed view's indexes right after it (a view that reads it WITH (NOEXPAND) needs them), clustered first.
    if (m.kind === "view")
      for (const ix of sortedViewIndexes(m))
        out.addChild(m, childObjectKey(m.schema, m.name, ix.name), "index", () => indexSql(m, ix));
  }
  // Row-level security: after the predicate functions and the tables they filter.
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
  for (const proc of byKey(model.procedures)) {
    // Members of a numbered group (p;2) cannot exist without the group's first procedure.
    const groupKey = qualifiedKey(proc);
    if (proc.procedureNumber !== undefined && omit.isOmittedKey(groupKey))
      omit.cascade(proc.key, "procedure", `its numbered group ${groupKey} is left out`);
    out.add(proc.key, "procedure", proc.definition);
  }
  const triggers = byKey(model.triggers);
  for (const trg of triggers) {
    if (trg.parent !== undefined && omit.isOmittedKey(qualifiedKey(trg.parent)))
      omit.cascade(trg.key, "trigger", `its table ${qualifiedKey(trg.parent)} is left out`);
  }
  for (const trg of triggers.filter((t) => t.scope === "table")) out.add(trg.key, "trigger", trg.definition);
  for (const trg of triggers.filter((t) => t.scope !== "table")) out.add(trg.key, "trigger", trg.definition);
  for (const q of byKey(model.queues)) out.add(q.key, "queue", q.definition ?? "");
  for (const s of byKey(model.services)) out.add(s.key, "service", s.definition ?? "");
  for (const a of byKey(model.assemblies)) out.add(a.key, "assembly", a.definition ?? "");
  for (const cat of byKey(model.fulltextCatalogs))
    out.add(cat.key, "fulltextCatalog", () => createFulltextCatalog(cat));
  // Full-text indexes: after their catalog and their key index.
  for (const table of tables) {
    const ft = table.fulltextIndex;
    if (ft === undefined) continue;
    const key = `${table.key} FULLTEXT INDEX`;
    const catalogKey = ft.catalog !== undefined ? `[${ft.catalog.replace(/]/g, "]]")}]` : undefined;
    if (catalogKey !== undefined && omit.isOmittedKey(catalogKey))
      omit.cascade(key, "fulltextIndex", `its catalog ${catalogKey} is left out`);
    out.addChild(table, key, "fulltextIndex", () => createFulltextIndex(table, ft));
  }

  // Security: users, then roles (a role may be owned by a user), then memberships and permissions.
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
  const principals = new Map<string, string>([
    ...model.users.map((u) => [u.name, u.key] as const),
    ...model.roles.map((r) => [r.name, r.key] as const),
  ]);
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
  for (const schema of byKey(model.schemas)) {
    const sql = alterSchemaOwner(schema);
    if (sql === undefined || BUILT_IN_SCHEMAS.has(schema.name)) continue;
    // The owner must exist: a left-out owner (a Windows user...) leaves the schema owned by dbo, and says so.
    const ownerKey = schema.owner !== undefined ? principals.get(schema.owner) : undefined;
    if (ownerKey !== undefined && omit.isOmittedKey(ownerKey))
      omit.cascade(`${schema.key} OWNER`, "schemaOwner", `its owner ${ownerKey} is left out`);
    out.add(`${schema.key} OWNER`, "schemaOwner", sql);
  }

  // Loose statements keep their source order: they are scripts, and order is their meaning.
  for (const s of model.statements) {
    if (isSessionSetting(s.firstWords)) {
      omit.note(s.key, "statement", "session SET statement; the deployment sets its own session options");
      continue;
    }
    out.add(s.key, "statement", s.sql);
  }

  // Server-level objects are never part of a database script (AZSQL012 reports them).
  for (const s of byKey(model.serverObjects))
    omit.note(s.key, "serverObject", "server-level object; not part of a database script");

  // Nothing leaves silently: what the fixes removed, and any object no phase above wrote, is listed with why.
  for (const r of removedByFixes) omit.note(r.objectKey, r.objectKind, r.reason);
  const written = new Set(out.batches.map((b) => `${b.kind} ${b.objectKey}`));
  for (const o of allObjects(model)) {
    if (written.has(`${o.kind} ${o.key}`) || omit.isOmitted(o.kind, o.key) || isBuiltIn(o)) continue;
    omit.note(o.key, o.kind, notScriptedReason(o));
  }

  const blockers: Blocker[] = blocking.map((f) => ({
    ruleId: f.ruleId,
    objectKind: f.objectKind,
    objectKey: f.objectKey,
    message: f.message,
    omitted: omit.isOmitted(f.objectKind, f.objectKey),
  }));
  return {
    batches: out.batches,
    script: renderScript(out.batches, appliedFixes, blockers),
    appliedFixes,
    blockers,
    omitted: omit.list(),
    fixedModel: model,
  };
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
  scope: { known: Set<string>; databaseName?: string },
): Set<string> {
  const functionKeys = new Set(functions.map((f) => f.key));
  const early = new Set<string>();
  const visit = (key: string): void => {
    if (early.has(key) || !functionKeys.has(key)) return;
    early.add(key);
    for (const r of refs.get(key) ?? []) visit(r);
  };
  for (const table of tables) {
    const expressions = [
      ...table.columns.map((c) => c.computed?.definition ?? ""),
      ...table.columns.map((c) => c.default?.definition ?? ""),
      ...table.checkConstraints.map((c) => c.definition),
    ].filter((e) => e !== "");
    for (const expr of expressions) for (const r of findReferences(expr, table.schema, scope)) visit(r);
  }
  return early;
}

/** Keys of objects left out, by kind, and why. */
class Omissions {
  private readonly reasons = new Map<string, OmittedObject>();
  private readonly keys = new Set<string>();
  private readonly cascaded = new Set<string>();

  constructor(blocking: Finding[]) {
    for (const f of blocking) {
      if (f.objectKind === "database") continue;
      this.cascade(f.objectKey, f.objectKind, `${f.ruleId}: ${f.message}`);
    }
  }

  cascade(key: string, kind: string, reason: string): void {
    this.keys.add(key);
    this.cascaded.add(`${kind} ${key}`);
    this.note(key, kind, reason);
  }

  /** True when this object (this kind, this key) is left out with what depends on it. */
  isCascaded(kind: string, key: string): boolean {
    return this.cascaded.has(`${kind} ${key}`);
  }

  /** Records a left-out object without marking its key as omitted for dependants. */
  note(key: string, kind: string, reason: string): void {
    const id = `${kind} ${key}`;
    if (!this.reasons.has(id)) this.reasons.set(id, { objectKind: kind, objectKey: key, reason });
  }

  isOmittedKey(key: string): boolean {
    return this.keys.has(key);
  }

  isOmitted(kind: string, key: string): boolean {
    return this.reasons.has(`${kind} ${key}`);
  }

  list(): OmittedObject[] {
    return [...this.reasons.values()].sort((a, b) =>
      a.objectKey < b.objectKey
        ? -1
        : a.objectKey > b.objectKey
          ? 1
          : a.objectKind < b.objectKind
            ? -1
            : a.objectKind > b.objectKind
              ? 1
              : 0,
    );
  }
}

/** Collects batches, skipping omitted objects and turning unsafe literals into omissions instead of bad SQL. */
class BatchWriter {
  readonly batches: ScriptBatch[] = [];

  constructor(private readonly omit: Omissions) {}

  add(objectKey: string, kind: BatchKind, sql: string | (() => string)): void {
    // By kind and key: a user left out must not take a schema or role of the same name with it.
    if (this.omit.isCascaded(kind, objectKey)) {
      this.omit.note(objectKey, kind, "left out");
      return;
    }
    let text: string;
    try {
      text = typeof sql === "string" ? sql : sql();
    } catch (err) {
      if (!(err instanceof UnsafeLiteralError)) throw err;
      this.omit.cascade(objectKey, kind, err.message);
      return;
    }
    if (text.trim() === "") {
      this.omit.note(objectKey, kind, "no definition to script (the source gave no text for it)");
      return;
    }
    this.batches.push({ objectKey, kind, sql: text.trimEnd() });
  }

  /** A constraint or index: left out with its table (or, for an indexed view's index, its view). */
  addChild(parent: TableDef | ViewDef, key: string, kind: BatchKind, sql: () => string): void {
    if (this.omit.isOmittedKey(parent.key) || this.omit.isOmitted(parent.kind, parent.key)) {
      this.omit.note(key, kind, `its ${parent.kind} ${parent.key} is left out`);
      return;
    }
    this.add(key, kind, sql);
  }
}

/** Comment text must stay on its line, whatever a name contains. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

function renderScript(batches: ScriptBatch[], fixes: AppliedFix[], blockers: Blocker[]): string {
  const header: string[] = ["-- Azure SQL Database deployment script generated by pulumi-azure-sql-migration."];
  for (const f of fixes)
    header.push(`-- Fix ${f.ruleId}: ${oneLine(f.description)} (${f.objectKeys.length} object(s))`);
  for (const b of blockers)
    header.push(
      `-- Blocker ${b.ruleId} on ${oneLine(b.objectKey)}: ${oneLine(b.message)}${b.omitted ? " [left out]" : ""}`,
    );
  const body = batches.map((b) => `-- ${b.kind} ${oneLine(b.objectKey)}\n${b.sql}\nGO\n`);
  return `${header.join("\n")}\n\n${body.join("\n")}`;
}
