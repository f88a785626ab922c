/**
 * Schema compare. `compareSchemas(source, target)` says what to create, alter or drop on the target to make it
 * look like the source; changes that could lose data (dropping a table or column, narrowing a column) are
 * flagged and not applied unless explicitly allowed, and drops happen only when asked for.
 * `findAnomalies(expected, actual)` is the post-deployment check: what is missing, extra or different.
 */
import { canonicalJson } from "./canonical-json";
import { normalizeDataSpace, normalizeExpression, normalizeMask, normalizeModule } from "./compare-normalize";
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
  SecurityPolicyDef,
  TableDef,
  ViewDef,
} from "./model";
import { qualifiedKey } from "./keys";

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
  "filegroups",
  "partitionFunctions",
  "partitionSchemes",
  "schemas",
  "types",
  "tables",
  "views",
  "functions",
  "procedures",
  "triggers",
  "sequences",
  "synonyms",
  "users",
  "roles",
  "permissions",
  "assemblies",
  "queues",
  "services",
  "fulltextCatalogs",
  "securityPolicies",
  "xmlSchemaCollections",
] as const satisfies readonly (keyof DatabaseModel)[];

function indexById(model: DatabaseModel): Map<string, SchemaObject> {
  const map = new Map<string, SchemaObject>();
  for (const list of COMPARED_LISTS)
    for (const obj of model[list] as SchemaObject[]) map.set(`${obj.kind} ${obj.key}`, obj);
  return map;
}

export function compareSchemas(
  source: DatabaseModel,
  target: DatabaseModel,
  options: CompareOptions = {},
): SchemaComparison {
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
  const implied = impliedHistoryTables(source, target);
  for (const [id, obj] of tgt) {
    if (src.has(id) || implied.has(id)) continue;
    const dataLoss = obj.kind === "table";
    const allowed = options.allowDrops === true && (!dataLoss || options.allowDataLoss === true);
    const heldBack =
      options.allowDrops !== true
        ? "drops are off; set allowDrops to drop"
        : dataLoss && options.allowDataLoss !== true
          ? "dropping a table loses its data; set allowDataLoss to apply"
          : undefined;
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

/**
 * History tables of temporal tables that the source leaves to SQL Server (named in HISTORY_TABLE, or not named
 * at all) but that the target, having created them, lists as tables of its own: they are not extra objects.
 */
function impliedHistoryTables(source: DatabaseModel, target: DatabaseModel): Set<string> {
  const sourceTables = new Set(source.tables.map((t) => t.key));
  const targetTables = new Map(target.tables.map((t) => [t.key, t]));
  const implied = new Set<string>();
  for (const table of source.tables) {
    if (table.systemVersioning === undefined) continue;
    const named = table.systemVersioning.historyTable ?? targetTables.get(table.key)?.systemVersioning?.historyTable;
    if (named !== undefined && !sourceTables.has(qualifiedKey(named))) implied.add(`table ${qualifiedKey(named)}`);
  }
  return implied;
}

const ACTION_ORDER: Record<ChangeAction, number> = { create: 0, alter: 1, drop: 2 };

function compareChanges(a: SchemaChange, b: SchemaChange): number {
  return (
    ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
    (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
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
  const different = cmp.changes
    .filter((c) => c.action === "alter")
    .map(({ kind, key, details }) => ({ kind, key, details }));
  return { missing, extra, different, clean: missing.length + extra.length + different.length === 0 };
}

interface ObjectDiff {
  details: string[];
  dataLoss: boolean;
}

function diffObjects(a: SchemaObject, b: SchemaObject): ObjectDiff {
  if (a.kind === "table" && b.kind === "table") return diffTables(a, b);
  if (a.kind === "securityPolicy" && b.kind === "securityPolicy") return diffSecurityPolicies(a, b);
  // The catalog gives a collection's schemas back re-serialised (XML_SCHEMA_NAMESPACE), not as written: their text
  // cannot be compared with a script's, so a collection is compared by existence only.
  if (a.kind === "xmlSchemaCollection" && b.kind === "xmlSchemaCollection") return { details: [], dataLoss: false };
  if (a.kind === "view" && b.kind === "view") return diffViews(a, b);
  if (
    "definition" in a &&
    "definition" in b &&
    typeof a.definition === "string" &&
    typeof b.definition === "string" &&
    isModule(a.kind)
  ) {
    return {
      details: normalizeModule(a.definition) === normalizeModule(b.definition) ? [] : ["definition differs"],
      dataLoss: false,
    };
  }
  const details: string[] = [];
  diffValues(strip(a), strip(b), "", details);
  return { details, dataLoss: false };
}

/**
 * A view by its text (SCHEMABINDING included) and, for an indexed view, index by index as a table's: "index IX:
 * add" when only the target lacks it, "drop" when only the target has it, "(old) → (new)" when it differs.
 */
function diffViews(source: ViewDef, target: ViewDef): ObjectDiff {
  const details: string[] = [];
  if (normalizeModule(source.definition) !== normalizeModule(target.definition)) details.push("definition differs");
  diffNamed("index", source.indexes ?? [], target.indexes ?? [], indexSignature, details);
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
  if (
    a !== null &&
    b !== null &&
    typeof a === "object" &&
    typeof b === "object" &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys)
      diffValues(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path === "" ? k : `${path}.${k}`,
        out,
      );
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
  if (normalizeDataSpace(source.dataSpace) !== normalizeDataSpace(target.dataSpace))
    details.push(`placement: ${normalizeDataSpace(target.dataSpace)} → ${normalizeDataSpace(source.dataSpace)}`);
  for (const flag of ["isMemoryOptimized", "isFileTable"] as const)
    if (source[flag] !== target[flag]) details.push(`${flag}: ${target[flag]} → ${source[flag]}`);
  if ((source.graphType ?? "none") !== (target.graphType ?? "none"))
    details.push(`graph table: ${target.graphType ?? "none"} → ${source.graphType ?? "none"}`);
  const period = (t: TableDef): string =>
    t.period === undefined ? "(none)" : `(${t.period.startColumn.toLowerCase()}, ${t.period.endColumn.toLowerCase()})`;
  if (period(source) !== period(target)) details.push(`PERIOD FOR SYSTEM_TIME: ${period(target)} → ${period(source)}`);
  const versioning = systemVersioningDiff(source, target);
  if (versioning !== undefined) details.push(versioning);
  diffNamed("edge constraint", source.edgeConstraints ?? [], target.edgeConstraints ?? [], edgeSignature, details);
  // A column the source gives no LANGUAGE gets the server's default one: any language on the target matches it.
  const withLanguage = new Set(
    (source.fulltextIndex?.columns ?? []).filter((c) => c.language !== undefined).map((c) => c.name.toLowerCase()),
  );
  const ft = (t: TableDef): string =>
    t.fulltextIndex === undefined ? "(none)" : fulltextSignature(t.fulltextIndex, withLanguage);
  if (ft(source) !== ft(target)) details.push(`full-text index: ${ft(target)} → ${ft(source)}`);
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
    const a =
      source.computed !== undefined
        ? normalizeExpression(source.computed.definition) + (source.computed.persisted ? " persisted" : "")
        : "(not computed)";
    const b =
      target.computed !== undefined
        ? normalizeExpression(target.computed.definition) + (target.computed.persisted ? " persisted" : "")
        : "(not computed)";
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
  if (source.isNullable !== target.isNullable)
    details.push(source.isNullable ? "allow NULL" : "NOT NULL (fails if the column holds NULLs)");
  if ((source.identity === undefined) !== (target.identity === undefined))
    details.push(source.identity !== undefined ? "add IDENTITY" : "remove IDENTITY");
  const srcDefault = source.default !== undefined ? normalizeExpression(source.default.definition) : "(none)";
  const tgtDefault = target.default !== undefined ? normalizeExpression(target.default.definition) : "(none)";
  if (srcDefault !== tgtDefault) details.push(`default ${tgtDefault} → ${srcDefault}`);
  if (
    source.collation !== undefined &&
    target.collation !== undefined &&
    source.collation.toLowerCase() !== target.collation.toLowerCase()
  ) {
    details.push(`collation ${target.collation} → ${source.collation}`);
  }
  details.push(...columnFeatureDiff(source, target));
  return { details, dataLoss };
}

/** Temporal, masking, hidden, sparse and column-set properties of a column. */
function columnFeatureDiff(source: ColumnDef, target: ColumnDef): string[] {
  const details: string[] = [];
  if ((source.generatedAlways ?? "none") !== (target.generatedAlways ?? "none"))
    details.push(`GENERATED ALWAYS ${target.generatedAlways ?? "none"} → ${source.generatedAlways ?? "none"}`);
  if ((source.isHidden ?? false) !== (target.isHidden ?? false))
    details.push(source.isHidden === true ? "HIDDEN" : "not HIDDEN");
  const srcMask = source.mask !== undefined ? normalizeMask(source.mask) : "(none)";
  const tgtMask = target.mask !== undefined ? normalizeMask(target.mask) : "(none)";
  if (srcMask !== tgtMask) details.push(`mask ${target.mask ?? "(none)"} → ${source.mask ?? "(none)"}`);
  if ((source.isSparse ?? false) !== (target.isSparse ?? false))
    details.push(source.isSparse === true ? "SPARSE" : "not SPARSE");
  const xmlSchema = (c: ColumnDef): string =>
    c.xmlSchema === undefined
      ? "(untyped)"
      : `${c.xmlSchema.document ? "DOCUMENT" : "CONTENT"} ${qualifiedKey(c.xmlSchema.collection).toLowerCase()}`;
  if (xmlSchema(source) !== xmlSchema(target))
    details.push(`xml schema collection ${xmlSchema(target)} → ${xmlSchema(source)}`);
  if ((source.isColumnSet ?? false) !== (target.isColumnSet ?? false))
    details.push(source.isColumnSet === true ? "COLUMN_SET FOR ALL_SPARSE_COLUMNS" : "not a column set");
  return details;
}

/**
 * System versioning on or off, the retention, and the history table when both sides name it (a source that
 * leaves the name to SQL Server matches whatever name the server gave it).
 */
function systemVersioningDiff(source: TableDef, target: TableDef): string | undefined {
  const a = source.systemVersioning;
  const b = target.systemVersioning;
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined)
    return `SYSTEM_VERSIONING: ${b === undefined ? "OFF" : "ON"} → ${a === undefined ? "OFF" : "ON"}`;
  const retention = (v: typeof a): string =>
    v.retention === undefined ? "INFINITE" : `${v.retention.period} ${v.retention.unit}`;
  const parts: string[] = [];
  if (
    a.historyTable !== undefined &&
    b.historyTable !== undefined &&
    qualifiedKey(a.historyTable).toLowerCase() !== qualifiedKey(b.historyTable).toLowerCase()
  ) {
    parts.push(`history table ${qualifiedKey(b.historyTable)} → ${qualifiedKey(a.historyTable)}`);
  }
  if (retention(a) !== retention(b)) parts.push(`history retention ${retention(b)} → ${retention(a)}`);
  return parts.length > 0 ? `SYSTEM_VERSIONING: ${parts.join(", ")}` : undefined;
}

function fulltextSignature(ft: NonNullable<TableDef["fulltextIndex"]>, withLanguage: Set<string>): string {
  const language = (c: { name: string; language?: string }): string =>
    c.language !== undefined && withLanguage.has(c.name.toLowerCase()) ? ` language ${c.language.toLowerCase()}` : "";
  const columns = ft.columns
    .map(
      (c) =>
        `${c.name.toLowerCase()}${c.typeColumn !== undefined ? ` type ${c.typeColumn.toLowerCase()}` : ""}${language(c)}${c.statisticalSemantics === true ? " semantics" : ""}`,
    )
    .sort();
  return `(${columns.join(", ")}) key ${ft.keyIndex.toLowerCase()} on ${ft.catalog?.toLowerCase() ?? "default"} tracking ${ft.changeTracking} stoplist ${ft.stoplist?.toLowerCase() ?? "system"}`;
}

function edgeSignature(ec: NonNullable<TableDef["edgeConstraints"]>[number]): string {
  const connections = ec.connections
    .map((x) => `${qualifiedKey(x.from)} to ${qualifiedKey(x.to)}`.toLowerCase())
    .sort();
  return `connection (${connections.join(", ")}) delete ${ec.onDelete}`;
}

/** Predicates compared by what they do (type, table, operation, normalised call), in any order. */
function diffSecurityPolicies(source: SecurityPolicyDef, target: SecurityPolicyDef): ObjectDiff {
  const details: string[] = [];
  if (source.isEnabled !== target.isEnabled)
    details.push(`STATE ${target.isEnabled ? "ON" : "OFF"} → ${source.isEnabled ? "ON" : "OFF"}`);
  if (source.isSchemaBound !== target.isSchemaBound)
    details.push(`SCHEMABINDING ${target.isSchemaBound ? "ON" : "OFF"} → ${source.isSchemaBound ? "ON" : "OFF"}`);
  if ((source.notForReplication ?? false) !== (target.notForReplication ?? false))
    details.push(`NOT FOR REPLICATION: ${target.notForReplication ?? false} → ${source.notForReplication ?? false}`);
  const signature = (p: SecurityPolicyDef["predicates"][number]): string =>
    `${p.type} ${normalizeExpression(p.definition)} on ${qualifiedKey(p.table).toLowerCase()}${p.operation !== undefined ? ` ${p.operation}` : ""}`;
  const a = new Set(source.predicates.map(signature));
  const b = new Set(target.predicates.map(signature));
  for (const p of a) if (!b.has(p)) details.push(`predicate ${p}: add`);
  for (const p of b) if (!a.has(p)) details.push(`predicate ${p}: drop`);
  return { details, dataLoss: false };
}

/**
 * Matches constraints and indexes by name when both sides are named, else by signature (a script may leave a
 * constraint unnamed, and the server then names it itself), and reports the ones added, removed or changed.
 */
function diffNamed<T extends { name?: string }>(
  what: string,
  source: T[],
  target: T[],
  signature: (x: T) => string,
  out: string[],
): void {
  const unmatchedTarget = [...target];
  for (const s of source) {
    let i =
      s.name !== undefined
        ? unmatchedTarget.findIndex((t) => t.name !== undefined && t.name.toLowerCase() === s.name!.toLowerCase())
        : -1;
    if (i === -1)
      i = unmatchedTarget.findIndex(
        (t) => signature(t) === signature(s) && (s.name === undefined || t.name === undefined),
      );
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
  const include =
    ix.includedColumns.length > 0
      ? ` include (${ix.includedColumns
          .map((c) => c.toLowerCase())
          .sort()
          .join(", ")})`
      : "";
  const filter = ix.filter !== undefined ? ` where ${normalizeExpression(ix.filter)}` : "";
  const xml =
    ix.xml === undefined
      ? ""
      : ix.xml.primary
        ? " primary"
        : ` using ${ix.xml.usingIndex?.toLowerCase()} for ${ix.xml.secondaryType}`;
  const spatial =
    ix.spatial === undefined
      ? ""
      : ` using ${ix.spatial.tessellation}${ix.spatial.boundingBox !== undefined ? ` box (${ix.spatial.boundingBox.map(Number).join(", ")})` : ""}`;
  return `${ix.isUnique ? "unique " : ""}${ix.type}${xml}${spatial} (${cols(ix.columns)})${include}${filter} on ${normalizeDataSpace(ix.dataSpace)}`;
}
