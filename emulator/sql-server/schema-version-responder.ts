/**
 * Answers a schema-version probe: a SELECT whose every column is one aggregate (COUNT_BIG(*) or
 * CHECKSUM_AGG(CHECKSUM(...))) over one catalog view, as in provider/sql/schema-version-query.ts. The test
 * server does not know the provider's query: it parses the select list, finds for each column the view its
 * subquery reads and the aggregate it applies, and computes that aggregate over the rows the view would list for
 * the model it serves.
 *
 * What a view lists follows its documentation (catalog/documented-views.ts names the views): sys.objects has a
 * row per schema-scoped object — a table, its constraints (primary key, unique, check, default, foreign key,
 * edge), a view, module, table trigger, sequence, synonym, queue, security policy, table type — and its
 * modify_date moves with every ALTER, so here a row's date is a digest of the object's definition; sys.indexes
 * has the indexes of tables and views (and those behind primary keys and unique constraints); database triggers
 * are in sys.triggers only; and so on. The server has no system objects, so the probe's filters
 * (is_ms_shipped = 0, is_user_defined = 1, parent_class = 0, database_id = DB_ID()) keep every row it has.
 * CHECKSUM is SQL Server's own undocumented hash: the test server folds a SHA-256 of each row instead; only
 * "changes when a row changes" matters to a client, never the number itself.
 */
import { createHash } from "node:crypto";
import type { DatabaseModel, TableDef } from "../../provider/schema/model";
import { isSubquery, SelectParser, type QueryExpr } from "./catalog/select-parser";
import { isName, tokenize } from "./catalog/sql-tokens";
import type { ColumnSpec, QueryResponse } from "./query-handler";

/** Rows of one catalog view, each as the text whose change moves the view's checksum. */
type ViewRows = (model: DatabaseModel) => string[];

const json = (value: unknown) => JSON.stringify(value) ?? "null";
const named = (kind: string, list: readonly { name?: string }[] | undefined, parent: string) =>
  (list ?? []).map((c) => `${kind} ${parent} ${json(c)}`);

function tableObjects(table: TableDef): string[] {
  return [
    `table ${json(table)}`,
    ...named("PK", table.primaryKey ? [table.primaryKey] : [], table.key),
    ...named("UQ", table.uniqueConstraints, table.key),
    ...named("C", table.checkConstraints, table.key),
    ...named("F", table.foreignKeys, table.key),
    ...named("EC", table.edgeConstraints, table.key),
    ...table.columns.filter((c) => c.default !== undefined).map((c) => `D ${table.key}.${c.name} ${json(c.default)}`),
  ];
}

function isHeap(table: TableDef): boolean {
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniqueConstraints];
  return (
    !keys.some((k) => k.clustered) &&
    !table.indexes.some((i) => i.type === "clustered" || i.type === "clusteredColumnstore")
  );
}

const VIEWS: Record<string, ViewRows> = {
  "sys.objects": (m) => [
    ...m.tables.flatMap(tableObjects),
    ...m.types.filter((t) => t.kind === "tableType").map((t) => `TT ${json(t)}`),
    ...[...m.views, ...m.functions, ...m.procedures, ...m.sequences, ...m.synonyms, ...m.queues]
      .concat(m.securityPolicies as never[])
      .map((o) => `${o.kind} ${json(o)}`),
    ...m.triggers.filter((t) => t.scope === "table").map((t) => `TR ${json(t)}`),
  ],
  "sys.indexes": (m) => [
    ...m.tables.flatMap((t) => [
      // A table without a clustered index still has its heap row (index_id 0).
      ...(isHeap(t) ? [`heap ${t.key}`] : []),
      ...named("index", t.indexes, t.key),
      ...named("PK", t.primaryKey ? [t.primaryKey] : [], t.key),
      ...named("UQ", t.uniqueConstraints, t.key),
    ]),
    ...m.views.flatMap((v) => named("index", v.indexes, v.key)),
  ],
  "sys.columns": (m) =>
    [...m.tables, ...m.types.filter((t) => t.kind === "tableType")].flatMap((t) =>
      ((t as TableDef).columns ?? []).map((c, i) => `${t.key} ${i} ${c.name}`),
    ),
  "sys.triggers": (m) => m.triggers.filter((t) => t.scope === "database").map(json),
  "sys.schemas": (m) => m.schemas.map(json),
  "sys.types": (m) => m.types.map(json),
  "sys.database_principals": (m) => [...m.users.map(json), ...m.roles.map(({ members: _m, ...role }) => json(role))],
  "sys.database_role_members": (m) => m.roles.flatMap((r) => r.members.map((member) => `${r.key} ${member}`)),
  "sys.database_permissions": (m) => m.permissions.map(json),
  "sys.xml_schema_collections": (m) => m.xmlSchemaCollections.map(json),
  "sys.partition_functions": (m) => m.partitionFunctions.map(json),
  "sys.data_spaces": (m) => [...m.filegroups.map(json), ...m.partitionSchemes.map(json)],
  "sys.assemblies": (m) => m.assemblies.map(json),
  "sys.fulltext_catalogs": (m) => m.fulltextCatalogs.map(json),
  "sys.fulltext_indexes": (m) =>
    m.tables.filter((t) => t.fulltextIndex).map((t) => `${t.key} ${json(t.fulltextIndex)}`),
  "sys.services": (m) => m.services.map(json),
  "sys.databases": (m) => [json({ name: m.databaseName, options: m.options })],
};

/** An order-independent 32-bit fold of the rows, as CHECKSUM_AGG is order-independent. */
function checksumAgg(rows: string[]): number {
  let sum = 0;
  for (const row of rows) sum = (sum + createHash("sha256").update(row).digest().readInt32BE(0)) | 0;
  return sum;
}

/** The view and aggregate of one select-list item: `CAST((SELECT AGG(...) FROM sys.view ...) AS type)`. */
function aggregateOf(subquery: QueryExpr): { view: string; count: boolean } | string {
  const spec = subquery.selects[0];
  const source = spec?.from[0];
  if (!spec || spec.from.length !== 1 || source?.kind !== "named") return "each column must read one catalog view";
  const view = source.parts.map((p) => p.text.replace(/^\[|\]$/g, "").toLowerCase()).join(".");
  const first = spec.items[0]?.expr[0];
  const fn = first && !isSubquery(first) && isName(first) ? first.text.toUpperCase() : "";
  if (fn !== "COUNT_BIG" && fn !== "CHECKSUM_AGG")
    return `column aggregate ${fn || "?"} is not COUNT_BIG or CHECKSUM_AGG`;
  return { view, count: fn === "COUNT_BIG" };
}

/** The probe's answer for `model`, typed by `columns` (the binder's result columns); an error it cannot answer. */
export function answerSchemaVersion(sql: string, columns: ColumnSpec[], model: DatabaseModel): QueryResponse {
  const limit = (message: string): QueryResponse => ({
    error: { number: 50000, state: 1, class: 16, message: `the TDS test server cannot answer this probe: ${message}` },
  });
  const start = sql.indexOf("SELECT");
  const query = new SelectParser(tokenize(sql.slice(start).replace(/;\s*$/, ""))).query();
  const items = query.selects[0]?.items ?? [];
  const row: (number | null)[] = [];
  for (const item of items) {
    const sub = item.expr.find(isSubquery);
    if (!sub) return limit("a column without a subquery");
    const aggregate = aggregateOf(sub.subquery);
    if (typeof aggregate === "string") return limit(aggregate);
    const rows = VIEWS[aggregate.view];
    if (!rows) return limit(`it does not list the rows of ${aggregate.view}`);
    const listed = rows(model);
    // Over no rows CHECKSUM_AGG is NULL, COUNT_BIG 0.
    row.push(aggregate.count ? listed.length : listed.length === 0 ? null : checksumAgg(listed));
  }
  return { resultSets: [{ columns, rows: [row] }] };
}
