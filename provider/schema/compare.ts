/**
 * Schema compare. `compareSchemas(source, target)` says what to create, alter or drop on the target to make it
 * look like the source; changes that could lose data (dropping a table or column, narrowing a column) are
 * flagged and not applied unless explicitly allowed, and drops happen only when asked for.
 * `findAnomalies(expected, actual)` is the post-deployment check: what is missing, extra or different.
 */
import { canonicalJson } from "./canonical-json";
import { normalizeDataSpace, normalizeExpression, normalizeModule } from "./compare-normalize";
import { formatDataType, isNarrowing } from "./data-types";
import type {
  CheckConstraintDef,
  ColumnDef,
  DatabaseModel,
  ForeignKeyDef,
  IndexDef,
  KeyConstraintDef,
  ObjectKind,
  SchemaObject,
  TableDef,
} from "./model";

export type ChangeAction = "create" | "alter" | "drop";

export interface SchemaChange {
  action: ChangeAction;
  kind: ObjectKind;
  key: string;
  /** Human-readable differences (for alters) or what is lost (for drops). */
  details: string[];
  /** The change could lose data. */
  dataLoss: boolean;
  /** Whether the change is part of the plan under the given options. */
  applied: boolean;
  /** Why an unapplied change is held back. */
  heldBack?: string;
}

export interface CompareOptions {
  /** Drop objects that exist only in the target. Default false. */
  allowDrops?: boolean;
  /** Apply changes flagged as possible data loss. Default false. */
  allowDataLoss?: boolean;
}

export interface SchemaComparison {
  changes: SchemaChange[];
  /** The changes that are applied, in order: creates, alters, drops. */
  plan: SchemaChange[];
  /** Changes flagged as possible data loss (applied or not). */
  dataLossRisks: SchemaChange[];
}

/** The lists of a model that hold comparable objects (statements are scripts, not objects, and are left out). */
const COMPARED_LISTS = [
  "filegroups", "partitionFunctions", "partitionSchemes", "schemas", "types", "tables", "views", "functions", "procedures",
  "triggers", "sequences", "synonyms", "users", "roles", "permissions", "assemblies", "queues", "services", "fulltextCatalogs",
] as const satisfies readonly (keyof DatabaseModel)[];

function indexById(model: DatabaseModel): Map<string, SchemaObject> {
  const map = new Map<string, SchemaObject>();
  for (const list of COMPARED_LISTS) for (const obj of model[list] as SchemaObject[]) map.set(`${obj.kind} ${obj.key}`, obj);
  return map;
}

export function compareSchemas(source: DatabaseModel, target: DatabaseModel, options: CompareOptions = {}): SchemaComparison {
  const src = indexById(source);
  const tgt = indexById(target);
  const changes: SchemaChange[] = [];
  for (const [id, obj] of src) {
    const other = tgt.get(id);
    if (other === undefined) {
      changes.push({ action: "create", kind: obj.kind, key: obj.key, details: [], dataLoss: false, applied: true });
      continue;
    }
    const diff = diffObjects(obj, other);
    if (diff.details.length === 0) continue;
    const applied = !diff.dataLoss || options.allowDataLoss === true;
    changes.push({
      action: "alter",
      kind: obj.kind,
      key: obj.key,
      details: diff.details,
      dataLoss: diff.dataLoss,
      applied,
      ...(applied ? {} : { heldBack: "could lose data; set allowDataLoss to apply" }),
    });
  }
  for (const [id, obj] of tgt) {
    if (src.has(id)) continue;
    const dataLoss = obj.kind === "table";
    const allowed = options.allowDrops === true && (!dataLoss || options.allowDataLoss === true);
    const heldBack = options.allowDrops !== true ? "drops are off; set allowDrops to drop" : dataLoss && options.allowDataLoss !== true ? "dropping a table loses its data; set allowDataLoss to apply" : undefined;
    changes.push({
      action: "drop",
      kind: obj.kind,
      key: obj.key,
      details: dataLoss ? ["table and its rows would be removed"] : [],
      dataLoss,
      applied: allowed,
      ...(heldBack !== undefined ? { heldBack } : {}),
    });
  }
  changes.sort(compareChanges);
  return { changes, plan: changes.filter((c) => c.applied), dataLossRisks: changes.filter((c) => c.dataLoss) };
}

const ACTION_ORDER: Record<ChangeAction, number> = { create: 0, alter: 1, drop: 2 };

function compareChanges(a: SchemaChange, b: SchemaChange): number {
  return ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export interface Anomalies {
  missing: { kind: ObjectKind; key: string }[];
  extra: { kind: ObjectKind; key: string }[];
  different: { kind: ObjectKind; key: string; details: string[] }[];
  /** True when nothing is missing, extra or different. */
  clean: boolean;
}

/** After a deployment: how the actual schema departs from the expected one. */
export function findAnomalies(expected: DatabaseModel, actual: DatabaseModel): Anomalies {
  const cmp = compareSchemas(expected, actual);
  const missing = cmp.changes.filter((c) => c.action === "create").map(({ kind, key }) => ({ kind, key }));
  const extra = cmp.changes.filter((c) => c.action === "drop").map(({ kind, key }) => ({ kind, key }));
  const different = cmp.changes.filter((c) => c.action === "alter").map(({ kind, key, details }) => ({ kind, key, details }));
  return { missing, extra, different, clean: missing.length + extra.length + different.length === 0 };
}

interface ObjectDiff {
  details: string[];
  dataLoss: boolean;
}

function diffObjects(a: SchemaObject, b: SchemaObject): ObjectDiff {
  if (a.kind === "table" && b.kind === "table") return diffTables(a, b);
  if ("definition" in a && "definition" in b && typeof a.definition === "string" && typeof b.definition === "string" && isModule(a.kind)) {
    return { details: normalizeModule(a.definition) === normalizeModule(b.definition) ? [] : ["definition differs"], dataLoss: false };
  }
  const details: string[] = [];
  diffValues(strip(a), strip(b), "", details);
  return { details, dataLoss: false };
}

function isModule(kind: ObjectKind): boolean {
  return kind === "view" || kind === "function" || kind === "procedure" || kind === "trigger";
}

/** Drops the fields that say where an object came from rather than what it is. */
function strip(obj: SchemaObject): unknown {
  const { source: _source, ...rest } = obj as SchemaObject & { source?: unknown };
  return JSON.parse(canonicalJson(rest));
}

function diffValues(a: unknown, b: unknown, path: string, out: string[]): void {
  if (canonicalJson(a) === canonicalJson(b)) return;
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path === "" ? k : `${path}.${k}`, out);
    return;
  }
  out.push(`${path}: ${short(a)} → ${short(b)}`);
}

function short(v: unknown): string {
  const text = v === undefined ? "(none)" : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Tables: column by column, constraint by constraint
// ---------------------------------------------------------------------------------------------------------

function diffTables(source: TableDef, target: TableDef): ObjectDiff {
  const details: string[] = [];
  let dataLoss = false;
  const targetCols = new Map(target.columns.map((c) => [c.name.toLowerCase(), c]));
  const sourceCols = new Set(source.columns.map((c) => c.name.toLowerCase()));
  for (const col of source.columns) {
    const other = targetCols.get(col.name.toLowerCase());
    if (other === undefined) {
      details.push(`column ${col.name}: add`);
      continue;
    }
    const colDiff = diffColumns(col, other);
    details.push(...colDiff.details.map((d) => `column ${col.name}: ${d}`));
    dataLoss ||= colDiff.dataLoss;
  }
  for (const col of target.columns) {
    if (!sourceCols.has(col.name.toLowerCase())) {
      details.push(`column ${col.name}: drop (its data would be lost)`);
      dataLoss = true;
    }
  }
  if (normalizeDataSpace(source.dataSpace) !== normalizeDataSpace(target.dataSpace)) details.push(`placement: ${normalizeDataSpace(target.dataSpace)} → ${normalizeDataSpace(source.dataSpace)}`);
  for (const flag of ["isMemoryOptimized", "isFileTable"] as const) if (source[flag] !== target[flag]) details.push(`${flag}: ${target[flag]} → ${source[flag]}`);
  diffNamed("primary key", keyList(source.primaryKey), keyList(target.primaryKey), keySignature, details);
  diffNamed("unique constraint", source.uniqueConstraints, target.uniqueConstraints, keySignature, details);
  diffNamed("check constraint", source.checkConstraints, target.checkConstraints, checkSignature, details);
  diffNamed("foreign key", source.foreignKeys, target.foreignKeys, fkSignature, details);
  diffNamed("index", source.indexes, target.indexes, indexSignature, details);
  return { details, dataLoss };
}

function keyList(k: KeyConstraintDef | undefined): KeyConstraintDef[] {
  return k === undefined ? [] : [k];
}

function diffColumns(source: ColumnDef, target: ColumnDef): ObjectDiff {
  const details: string[] = [];
  let dataLoss = false;
  if (source.computed !== undefined || target.computed !== undefined) {
    // A computed column's type is inferred by the server: compare the expression only.
    const a = source.computed !== undefined ? normalizeExpression(source.computed.definition) + (source.computed.persisted ? " persisted" : "") : "(not computed)";
    const b = target.computed !== undefined ? normalizeExpression(target.computed.definition) + (target.computed.persisted ? " persisted" : "") : "(not computed)";
    if (a !== b) details.push(`computed ${b} → ${a}`);
    return { details, dataLoss };
  }
  const srcType = formatDataType(source);
  const tgtType = formatDataType(target);
  if (srcType.toLowerCase() !== tgtType.toLowerCase()) {
    const narrowing = isNarrowing(target, source);
    details.push(`type ${tgtType} → ${srcType}${narrowing ? " (narrowing: could lose data)" : ""}`);
    dataLoss ||= narrowing;
  }
  if (source.isNullable !== target.isNullable) details.push(source.isNullable ? "allow NULL" : "NOT NULL (fails if the column holds NULLs)");
  if ((source.identity === undefined) !== (target.identity === undefined)) details.push(source.identity !== undefined ? "add IDENTITY" : "remove IDENTITY");
  const srcDefault = source.default !== undefined ? normalizeExpression(source.default.definition) : "(none)";
  const tgtDefault = target.default !== undefined ? normalizeExpression(target.default.definition) : "(none)";
  if (srcDefault !== tgtDefault) details.push(`default ${tgtDefault} → ${srcDefault}`);
  if (source.collation !== undefined && target.collation !== undefined && source.collation.toLowerCase() !== target.collation.toLowerCase()) {
    details.push(`collation ${target.collation} → ${source.collation}`);
  }
  return { details, dataLoss };
}

/**
 * Matches constraints and indexes by name when both sides are named, else by signature (a script may leave a
 * constraint unnamed, and the server then names it itself), and reports the ones added, removed or changed.
 */
function diffNamed<T extends { name?: string }>(what: string, source: T[], target: T[], signature: (x: T) => string, out: string[]): void {
  const unmatchedTarget = [...target];
  for (const s of source) {
    let i = s.name !== undefined ? unmatchedTarget.findIndex((t) => t.name !== undefined && t.name.toLowerCase() === s.name!.toLowerCase()) : -1;
    if (i === -1) i = unmatchedTarget.findIndex((t) => signature(t) === signature(s) && (s.name === undefined || t.name === undefined));
    if (i === -1) {
      out.push(`${what} ${s.name ?? signature(s)}: add`);
      continue;
    }
    const t = unmatchedTarget.splice(i, 1)[0]!;
    if (signature(s) !== signature(t)) out.push(`${what} ${s.name ?? signature(s)}: ${signature(t)} → ${signature(s)}`);
  }
  for (const t of unmatchedTarget) out.push(`${what} ${t.name ?? signature(t)}: drop`);
}

function cols(list: { name: string; descending?: boolean }[]): string {
  return list.map((c) => `${c.name.toLowerCase()}${c.descending === true ? " desc" : ""}`).join(", ");
}

function keySignature(k: KeyConstraintDef): string {
  return `${k.type} ${k.clustered ? "clustered" : "nonclustered"} (${cols(k.columns)}) on ${normalizeDataSpace(k.dataSpace)}`;
}

function checkSignature(c: CheckConstraintDef): string {
  return `check ${normalizeExpression(c.definition)}${c.isDisabled === true ? " disabled" : ""}`;
}

function fkSignature(fk: ForeignKeyDef): string {
  const ref = `${fk.referencedTable.schema}.${fk.referencedTable.name}`.toLowerCase();
  return `(${fk.columns.join(", ").toLowerCase()}) references ${ref} (${fk.referencedColumns.join(", ").toLowerCase()}) delete ${fk.onDelete} update ${fk.onUpdate}`;
}

function indexSignature(ix: IndexDef): string {
  const include = ix.includedColumns.length > 0 ? ` include (${ix.includedColumns.map((c) => c.toLowerCase()).sort().join(", ")})` : "";
  const filter = ix.filter !== undefined ? ` where ${normalizeExpression(ix.filter)}` : "";
  return `${ix.isUnique ? "unique " : ""}${ix.type} (${cols(ix.columns)})${include}${filter} on ${normalizeDataSpace(ix.dataSpace)}`;
}
