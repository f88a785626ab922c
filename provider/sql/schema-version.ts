/**
 * The schema-version probe: one query that says whether a source database's schema may have changed since the
 * last extraction, so `check` can skip the full catalog read (30 queries, the assessment and the hashes) when
 * nothing did. Each column aggregates one catalog view; the answer, taken as a whole, is the version.
 *
 * What each part covers, from Microsoft's documentation of the catalog views (learn.microsoft.com,
 * "sys.objects (Transact-SQL)"): `modify_date` is the "date the object was last modified by using an ALTER
 * statement; if the object is a table or a view, modify_date also changes when an index on the table or view
 * is created or altered". So sys.objects (object_id, name, schema and modify_date, plus the row count for
 * objects created or dropped) covers tables with their columns and constraints, views, modules, triggers on
 * tables, sequences, synonyms, table types, queues, security policies. What it does not cover is read from its
 * own view, without a date where the view has none:
 *   - sys.indexes: a dropped or disabled index (the page promises a new modify_date for "created or altered");
 *   - sys.columns: a column renamed with sp_rename, which is not an ALTER statement;
 *   - sys.triggers with parent_class 0: database (DDL) triggers are not in sys.objects;
 *   - sys.schemas, sys.types (user-defined), sys.database_role_members, sys.database_permissions: no dates;
 *   - sys.database_principals, sys.xml_schema_collections, sys.partition_functions, sys.assemblies: their own
 *     modify_date; sys.data_spaces (filegroups, partition schemes), sys.fulltext_catalogs,
 *     sys.fulltext_indexes, sys.services: no dates;
 *   - sys.databases: the database options the extraction reads.
 * Extended properties are not part of the extracted model, so they are not probed.
 *
 * CHECKSUM_AGG can miss a change (Microsoft: "a small chance that the checksum will not change"); the count and
 * the per-view split narrow that, and any doubt costs only what every check cost before: a full read when the
 * version differs. Every column is CAST so its type does not depend on the server's inference.
 */

import { withConnection, type SqlConnectionSpec } from "./connection";

/** Marked like the catalog queries, so traces and the TDS test server recognise it. */
export const SCHEMA_VERSION_MARKER = "/* catalog:schemaVersion */";

/** `alias` ← one aggregate over one catalog view. */
const PARTS: ReadonlyArray<[alias: string, sql: string]> = [
  ["objects", "SELECT COUNT_BIG(*) FROM sys.objects AS o WHERE o.is_ms_shipped = 0"],
  [
    "objects_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(o.object_id, o.name, o.schema_id, o.parent_object_id, o.modify_date)) FROM sys.objects AS o WHERE o.is_ms_shipped = 0",
  ],
  [
    "indexes_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(i.object_id, i.index_id, i.name, i.is_disabled)) FROM sys.indexes AS i",
  ],
  ["columns_checksum", "SELECT CHECKSUM_AGG(CHECKSUM(c.object_id, c.column_id, c.name)) FROM sys.columns AS c"],
  [
    "database_triggers_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(tr.object_id, tr.name, tr.modify_date, tr.is_disabled)) FROM sys.triggers AS tr WHERE tr.parent_class = 0",
  ],
  ["schemas_checksum", "SELECT CHECKSUM_AGG(CHECKSUM(s.schema_id, s.name, s.principal_id)) FROM sys.schemas AS s"],
  [
    "types_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(t.user_type_id, t.name, t.schema_id, t.system_type_id, t.max_length, t.precision, t.scale, t.is_nullable)) FROM sys.types AS t WHERE t.is_user_defined = 1",
  ],
  [
    "principals_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(dp.principal_id, dp.name, dp.type, dp.default_schema_name, dp.modify_date)) FROM sys.database_principals AS dp",
  ],
  [
    "role_members_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(rm.role_principal_id, rm.member_principal_id)) FROM sys.database_role_members AS rm",
  ],
  [
    "permissions_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(p.class, p.major_id, p.minor_id, p.grantee_principal_id, p.type, p.state)) FROM sys.database_permissions AS p",
  ],
  [
    "xml_schema_collections_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(x.xml_collection_id, x.name, x.modify_date)) FROM sys.xml_schema_collections AS x",
  ],
  [
    "partition_functions_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(pf.function_id, pf.name, pf.modify_date)) FROM sys.partition_functions AS pf",
  ],
  [
    "data_spaces_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(ds.data_space_id, ds.name, ds.type, ds.is_default)) FROM sys.data_spaces AS ds",
  ],
  [
    "assemblies_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(a.assembly_id, a.name, a.permission_set, a.modify_date)) FROM sys.assemblies AS a",
  ],
  [
    "fulltext_catalogs_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(fc.fulltext_catalog_id, fc.name, fc.is_default)) FROM sys.fulltext_catalogs AS fc",
  ],
  [
    "fulltext_indexes_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(fi.object_id, fi.fulltext_catalog_id, fi.is_enabled, fi.change_tracking_state, fi.stoplist_id)) FROM sys.fulltext_indexes AS fi",
  ],
  [
    "services_checksum",
    "SELECT CHECKSUM_AGG(CHECKSUM(sv.service_id, sv.name, sv.service_queue_id)) FROM sys.services AS sv",
  ],
  [
    "database_checksum",
    `SELECT CHECKSUM_AGG(CHECKSUM(d.name, d.compatibility_level, d.collation_name, d.recovery_model_desc, d.is_trustworthy_on,
       d.is_db_chaining_on, d.is_broker_enabled, d.containment_desc, d.is_read_committed_snapshot_on,
       d.snapshot_isolation_state, d.is_fulltext_enabled)) FROM sys.databases AS d WHERE d.database_id = DB_ID()`,
  ],
];

/** The result columns, in order: what the version is made of. */
export const SCHEMA_VERSION_COLUMNS: readonly string[] = PARTS.map(([alias]) => alias);

export const SCHEMA_VERSION_QUERY = `${SCHEMA_VERSION_MARKER}
SELECT
  ${PARTS.map(([alias, sql], i) => `CAST((${sql}) AS ${i === 0 ? "bigint" : "int"}) AS ${alias}`).join(",\n  ")};`;

/**
 * Runs the probe on one connection and returns its answer as one string (the columns in order). Transient
 * errors are not retried here: a probe that fails costs a full read, which has its own retries.
 */
export function readSchemaVersion(spec: SqlConnectionSpec): Promise<string> {
  return withConnection(spec, async (session) => {
    const result = await session.query<Record<string, unknown>>(SCHEMA_VERSION_QUERY);
    const row = result.recordsets[0]?.[0];
    if (row === undefined) throw new Error("the schema-version probe returned no row");
    return SCHEMA_VERSION_COLUMNS.map((column) => {
      if (!(column in row)) throw new Error(`the schema-version probe returned no column ${column}`);
      return String(row[column] ?? "null");
    }).join(":");
  });
}
