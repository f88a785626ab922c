/**
 * The catalog queries: one per object class, whatever the number of objects, each reading the
 * catalog views with their real column names and returning flat rows that catalog.ts assembles
 * into the schema model.
 *
 * Every query starts with a marker comment (`/* catalog:tables *\/`), which tells the TDS test
 * server which of a model's catalog rows the query asks for, and shows the query in a trace.
 * Each query also declares its result columns and their SQL types, from which catalog.ts types
 * its rows. The test server does not take them from here: it binds each query against its own
 * knowledge of the catalog views (emulator/sql-server/catalog, from Microsoft's documentation)
 * and names its answer from the query's select list, so a column, alias or join the catalog
 * does not have fails there with SQL Server's error (207, 208, 4104).
 *
 * The set of tables considered user tables (USER_TABLES) is repeated as a subquery rather than
 * staged in a temp table, so every query stands alone and can run on a read-only replica.
 */

/** SQL types of result columns, and how each reaches JS through mssql. */
export type CatalogColumnType = "int" | "smallint" | "tinyint" | "bit" | "nvarchar" | "nvarchar(max)";

type JsValue<T extends CatalogColumnType> = T extends "bit"
  ? boolean
  : T extends "nvarchar" | "nvarchar(max)"
    ? string
    : number;

export interface CatalogQuery<C extends Record<string, CatalogColumnType>> {
  marker: string;
  columns: C;
  sql: string;
}

/** A row of a catalog query: every column may be NULL (outer joins, optional attributes). */
export type CatalogRow<Q extends CatalogQuery<Record<string, CatalogColumnType>>> = {
  [K in keyof Q["columns"]]: JsValue<Q["columns"][K]> | null;
};

function query<C extends Record<string, CatalogColumnType>>(name: string, columns: C, body: string): CatalogQuery<C> {
  const marker = `/* catalog:${name} */`;
  return { marker, columns, sql: `${marker}\n${body.trim()}` };
}

/**
 * Version-adaptive SQL. The catalog grows with SQL Server versions (temporal tables and masking in 2016, graph
 * tables in 2017...), and a query naming a view or column the source server lacks fails as a whole. A query that
 * reads such a view or column is therefore sent as one batch that builds its SELECT from the catalog of the
 * server it runs on and executes it: each `since` piece is `sql` where `needs` exists (a view such as
 * `sys.periods`, or a view's column such as `sys.tables.temporal_type`), else `otherwise` (NULL of the column's
 * type, an empty join). Still one request and one result set per query, whatever the version.
 */
interface Since {
  needs: string;
  sql: string;
  otherwise: string;
}

export function since(needs: string, sql: string, otherwise: string): Since {
  return { needs, sql, otherwise };
}

function nstring(text: string): string {
  return `N'${text.replace(/'/g, "''")}'`;
}

function exists(needs: string): string {
  const parts = needs.split(".");
  if (parts.length === 3) return `COL_LENGTH(${nstring(`${parts[0]}.${parts[1]}`)}, ${nstring(parts[2]!)}) IS NOT NULL`;
  return `OBJECT_ID(${nstring(needs)}) IS NOT NULL`;
}

/** `adaptive\`SELECT ${since(...)} FROM ...\`` → a batch that assembles and runs the SELECT for this server. */
function adaptive(strings: TemplateStringsArray, ...pieces: (Since | string)[]): string {
  const parts: string[] = ["CAST(N'' AS nvarchar(max))"];
  let text = "";
  strings.forEach((literal, i) => {
    text += literal;
    const piece = pieces[i];
    if (typeof piece === "string") text += piece;
    if (typeof piece !== "object") return;
    if (text !== "") parts.push(nstring(text));
    text = "";
    parts.push(`CASE WHEN ${exists(piece.needs)} THEN ${nstring(piece.sql)} ELSE ${nstring(piece.otherwise)} END`);
  });
  if (text !== "") parts.push(nstring(text));
  return `DECLARE @sql nvarchar(max) = ${parts.join("\n  + ")};\nEXEC sys.sp_executesql @sql;`;
}

/** Objects whose columns, constraints and indexes belong in the model: user tables and user table types. */
const USER_TABLES = `(SELECT t.object_id FROM sys.tables AS t WHERE t.is_ms_shipped = 0
  UNION ALL SELECT tt.type_table_object_id FROM sys.table_types AS tt WHERE tt.is_user_defined = 1)`;

/** User views: their indexes (indexed views) are read with the tables' indexes, from sys.indexes. */
const USER_VIEWS = `(SELECT v.object_id FROM sys.views AS v WHERE v.is_ms_shipped = 0)`;

/** Name of the partitioning column of an index (partition_ordinal = 1), for ON [scheme]([column]). */
const PARTITION_COLUMN = (indexAlias: string) => `(SELECT pc.name FROM sys.index_columns AS pic
    JOIN sys.columns AS pc ON pc.object_id = pic.object_id AND pc.column_id = pic.column_id
    WHERE pic.object_id = ${indexAlias}.object_id AND pic.index_id = ${indexAlias}.index_id AND pic.partition_ordinal = 1)`;

export const CATALOG_QUERIES = {
  database: query(
    "database",
    {
      name: "nvarchar",
      compatibility_level: "tinyint",
      collation_name: "nvarchar",
      recovery_model_desc: "nvarchar",
      is_trustworthy_on: "bit",
      is_db_chaining_on: "bit",
      is_broker_enabled: "bit",
      containment_desc: "nvarchar",
      is_read_committed_snapshot_on: "bit",
      snapshot_isolation_state: "tinyint",
      is_fulltext_enabled: "bit",
    },
    `SELECT d.name, d.compatibility_level, d.collation_name, d.recovery_model_desc, d.is_trustworthy_on,
       d.is_db_chaining_on, d.is_broker_enabled, d.containment_desc, d.is_read_committed_snapshot_on,
       d.snapshot_isolation_state, d.is_fulltext_enabled
FROM sys.databases AS d
WHERE d.database_id = DB_ID();`,
  ),

  filegroups: query(
    "filegroups",
    { name: "nvarchar", type: "nvarchar", is_default: "bit" },
    `SELECT fg.name, fg.type, fg.is_default FROM sys.filegroups AS fg ORDER BY fg.data_space_id;`,
  ),

  partitionFunctions: query(
    "partition-functions",
    {
      name: "nvarchar",
      boundary_value_on_right: "bit",
      type_name: "nvarchar",
      max_length: "smallint",
      precision: "tinyint",
      scale: "tinyint",
      boundary_id: "int",
      boundary_literal: "nvarchar(max)",
    },
    `SELECT pf.name, pf.boundary_value_on_right, TYPE_NAME(pp.user_type_id) AS type_name, pp.max_length, pp.precision, pp.scale,
       prv.boundary_id,
       CASE WHEN prv.value IS NULL THEN NULL
            WHEN CONVERT(sysname, SQL_VARIANT_PROPERTY(prv.value, 'BaseType'))
                 IN (N'tinyint', N'smallint', N'int', N'bigint', N'decimal', N'numeric', N'float', N'real', N'money', N'smallmoney', N'bit')
              THEN CONVERT(nvarchar(4000), prv.value)
            ELSE N'''' + REPLACE(CONVERT(nvarchar(4000), prv.value, 126), N'''', N'''''') + N''''
       END AS boundary_literal
FROM sys.partition_functions AS pf
JOIN sys.partition_parameters AS pp ON pp.function_id = pf.function_id AND pp.parameter_id = 1
LEFT JOIN sys.partition_range_values AS prv ON prv.function_id = pf.function_id AND prv.parameter_id = 1
ORDER BY pf.name, prv.boundary_id;`,
  ),

  partitionSchemes: query(
    "partition-schemes",
    { name: "nvarchar", function_name: "nvarchar", destination_id: "int", filegroup_name: "nvarchar" },
    `SELECT ps.name, pf.name AS function_name, dds.destination_id, fg.name AS filegroup_name
FROM sys.partition_schemes AS ps
JOIN sys.partition_functions AS pf ON pf.function_id = ps.function_id
JOIN sys.destination_data_spaces AS dds ON dds.partition_scheme_id = ps.data_space_id
JOIN sys.filegroups AS fg ON fg.data_space_id = dds.data_space_id
ORDER BY ps.name, dds.destination_id;`,
  ),

  schemas: query(
    "schemas",
    { name: "nvarchar", owner: "nvarchar" },
    // schema_id 1-4 are dbo, guest, INFORMATION_SCHEMA and sys; 16384 and up are the fixed database roles' schemas.
    `SELECT s.name, USER_NAME(s.principal_id) AS owner FROM sys.schemas AS s WHERE s.schema_id > 4 AND s.schema_id < 16384;`,
  ),

  aliasTypes: query(
    "alias-types",
    {
      schema_name: "nvarchar",
      name: "nvarchar",
      base_type: "nvarchar",
      max_length: "smallint",
      precision: "tinyint",
      scale: "tinyint",
      is_nullable: "bit",
    },
    `SELECT SCHEMA_NAME(t.schema_id) AS schema_name, t.name, TYPE_NAME(t.system_type_id) AS base_type,
       t.max_length, t.precision, t.scale, t.is_nullable
FROM sys.types AS t
WHERE t.is_user_defined = 1 AND t.is_table_type = 0 AND t.is_assembly_type = 0;`,
  ),

  tableTypes: query(
    "table-types",
    { object_id: "int", schema_name: "nvarchar", name: "nvarchar", is_memory_optimized: "bit" },
    `SELECT tt.type_table_object_id AS object_id, SCHEMA_NAME(tt.schema_id) AS schema_name, tt.name, tt.is_memory_optimized
FROM sys.table_types AS tt
WHERE tt.is_user_defined = 1;`,
  ),

  tables: query(
    "tables",
    {
      object_id: "int",
      schema_name: "nvarchar",
      name: "nvarchar",
      data_space_name: "nvarchar",
      data_space_type: "nvarchar",
      data_space_is_default: "bit",
      partition_column: "nvarchar",
      lob_data_space_name: "nvarchar",
      lob_data_space_is_default: "bit",
      filestream_data_space_name: "nvarchar",
      filestream_data_space_is_default: "bit",
      is_filetable: "bit",
      is_memory_optimized: "bit",
      durability_desc: "nvarchar",
      temporal_type: "tinyint",
      history_schema: "nvarchar",
      history_name: "nvarchar",
      history_retention_period: "int",
      history_retention_period_unit_desc: "nvarchar",
      period_start_column: "nvarchar",
      period_end_column: "nvarchar",
      is_node: "bit",
      is_edge: "bit",
    },
    // Temporal tables (2016), retention (2017) and graph tables (2017) only where the server has them.
    adaptive`SELECT t.object_id, SCHEMA_NAME(t.schema_id) AS schema_name, t.name,
       ds.name AS data_space_name, ds.type AS data_space_type, ds.is_default AS data_space_is_default,
       ${PARTITION_COLUMN("i")} AS partition_column,
       lds.name AS lob_data_space_name, lds.is_default AS lob_data_space_is_default,
       fds.name AS filestream_data_space_name, fds.is_default AS filestream_data_space_is_default,
       t.is_filetable, t.is_memory_optimized, t.durability_desc,
       ${since("sys.tables.temporal_type", "t.temporal_type", "CAST(0 AS tinyint)")} AS temporal_type,
       ${since("sys.tables.history_table_id", "OBJECT_SCHEMA_NAME(t.history_table_id)", "CAST(NULL AS sysname)")} AS history_schema,
       ${since("sys.tables.history_table_id", "OBJECT_NAME(t.history_table_id)", "CAST(NULL AS sysname)")} AS history_name,
       ${since("sys.tables.history_retention_period", "t.history_retention_period", "CAST(NULL AS int)")} AS history_retention_period,
       ${since("sys.tables.history_retention_period_unit_desc", "t.history_retention_period_unit_desc", "CAST(NULL AS nvarchar(60))")} AS history_retention_period_unit_desc,
       ${since("sys.periods", "COL_NAME(p.object_id, p.start_column_id)", "CAST(NULL AS sysname)")} AS period_start_column,
       ${since("sys.periods", "COL_NAME(p.object_id, p.end_column_id)", "CAST(NULL AS sysname)")} AS period_end_column,
       ${since("sys.tables.is_node", "t.is_node", "CAST(0 AS bit)")} AS is_node,
       ${since("sys.tables.is_edge", "t.is_edge", "CAST(0 AS bit)")} AS is_edge
FROM sys.tables AS t
LEFT JOIN sys.indexes AS i ON i.object_id = t.object_id AND i.index_id < 2
LEFT JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
LEFT JOIN sys.data_spaces AS lds ON lds.data_space_id = NULLIF(t.lob_data_space_id, 0)
LEFT JOIN sys.data_spaces AS fds ON fds.data_space_id = NULLIF(t.filestream_data_space_id, 0)
${since("sys.periods", "LEFT JOIN sys.periods AS p ON p.object_id = t.object_id AND p.period_type = 1", "")}
WHERE t.is_ms_shipped = 0;`,
  ),

  columns: query(
    "columns",
    {
      object_id: "int",
      column_id: "int",
      name: "nvarchar",
      type_name: "nvarchar",
      type_schema: "nvarchar",
      max_length: "smallint",
      precision: "tinyint",
      scale: "tinyint",
      is_nullable: "bit",
      collation_name: "nvarchar",
      is_rowguidcol: "bit",
      is_filestream: "bit",
      is_sparse: "bit",
      identity_seed: "nvarchar",
      identity_increment: "nvarchar",
      identity_not_for_replication: "bit",
      computed_definition: "nvarchar(max)",
      computed_is_persisted: "bit",
      default_name: "nvarchar",
      default_is_system_named: "bit",
      default_definition: "nvarchar(max)",
      is_column_set: "bit",
      generated_always_type: "tinyint",
      is_hidden: "bit",
      masking_function: "nvarchar",
      xml_collection_schema: "nvarchar",
      xml_collection_name: "nvarchar",
      is_xml_document: "bit",
    },
    // Generated-always and hidden columns and masking (2016) only where the server has them; the internal
    // columns of graph tables ($node_id...: graph_type set, 2017) are the server's, not the table's.
    adaptive`SELECT c.object_id, c.column_id, c.name, ty.name AS type_name,
       CASE WHEN ty.is_user_defined = 1 THEN SCHEMA_NAME(ty.schema_id) END AS type_schema,
       c.max_length, c.precision, c.scale, c.is_nullable, c.collation_name, c.is_rowguidcol, c.is_filestream, c.is_sparse,
       CONVERT(nvarchar(40), ic.seed_value) AS identity_seed, CONVERT(nvarchar(40), ic.increment_value) AS identity_increment,
       ic.is_not_for_replication AS identity_not_for_replication,
       cc.definition AS computed_definition, cc.is_persisted AS computed_is_persisted,
       dc.name AS default_name, dc.is_system_named AS default_is_system_named, dc.definition AS default_definition,
       c.is_column_set,
       ${since("sys.columns.generated_always_type", "c.generated_always_type", "CAST(0 AS tinyint)")} AS generated_always_type,
       ${since("sys.columns.is_hidden", "c.is_hidden", "CAST(0 AS bit)")} AS is_hidden,
       ${since("sys.masked_columns", "mc.masking_function", "CAST(NULL AS nvarchar(4000))")} AS masking_function,
       SCHEMA_NAME(xsc.schema_id) AS xml_collection_schema, xsc.name AS xml_collection_name, c.is_xml_document
FROM sys.columns AS c
JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id
LEFT JOIN sys.xml_schema_collections AS xsc ON xsc.xml_collection_id = c.xml_collection_id AND c.xml_collection_id <> 0
${since("sys.masked_columns", "LEFT JOIN sys.masked_columns AS mc ON mc.object_id = c.object_id AND mc.column_id = c.column_id AND mc.is_masked = 1", "")}
WHERE c.object_id IN ${USER_TABLES}
${since("sys.columns.graph_type", "AND c.graph_type IS NULL", "")}
ORDER BY c.object_id, c.column_id;`,
  ),

  keyConstraints: query(
    "key-constraints",
    {
      object_id: "int",
      name: "nvarchar",
      type: "nvarchar",
      is_system_named: "bit",
      index_type: "tinyint",
      data_space_name: "nvarchar",
      data_space_type: "nvarchar",
      data_space_is_default: "bit",
      partition_column: "nvarchar",
      key_ordinal: "tinyint",
      column_name: "nvarchar",
      is_descending_key: "bit",
    },
    `SELECT kc.parent_object_id AS object_id, kc.name, kc.type, kc.is_system_named, i.type AS index_type,
       ds.name AS data_space_name, ds.type AS data_space_type, ds.is_default AS data_space_is_default,
       ${PARTITION_COLUMN("i")} AS partition_column,
       ic.key_ordinal, col.name AS column_name, ic.is_descending_key
FROM sys.key_constraints AS kc
JOIN sys.indexes AS i ON i.object_id = kc.parent_object_id AND i.index_id = kc.unique_index_id
JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
JOIN sys.columns AS col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
LEFT JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
WHERE kc.parent_object_id IN ${USER_TABLES}
ORDER BY kc.parent_object_id, kc.name, ic.key_ordinal;`,
  ),

  checkConstraints: query(
    "check-constraints",
    {
      object_id: "int",
      name: "nvarchar",
      is_system_named: "bit",
      definition: "nvarchar(max)",
      column_name: "nvarchar",
      is_disabled: "bit",
      is_not_for_replication: "bit",
    },
    `SELECT cc.parent_object_id AS object_id, cc.name, cc.is_system_named, cc.definition,
       CASE WHEN cc.parent_column_id > 0 THEN COL_NAME(cc.parent_object_id, cc.parent_column_id) END AS column_name,
       cc.is_disabled, cc.is_not_for_replication
FROM sys.check_constraints AS cc
WHERE cc.parent_object_id IN ${USER_TABLES}
ORDER BY cc.parent_object_id, cc.name;`,
  ),

  foreignKeys: query(
    "foreign-keys",
    {
      object_id: "int",
      name: "nvarchar",
      is_system_named: "bit",
      referenced_schema: "nvarchar",
      referenced_table: "nvarchar",
      delete_referential_action_desc: "nvarchar",
      update_referential_action_desc: "nvarchar",
      is_disabled: "bit",
      is_not_for_replication: "bit",
      constraint_column_id: "int",
      column_name: "nvarchar",
      referenced_column: "nvarchar",
    },
    `SELECT fk.parent_object_id AS object_id, fk.name, fk.is_system_named,
       OBJECT_SCHEMA_NAME(fk.referenced_object_id) AS referenced_schema, OBJECT_NAME(fk.referenced_object_id) AS referenced_table,
       fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_disabled, fk.is_not_for_replication,
       fkc.constraint_column_id,
       COL_NAME(fkc.parent_object_id, fkc.parent_column_id) AS column_name,
       COL_NAME(fkc.referenced_object_id, fkc.referenced_column_id) AS referenced_column
FROM sys.foreign_keys AS fk
JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
WHERE fk.parent_object_id IN ${USER_TABLES}
ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id;`,
  ),

  indexes: query(
    "indexes",
    {
      object_id: "int",
      name: "nvarchar",
      type: "tinyint",
      is_unique: "bit",
      filter_definition: "nvarchar(max)",
      data_space_name: "nvarchar",
      data_space_type: "nvarchar",
      data_space_is_default: "bit",
      partition_column: "nvarchar",
      bucket_count: "int",
      index_column_id: "int",
      key_ordinal: "tinyint",
      is_included_column: "bit",
      is_descending_key: "bit",
      column_name: "nvarchar",
      xml_index_type: "tinyint",
      xml_secondary_type_desc: "nvarchar",
      xml_using_index: "nvarchar",
      tessellation_scheme: "nvarchar",
      bounding_box: "nvarchar",
      grids: "nvarchar",
      cells_per_object: "int",
    },
    // Indexes that back PRIMARY KEY / UNIQUE constraints are read with the constraints. XML and spatial index
    // details come from sys.xml_indexes and sys.spatial_index_tessellations (both SQL Server 2008 and later).
    // Indexed views' indexes come in the same rows (object_id is then a view's, as the views query gives it).
    `SELECT i.object_id, i.name, i.type, i.is_unique, i.filter_definition,
       ds.name AS data_space_name, ds.type AS data_space_type, ds.is_default AS data_space_is_default,
       ${PARTITION_COLUMN("i")} AS partition_column,
       CONVERT(int, hi.bucket_count) AS bucket_count,
       ic.index_column_id, ic.key_ordinal, ic.is_included_column, ic.is_descending_key, col.name AS column_name,
       xi.xml_index_type, xi.secondary_type_desc AS xml_secondary_type_desc, pxi.name AS xml_using_index,
       sit.tessellation_scheme,
       CASE WHEN sit.bounding_box_xmin IS NOT NULL THEN
         CONVERT(nvarchar(60), CONVERT(decimal(38, 10), sit.bounding_box_xmin)) + N',' + CONVERT(nvarchar(60), CONVERT(decimal(38, 10), sit.bounding_box_ymin)) + N','
         + CONVERT(nvarchar(60), CONVERT(decimal(38, 10), sit.bounding_box_xmax)) + N',' + CONVERT(nvarchar(60), CONVERT(decimal(38, 10), sit.bounding_box_ymax)) END AS bounding_box,
       sit.level_1_grid_desc + N',' + sit.level_2_grid_desc + N',' + sit.level_3_grid_desc + N',' + sit.level_4_grid_desc AS grids,
       sit.cells_per_object
FROM sys.indexes AS i
LEFT JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
LEFT JOIN sys.columns AS col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
LEFT JOIN sys.data_spaces AS ds ON ds.data_space_id = i.data_space_id
LEFT JOIN sys.hash_indexes AS hi ON hi.object_id = i.object_id AND hi.index_id = i.index_id
LEFT JOIN sys.xml_indexes AS xi ON xi.object_id = i.object_id AND xi.index_id = i.index_id
LEFT JOIN sys.indexes AS pxi ON pxi.object_id = xi.object_id AND pxi.index_id = xi.using_xml_index_id
LEFT JOIN sys.spatial_index_tessellations AS sit ON sit.object_id = i.object_id AND sit.index_id = i.index_id
WHERE (i.object_id IN ${USER_TABLES} OR i.object_id IN ${USER_VIEWS}) AND i.type > 0 AND i.is_primary_key = 0 AND i.is_unique_constraint = 0
ORDER BY i.object_id, i.name, ic.key_ordinal, ic.index_column_id;`,
  ),

  views: query(
    "views",
    {
      object_id: "int",
      schema_name: "nvarchar",
      name: "nvarchar",
      definition: "nvarchar(max)",
      is_schema_bound: "bit",
    },
    // object_id ties an indexed view to its rows of the indexes query.
    `SELECT v.object_id, SCHEMA_NAME(v.schema_id) AS schema_name, v.name, m.definition, m.is_schema_bound
FROM sys.views AS v
JOIN sys.sql_modules AS m ON m.object_id = v.object_id
WHERE v.is_ms_shipped = 0;`,
  ),

  routines: query(
    "routines",
    {
      schema_name: "nvarchar",
      name: "nvarchar",
      type: "nvarchar",
      definition: "nvarchar(max)",
      is_schema_bound: "bit",
    },
    // sys.objects.type is char(2): 'P ' comes back padded, hence RTRIM. CLR routines have no sql_modules row.
    `SELECT SCHEMA_NAME(o.schema_id) AS schema_name, o.name, RTRIM(o.type) AS type, m.definition, m.is_schema_bound
FROM sys.objects AS o
LEFT JOIN sys.sql_modules AS m ON m.object_id = o.object_id
WHERE o.type IN ('FN', 'IF', 'TF', 'FS', 'FT', 'P', 'PC') AND o.is_ms_shipped = 0;`,
  ),

  numberedProcedures: query(
    "numbered-procedures",
    { schema_name: "nvarchar", name: "nvarchar", procedure_number: "smallint", definition: "nvarchar(max)" },
    // Members 2, 3... of numbered procedure groups (deprecated; the view does not exist on Azure SQL Database).
    `SELECT OBJECT_SCHEMA_NAME(np.object_id) AS schema_name, OBJECT_NAME(np.object_id) AS name, np.procedure_number, np.definition
FROM sys.numbered_procedures AS np
WHERE np.procedure_number > 1
ORDER BY np.object_id, np.procedure_number;`,
  ),

  triggers: query(
    "triggers",
    {
      name: "nvarchar",
      parent_class: "tinyint",
      parent_schema: "nvarchar",
      parent_name: "nvarchar",
      is_instead_of_trigger: "bit",
      is_disabled: "bit",
      definition: "nvarchar(max)",
      event: "nvarchar",
    },
    // A trigger created on an event group lists every event of the group; the group name is what was declared.
    `SELECT tr.name, tr.parent_class, OBJECT_SCHEMA_NAME(tr.parent_id) AS parent_schema, OBJECT_NAME(tr.parent_id) AS parent_name,
       tr.is_instead_of_trigger, tr.is_disabled, m.definition,
       COALESCE(te.event_group_type_desc, te.type_desc) AS event
FROM sys.triggers AS tr
LEFT JOIN sys.sql_modules AS m ON m.object_id = tr.object_id
LEFT JOIN sys.trigger_events AS te ON te.object_id = tr.object_id
WHERE tr.is_ms_shipped = 0
ORDER BY tr.object_id, te.type;`,
  ),

  sequences: query(
    "sequences",
    {
      schema_name: "nvarchar",
      name: "nvarchar",
      type_name: "nvarchar",
      precision: "tinyint",
      scale: "tinyint",
      start_value: "nvarchar",
      increment: "nvarchar",
      minimum_value: "nvarchar",
      maximum_value: "nvarchar",
      is_cycling: "bit",
      is_cached: "bit",
      cache_size: "int",
    },
    `SELECT SCHEMA_NAME(s.schema_id) AS schema_name, s.name, TYPE_NAME(s.user_type_id) AS type_name, s.precision, s.scale,
       CONVERT(nvarchar(40), s.start_value) AS start_value, CONVERT(nvarchar(40), s.increment) AS increment,
       CONVERT(nvarchar(40), s.minimum_value) AS minimum_value, CONVERT(nvarchar(40), s.maximum_value) AS maximum_value,
       s.is_cycling, s.is_cached, s.cache_size
FROM sys.sequences AS s;`,
  ),

  synonyms: query(
    "synonyms",
    { schema_name: "nvarchar", name: "nvarchar", base_object_name: "nvarchar" },
    `SELECT SCHEMA_NAME(sn.schema_id) AS schema_name, sn.name, sn.base_object_name FROM sys.synonyms AS sn;`,
  ),

  users: query(
    "users",
    {
      name: "nvarchar",
      type: "nvarchar",
      authentication_type_desc: "nvarchar",
      login_name: "nvarchar",
      default_schema_name: "nvarchar",
    },
    // principal_id 1-4 are dbo, guest, INFORMATION_SCHEMA and sys.
    `SELECT dp.name, dp.type, dp.authentication_type_desc, SUSER_SNAME(dp.sid) AS login_name, dp.default_schema_name
FROM sys.database_principals AS dp
WHERE dp.type IN ('S', 'U', 'G', 'E', 'X', 'C', 'K') AND dp.principal_id > 4;`,
  ),

  roles: query(
    "roles",
    { name: "nvarchar", owner: "nvarchar", member: "nvarchar" },
    // User-defined roles only: fixed roles (db_owner...) and public exist everywhere.
    `SELECT r.name, USER_NAME(r.owning_principal_id) AS owner, m.name AS member
FROM sys.database_principals AS r
LEFT JOIN sys.database_role_members AS rm ON rm.role_principal_id = r.principal_id
LEFT JOIN sys.database_principals AS m ON m.principal_id = rm.member_principal_id
WHERE r.type = 'R' AND r.is_fixed_role = 0 AND r.name <> N'public'
ORDER BY r.name, m.name;`,
  ),

  permissions: query(
    "permissions",
    {
      state_desc: "nvarchar",
      permission_name: "nvarchar",
      class: "tinyint",
      object_schema: "nvarchar",
      object_name: "nvarchar",
      schema_name: "nvarchar",
      principal: "nvarchar",
    },
    // Database (0), object (1, whole objects only) and schema (3) permissions granted to user principals;
    // the CONNECT every user gets with CREATE USER is left out, as are grants on system objects.
    `SELECT p.state_desc, p.permission_name, p.class, SCHEMA_NAME(o.schema_id) AS object_schema, o.name AS object_name,
       s.name AS schema_name, USER_NAME(p.grantee_principal_id) AS principal
FROM sys.database_permissions AS p
LEFT JOIN sys.objects AS o ON p.class = 1 AND o.object_id = p.major_id
LEFT JOIN sys.schemas AS s ON p.class = 3 AND s.schema_id = p.major_id
WHERE p.grantee_principal_id > 4 AND p.minor_id = 0 AND p.state_desc <> 'REVOKE'
  AND (p.class = 0 AND p.permission_name <> 'CONNECT' OR p.class = 1 AND o.is_ms_shipped = 0 OR p.class = 3);`,
  ),

  assemblies: query(
    "assemblies",
    { name: "nvarchar", permission_set_desc: "nvarchar" },
    `SELECT a.name, a.permission_set_desc FROM sys.assemblies AS a WHERE a.is_user_defined = 1;`,
  ),

  queues: query(
    "queues",
    { schema_name: "nvarchar", name: "nvarchar", activation_procedure: "nvarchar" },
    `SELECT SCHEMA_NAME(q.schema_id) AS schema_name, q.name, q.activation_procedure
FROM sys.service_queues AS q
WHERE q.is_ms_shipped = 0;`,
  ),

  services: query(
    "services",
    { name: "nvarchar", queue_schema: "nvarchar", queue_name: "nvarchar", contract: "nvarchar" },
    `SELECT sv.name, SCHEMA_NAME(q.schema_id) AS queue_schema, q.name AS queue_name, c.name AS contract
FROM sys.services AS sv
JOIN sys.service_queues AS q ON q.object_id = sv.service_queue_id
LEFT JOIN sys.service_contract_usages AS u ON u.service_id = sv.service_id
LEFT JOIN sys.service_contracts AS c ON c.service_contract_id = u.service_contract_id
WHERE sv.name NOT LIKE N'http://schemas.microsoft.com/SQL/%'
ORDER BY sv.name, c.name;`,
  ),

  securityPolicies: query(
    "security-policies",
    {
      schema_name: "nvarchar",
      name: "nvarchar",
      is_enabled: "bit",
      is_schema_bound: "bit",
      is_not_for_replication: "bit",
      security_predicate_id: "int",
      predicate_type_desc: "nvarchar",
      predicate_definition: "nvarchar(max)",
      target_schema: "nvarchar",
      target_name: "nvarchar",
      operation_desc: "nvarchar",
    },
    // Row-level security (2016): an empty result where the server has no sys.security_policies.
    adaptive`${since(
      "sys.security_policies",
      `SELECT SCHEMA_NAME(sp.schema_id) AS schema_name, sp.name, sp.is_enabled, sp.is_schema_bound, sp.is_not_for_replication,
       pr.security_predicate_id, pr.predicate_type_desc, pr.predicate_definition,
       OBJECT_SCHEMA_NAME(pr.target_object_id) AS target_schema, OBJECT_NAME(pr.target_object_id) AS target_name, pr.operation_desc
FROM sys.security_policies AS sp
LEFT JOIN sys.security_predicates AS pr ON pr.object_id = sp.object_id
WHERE sp.is_ms_shipped = 0
ORDER BY sp.object_id, pr.security_predicate_id;`,
      `SELECT CAST(NULL AS sysname) AS schema_name, CAST(NULL AS sysname) AS name, CAST(NULL AS bit) AS is_enabled,
       CAST(NULL AS bit) AS is_schema_bound, CAST(NULL AS bit) AS is_not_for_replication, CAST(NULL AS int) AS security_predicate_id,
       CAST(NULL AS nvarchar(60)) AS predicate_type_desc, CAST(NULL AS nvarchar(max)) AS predicate_definition,
       CAST(NULL AS sysname) AS target_schema, CAST(NULL AS sysname) AS target_name, CAST(NULL AS nvarchar(60)) AS operation_desc
WHERE 1 = 0;`,
    )}`,
  ),

  fulltextIndexes: query(
    "fulltext-indexes",
    {
      object_id: "int",
      key_index: "nvarchar",
      catalog_name: "nvarchar",
      change_tracking_state_desc: "nvarchar",
      stoplist_id: "int",
      stoplist_name: "nvarchar",
      column_name: "nvarchar",
      type_column: "nvarchar",
      language_id: "int",
      statistical_semantics: "bit",
    },
    // stoplist_id: NULL = STOPLIST OFF, 0 = the system stoplist, else a user stoplist.
    `SELECT fi.object_id, ki.name AS key_index, fc.name AS catalog_name, fi.change_tracking_state_desc,
       fi.stoplist_id, sl.name AS stoplist_name,
       col.name AS column_name, tcol.name AS type_column, fic.language_id, CONVERT(bit, fic.statistical_semantics) AS statistical_semantics
FROM sys.fulltext_indexes AS fi
JOIN sys.indexes AS ki ON ki.object_id = fi.object_id AND ki.index_id = fi.unique_index_id
LEFT JOIN sys.fulltext_catalogs AS fc ON fc.fulltext_catalog_id = fi.fulltext_catalog_id
LEFT JOIN sys.fulltext_stoplists AS sl ON sl.stoplist_id = fi.stoplist_id
LEFT JOIN sys.fulltext_index_columns AS fic ON fic.object_id = fi.object_id
LEFT JOIN sys.columns AS col ON col.object_id = fic.object_id AND col.column_id = fic.column_id
LEFT JOIN sys.columns AS tcol ON tcol.object_id = fic.object_id AND tcol.column_id = fic.type_column_id
WHERE fi.object_id IN ${USER_TABLES}
ORDER BY fi.object_id, fic.column_id;`,
  ),

  edgeConstraints: query(
    "edge-constraints",
    {
      object_id: "int",
      name: "nvarchar",
      is_system_named: "bit",
      delete_referential_action_desc: "nvarchar",
      clause_number: "int",
      from_schema: "nvarchar",
      from_name: "nvarchar",
      to_schema: "nvarchar",
      to_name: "nvarchar",
    },
    // Edge constraints of graph tables (SQL Server 2019): an empty result where the server has none.
    adaptive`${since(
      "sys.edge_constraints",
      `SELECT ec.parent_object_id AS object_id, ec.name, ec.is_system_named, ec.delete_referential_action_desc,
       ecc.clause_number, OBJECT_SCHEMA_NAME(ecc.from_object_id) AS from_schema, OBJECT_NAME(ecc.from_object_id) AS from_name,
       OBJECT_SCHEMA_NAME(ecc.to_object_id) AS to_schema, OBJECT_NAME(ecc.to_object_id) AS to_name
FROM sys.edge_constraints AS ec
JOIN sys.edge_constraint_clauses AS ecc ON ecc.object_id = ec.object_id
ORDER BY ec.parent_object_id, ec.name, ecc.clause_number;`,
      `SELECT CAST(NULL AS int) AS object_id, CAST(NULL AS sysname) AS name, CAST(NULL AS bit) AS is_system_named,
       CAST(NULL AS nvarchar(60)) AS delete_referential_action_desc, CAST(NULL AS int) AS clause_number,
       CAST(NULL AS sysname) AS from_schema, CAST(NULL AS sysname) AS from_name, CAST(NULL AS sysname) AS to_schema, CAST(NULL AS sysname) AS to_name
WHERE 1 = 0;`,
    )}`,
  ),

  xmlSchemaCollections: query(
    "xml-schema-collections",
    { schema_name: "nvarchar", name: "nvarchar", definition: "nvarchar(max)" },
    // User collections (not sys.sys); XML_SCHEMA_NAMESPACE gives back every schema of the collection as one document.
    `SELECT SCHEMA_NAME(x.schema_id) AS schema_name, x.name,
       CONVERT(nvarchar(max), XML_SCHEMA_NAMESPACE(SCHEMA_NAME(x.schema_id), x.name)) AS definition
FROM sys.xml_schema_collections AS x
WHERE x.schema_id <> SCHEMA_ID(N'sys');`,
  ),

  fulltextCatalogs: query(
    "fulltext-catalogs",
    { name: "nvarchar", is_default: "bit" },
    `SELECT fc.name, fc.is_default FROM sys.fulltext_catalogs AS fc;`,
  ),
} as const;

export type CatalogQueryName = keyof typeof CATALOG_QUERIES;
export type CatalogRows = { [N in CatalogQueryName]: CatalogRow<(typeof CATALOG_QUERIES)[N]>[] };
