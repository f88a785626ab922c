/**
 * Which batches of the generated script to run against a target that may already hold part of the schema.
 *
 * The script generator writes the whole schema in dependency order; schema compare says what the target lacks
 * or has differently. This module keeps the script's order and picks from it:
 *   - objects the target lacks: their batch, and for a table its constraints and indexes;
 *   - constraints, indexes and role memberships missing from objects the target already has;
 *   - views, functions, procedures and triggers whose text differs: replayed as CREATE OR ALTER; since that
 *     drops every index of a view, a replayed indexed view has all its indexes created again right after it (an
 *     indexed view whose indexes differ is replayed the same way; one that only lacks an index gets just that index);
 *   - database options that differ; loose statements never run before (or changed since);
 *   - with dropExtraObjects, DROP statements for objects only the target has, last, dependants first.
 * What it cannot apply safely is held back and listed, never guessed: column changes (they need an
 * ALTER TABLE written by a person who knows the data), other altered objects, and anything that could lose data
 * unless allowDataLoss.
 */
import {
  compareSchemas,
  quoteName,
  type DatabaseModel,
  type GeneratedScript,
  type SchemaChange,
  type SchemaObject,
  type ScriptBatch,
  type TableDef,
} from "../../schema";
import type { DeploymentBatch } from "../../sql";
import { dropRank, dropStatement } from "./drop-statements";
import { keyParts } from "./key-parts";
import { objectId, stableJson } from "./object-hashes";

export interface PlannedBatch extends DeploymentBatch {
  /** `kind objectKey` (with `#n` for repeats): stable across runs of the same source, used to resume. */
  id: string;
}

export interface HeldBackChange {
  /** `kind key` of the object. */
  id: string;
  reason: string;
  details: string[];
}

export interface DeploymentPlan {
  batches: PlannedBatch[];
  heldBack: HeldBackChange[];
}

export interface PlanOptions {
  allowDataLoss: boolean;
  dropExtraObjects: boolean;
  /** Ids and hashes of loose statements that already ran on this target (they are scripts, not objects). */
  statementsRun: Record<string, string>;
  /** Hashes of the current source's objects (objectHashes), to tell a changed statement from one already run. */
  currentHashes: Record<string, string>;
}

const MODULE_KINDS = new Set<string>(["view", "function", "procedure", "trigger"]);
const CHILD_KINDS = new Set<string>(["constraint", "foreignKey", "index"]);
/** Table differences that the constraint and index batches themselves resolve. */
const CHILD_ADDITION =
  /^(primary key|unique constraint|check constraint|foreign key|index|edge constraint) .+: add$|^SYSTEM_VERSIONING: OFF → ON$|^full-text index: \(none\) → /;

/** Ids of the script's batches, in order: `kind objectKey`, with `#2`, `#3`... when a pair repeats (database options). */
export function batchIds(batches: readonly Pick<ScriptBatch, "kind" | "objectKey">[]): string[] {
  const seen = new Map<string, number>();
  return batches.map((b) => {
    const base = `${b.kind} ${b.objectKey}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/**
 * What the target should hold after the script ran: the generator's fixed model without the objects it left
 * out (blockers under failOn "never", dependants of those). Anomalies are measured against this.
 */
export function expectedModel(script: GeneratedScript): DatabaseModel {
  const omitted = new Set(script.omitted.map((o) => `${o.objectKind} ${o.objectKey}`));
  const out = structuredClone(script.fixedModel);
  for (const [list, value] of Object.entries(out) as [keyof DatabaseModel, unknown][]) {
    if (Array.isArray(value))
      (out as unknown as Record<string, unknown>)[list] = (value as SchemaObject[]).filter(
        (o) => !omitted.has(objectId(o)),
      );
  }
  return out;
}

/**
 * Index differences of a view: one the target lacks (its batch adds it), one only the target has. Any other view
 * difference (its text, an index that differs) needs CREATE OR ALTER, and then every index of the view again.
 */
const VIEW_INDEX_ADDITION = /^index .+: add$/;
const VIEW_INDEX_EXTRA = /^index .+: drop$/;

/** `[s].[t]` of a constraint or index batch key (`[s].[t].[name]` or `[s].[t] (unnamed check)`). */
function parentTableKey(childKey: string): string {
  const parts = keyParts(childKey);
  return `${quoteName(parts[0] ?? "")}.${quoteName(parts[1] ?? "")}`;
}

/** Name of a constraint or index from its batch key; undefined for an unnamed one. */
function childName(childKey: string): string | undefined {
  if (childKey.includes(" (unnamed ")) return undefined;
  return keyParts(childKey)[2];
}

function childNames(table: TableDef): Set<string> {
  const names = [
    table.primaryKey?.name,
    ...table.uniqueConstraints.map((c) => c.name),
    ...table.checkConstraints.map((c) => c.name),
    ...table.foreignKeys.map((c) => c.name),
    ...table.indexes.map((c) => c.name),
    ...(table.edgeConstraints ?? []).map((c) => c.name),
  ];
  return new Set(names.filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
}

/** `CREATE VIEW ...` → `CREATE OR ALTER VIEW ...` (leading comments kept); undefined when the text is not a CREATE. */
export function asCreateOrAlter(definition: string): string | undefined {
  const re =
    /^((?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*)CREATE(\s+OR\s+ALTER)?\s+(VIEW|PROC|PROCEDURE|FUNCTION|TRIGGER)\b/i;
  const match = re.exec(definition);
  if (!match) return undefined;
  if (match[2] !== undefined) return definition;
  return `${match[1]}CREATE OR ALTER ${match[3]}${definition.slice(match[0].length)}`;
}

function optionsDiffer(expected: DatabaseModel["options"], actual: DatabaseModel["options"]): boolean {
  for (const [name, value] of Object.entries(expected)) {
    if (name === "other") {
      const other = (value ?? {}) as Record<string, string>;
      if (Object.entries(other).some(([k, v]) => actual.other?.[k]?.toUpperCase() !== v.toUpperCase())) return true;
    } else if (stableJson(value) !== stableJson((actual as Record<string, unknown>)[name])) {
      return true;
    }
  }
  return false;
}

/** What planning one script against one target works from, and what it has decided so far. */
interface PlanContext {
  options: PlanOptions;
  expected: DatabaseModel;
  target: DatabaseModel;
  comparison: ReturnType<typeof compareSchemas>;
  /** Schema compare's changes by `kind key`. */
  changes: Map<string, SchemaChange>;
  targetTables: Map<string, TableDef>;
  targetViews: Map<string, DatabaseModel["views"][number]>;
  expectedViews: Set<string>;
  targetRoles: Map<string, DatabaseModel["roles"][number]>;
  /** Views replayed as CREATE OR ALTER in this plan: every index of theirs is created again after them. */
  replayedViews: Set<string>;
  batches: PlannedBatch[];
  heldBack: HeldBackChange[];
}

function planContext(script: GeneratedScript, target: DatabaseModel, options: PlanOptions): PlanContext {
  const expected = expectedModel(script);
  const comparison = compareSchemas(expected, target, {
    allowDrops: options.dropExtraObjects,
    allowDataLoss: options.allowDataLoss,
  });
  return {
    options,
    expected,
    target,
    comparison,
    changes: new Map(comparison.changes.map((c) => [`${c.kind} ${c.key}`, c])),
    targetTables: new Map(target.tables.map((t) => [t.key, t])),
    targetViews: new Map(target.views.map((v) => [v.key, v])),
    expectedViews: new Set(expected.views.map((v) => v.key)),
    targetRoles: new Map(target.roles.map((r) => [r.key, r])),
    replayedViews: new Set(),
    batches: [],
    heldBack: [],
  };
}

const created = (ctx: PlanContext, kind: string, key: string) => ctx.changes.get(`${kind} ${key}`)?.action === "create";

/** An indexed view's index: with a new view, after a replayed one (CREATE OR ALTER dropped it), or when missing. */
function takesViewIndex(ctx: PlanContext, objectKey: string): boolean {
  const viewKey = parentTableKey(objectKey);
  const view = ctx.targetViews.get(viewKey);
  if (created(ctx, "view", viewKey) || ctx.replayedViews.has(viewKey) || view === undefined) return true;
  const name = childName(objectKey)?.toLowerCase();
  return !(view.indexes ?? []).some((ix) => ix.name.toLowerCase() === name);
}

/** A constraint or index of a table: with a new table, or when the target's table lacks it. */
function takesTableChild(ctx: PlanContext, objectKey: string): boolean {
  const tableKey = parentTableKey(objectKey);
  const table = ctx.targetTables.get(tableKey);
  if (created(ctx, "table", tableKey) || table === undefined) return true;
  const name = childName(objectKey);
  // Unnamed: the server named it on the target; the table diff reports any mismatch.
  return name !== undefined && !childNames(table).has(name.toLowerCase());
}

/** A table feature switched on by its own batch: with a new table, or on a target table that lacks it. */
function takesTableFeature(ctx: PlanContext, tableKey: string, has: (table: TableDef) => boolean): boolean {
  const table = ctx.targetTables.get(tableKey);
  return created(ctx, "table", tableKey) || table === undefined || !has(table);
}

function takesRoleMember(ctx: PlanContext, objectKey: string): boolean {
  const [roleKey = "", memberKey = ""] = objectKey.split(" MEMBER ");
  const role = ctx.targetRoles.get(roleKey);
  if (created(ctx, "role", roleKey) || role === undefined) return true;
  return !role.members.some((m) => quoteName(m) === memberKey || m === memberKey);
}

/** A loose statement runs when it never ran on this target, or changed since. */
function takesStatement(ctx: PlanContext, objectKey: string): boolean {
  const hashId = `statement ${objectKey}`;
  const ran = ctx.options.statementsRun[hashId];
  return ran === undefined || ran !== ctx.options.currentHashes[hashId];
}

/**
 * Batches that belong to something else (the database, a table, a view, a role) or to no object: whether to run
 * them. Undefined for an object's own batch, which schema compare's change for the object decides.
 */
function takesDependentBatch(ctx: PlanContext, batch: ScriptBatch): boolean | undefined {
  const key = batch.objectKey;
  if (batch.kind === "databaseOptions") return optionsDiffer(ctx.expected.options, ctx.target.options);
  if (batch.kind === "index" && ctx.expectedViews.has(parentTableKey(key))) return takesViewIndex(ctx, key);
  if (CHILD_KINDS.has(batch.kind)) return takesTableChild(ctx, key);
  if (batch.kind === "systemVersioning")
    return takesTableFeature(ctx, key.replace(/ SYSTEM_VERSIONING$/, ""), (t) => t.systemVersioning !== undefined);
  if (batch.kind === "fulltextIndex")
    return takesTableFeature(ctx, key.replace(/ FULLTEXT INDEX$/, ""), (t) => t.fulltextIndex !== undefined);
  if (batch.kind === "roleMember") return takesRoleMember(ctx, key);
  if (batch.kind === "schemaOwner") return ctx.changes.has(`schema ${key.replace(/ OWNER$/, "")}`);
  if (batch.kind === "statement") return takesStatement(ctx, key);
  return undefined;
}

/** A view, function, procedure or trigger that differs: replayed as CREATE OR ALTER, or held back with why. */
function planModuleAlter(ctx: PlanContext, batch: ScriptBatch, id: string, change: SchemaChange): void {
  if (change.kind === "view" && change.details.every((d) => VIEW_INDEX_ADDITION.test(d) || VIEW_INDEX_EXTRA.test(d))) {
    // Same text, indexes missing or extra only: the index batches after it add what is missing; an index only
    // the target has goes only with dropExtraObjects, by replaying the view (which drops all its indexes).
    const extra = change.details.filter((d) => VIEW_INDEX_EXTRA.test(d));
    if (extra.length === 0) return;
    if (!ctx.options.dropExtraObjects) {
      ctx.heldBack.push({
        id,
        reason: "the view on the target has indexes the source lacks; set dropExtraObjects to drop them",
        details: extra,
      });
      return;
    }
  }
  const sql = asCreateOrAlter(batch.sql);
  if (sql !== undefined) {
    ctx.batches.push({ id: `alter ${id}`, objectKey: batch.objectKey, kind: `alter ${batch.kind}`, sql });
    if (change.kind === "view") ctx.replayedViews.add(batch.objectKey);
    return;
  }
  ctx.heldBack.push({
    id,
    reason: "its text does not start with CREATE, so it cannot be replayed as CREATE OR ALTER",
    details: change.details,
  });
}

/** An object's own batch: run when the target lacks the object; an altered object is replayed or held back. */
function planObjectBatch(ctx: PlanContext, batch: ScriptBatch, id: string): void {
  const change = ctx.changes.get(`${batch.kind} ${batch.objectKey}`);
  if (change === undefined) return;
  if (change.action === "create") {
    ctx.batches.push({ id, objectKey: batch.objectKey, kind: batch.kind, sql: batch.sql });
    return;
  }
  if (change.action !== "alter") return;
  if (MODULE_KINDS.has(change.kind)) return planModuleAlter(ctx, batch, id, change);
  if (change.kind === "table") {
    const remaining = change.details.filter((d) => !CHILD_ADDITION.test(d));
    if (remaining.length > 0) {
      ctx.heldBack.push({
        id,
        reason:
          change.heldBack ??
          "table changes other than new constraints and indexes need an ALTER TABLE written for the data it holds",
        details: remaining,
      });
    }
    return;
  }
  ctx.heldBack.push({
    id,
    reason: `altering a ${change.kind} is not automated: change it on the target by hand`,
    details: change.details,
  });
}

/** With dropExtraObjects: DROP statements for objects only the target has, dependants first; the rest held back. */
function planDrops(ctx: PlanContext): PlannedBatch[] {
  const drops: PlannedBatch[] = [];
  for (const change of ctx.comparison.changes.filter((c) => c.action === "drop")) {
    const id = `${change.kind} ${change.key}`;
    const sql = dropStatement(change.kind, change.key);
    if (!change.applied) ctx.heldBack.push({ id, reason: change.heldBack ?? "not dropped", details: change.details });
    else if (sql === undefined)
      ctx.heldBack.push({ id, reason: `dropping a ${change.kind} is not automated`, details: [] });
    else drops.push({ id: `drop ${id}`, objectKey: change.key, kind: `drop ${change.kind}`, sql });
  }
  const rank = (b: PlannedBatch) => dropRank(b.kind.slice("drop ".length));
  return drops.sort(
    (a, b) => rank(a) - rank(b) || (a.objectKey < b.objectKey ? -1 : a.objectKey > b.objectKey ? 1 : 0),
  );
}

export function planDeployment(script: GeneratedScript, target: DatabaseModel, options: PlanOptions): DeploymentPlan {
  const ctx = planContext(script, target, options);
  const ids = batchIds(script.batches);
  script.batches.forEach((batch, i) => {
    const id = ids[i]!;
    const dependent = takesDependentBatch(ctx, batch);
    if (dependent === undefined) planObjectBatch(ctx, batch, id);
    else if (dependent) ctx.batches.push({ id, objectKey: batch.objectKey, kind: batch.kind, sql: batch.sql });
  });
  if (options.dropExtraObjects) ctx.batches.push(...planDrops(ctx));
  return { batches: ctx.batches, heldBack: ctx.heldBack };
}

/**
 * Rebuilds the batches of a recorded plan (its ids) from a script generated again from the same source:
 * a failed run resumes exactly where it stopped, even though the target now holds part of what it planned.
 * Undefined when an id no longer matches (the source or the generator changed): then a new plan is made.
 */
export function resolvePlannedBatches(script: GeneratedScript, ids: readonly string[]): PlannedBatch[] | undefined {
  const all = batchIds(script.batches);
  const byId = new Map<string, ScriptBatch>(script.batches.map((b, i) => [all[i]!, b]));
  const resolved: PlannedBatch[] = [];
  for (const id of ids) {
    const plain = byId.get(id);
    if (plain !== undefined) {
      resolved.push({ id, objectKey: plain.objectKey, kind: plain.kind, sql: plain.sql });
      continue;
    }
    const [verb, kind = "", ...rest] = id.split(" ");
    const key = rest.join(" ");
    let sql: string | undefined;
    if (verb === "alter") {
      const original = byId.get(`${kind} ${key}`);
      sql = original !== undefined ? asCreateOrAlter(original.sql) : undefined;
    } else if (verb === "drop") {
      sql = dropStatement(kind, key);
    }
    if (sql === undefined) return undefined;
    resolved.push({ id, objectKey: key, kind: `${verb} ${kind}`, sql });
  }
  return resolved;
}
