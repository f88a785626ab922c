/**
 * The inverse of provider/sql/catalog-assembly.ts: what SQL Server's catalog views would return for
 * a schema model, row by row, in the shape each catalog query declares. This is how the TDS test
 * server "has" a database without an engine.
 *
 * Written independently from the assembly code on purpose (from the catalog views' semantics), so
 * the round-trip test catches a mapping mistake on either side.
 */
import type { CatalogRows } from "../../provider/sql/catalog-queries";
import { quoteParts } from "../../provider/schema/quote";
import type {
  ColumnDef,
  DatabaseModel,
  DataSpaceRef,
  IndexDef,
  IndexType,
  KeyConstraintDef,
  TableDef,
  TableTypeDef,
} from "../../provider/schema/model";

type Rows = { [K in keyof CatalogRows]: Array<Record<string, unknown>> };

const DEFAULT_FILEGROUP = "PRIMARY";
const INDEX_TYPE_IDS: Record<IndexType, number> = {
  clustered: 1,
  nonclustered: 2,
  xml: 3,
  spatial: 4,
  clusteredColumnstore: 5,
  nonclusteredColumnstore: 6,
  hash: 7,
};

function dataSpaceColumns(space: DataSpaceRef | undefined, defaultFilegroup: string) {
  if (!space)
    return {
      data_space_name: defaultFilegroup,
      data_space_type: "FG",
      data_space_is_default: true,
      partition_column: null,
    };
  return {
    data_space_name: space.name,
    data_space_type: space.kind === "partitionScheme" ? "PS" : "FG",
    data_space_is_default: space.kind === "filegroup" && space.name === defaultFilegroup,
    partition_column: space.partitionColumn ?? null,
  };
}

/** "decimal(18,2)" → name and sizes in catalog units (nvarchar(50) → 100 bytes). */
function parseTypeName(text: string): { name: string; maxLength: number; precision: number; scale: number } {
  const match = /^(\w+)(?:\((max|\d+)(?:\s*,\s*(\d+))?\))?$/i.exec(text.trim());
  if (!match) return { name: text, maxLength: 0, precision: 0, scale: 0 };
  const name = match[1].toLowerCase();
  const first = match[2] === undefined ? undefined : match[2].toLowerCase() === "max" ? -1 : Number(match[2]);
  if (name === "decimal" || name === "numeric")
    return { name, maxLength: 17, precision: first ?? 18, scale: Number(match[3] ?? 0) };
  if (name === "nvarchar" || name === "nchar")
    return { name, maxLength: first === -1 ? -1 : (first ?? 1) * 2, precision: 0, scale: 0 };
  if (["varchar", "char", "varbinary", "binary"].includes(name))
    return { name, maxLength: first ?? 1, precision: 0, scale: 0 };
  if (["datetime2", "time", "datetimeoffset"].includes(name))
    return { name, maxLength: 8, precision: 0, scale: first ?? 7 };
  const fixed: Record<string, [number, number]> = {
    tinyint: [1, 3],
    smallint: [2, 5],
    int: [4, 10],
    bigint: [8, 19],
    date: [3, 10],
  };
  const [maxLength, precision] = fixed[name] ?? [0, 0];
  return { name, maxLength, precision, scale: 0 };
}

const TYPE_BOUNDS: Record<string, [string, string]> = {
  tinyint: ["0", "255"],
  smallint: ["-32768", "32767"],
  int: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"],
};

function emptyRows(): Rows {
  return {
    database: [],
    filegroups: [],
    partitionFunctions: [],
    partitionSchemes: [],
    schemas: [],
    aliasTypes: [],
    tableTypes: [],
    tables: [],
    columns: [],
    keyConstraints: [],
    checkConstraints: [],
    foreignKeys: [],
    indexes: [],
    views: [],
    routines: [],
    numberedProcedures: [],
    triggers: [],
    sequences: [],
    synonyms: [],
    users: [],
    roles: [],
    permissions: [],
    assemblies: [],
    queues: [],
    services: [],
    fulltextCatalogs: [],
    securityPolicies: [],
    fulltextIndexes: [],
    edgeConstraints: [],
    xmlSchemaCollections: [],
  };
}

/** The catalog rows of the whole model, one catalog group at a time. */
export function catalogRowsFromModel(model: DatabaseModel): Rows {
  const rows = emptyRows();
  addDatabaseRow(rows, model);
  addStorageRows(rows, model);
  for (const schema of model.schemas) rows.schemas.push({ name: schema.name, owner: schema.owner ?? "dbo" });
  // Table types, tables and views get object ids in this order, as the server would have numbered them.
  const objects = new ObjectRows(rows, model);
  addTypeRows(objects, model);
  addTableRows(objects, model);
  addViewRows(objects, model);
  addRoutineRows(rows, model);
  addTriggerRows(rows, model);
  addSequenceRows(rows, model);
  for (const synonym of model.synonyms)
    rows.synonyms.push({ schema_name: synonym.schema, name: synonym.name, base_object_name: synonym.baseObjectName });
  addSecurityRows(rows, model);
  addServiceBrokerAndClrRows(rows, model);
  for (const catalog of model.fulltextCatalogs)
    rows.fulltextCatalogs.push({ name: catalog.name, is_default: catalog.isDefault });
  // XML_SCHEMA_NAMESPACE returns the collection's schemas as one document, without XML declarations.
  for (const collection of model.xmlSchemaCollections) {
    const definition = collection.schemas.map((xsd) => xsd.replace(/^\s*<\?xml[^?]*\?>\s*/, "")).join("");
    rows.xmlSchemaCollections.push({ schema_name: collection.schema, name: collection.name, definition });
  }
  addSecurityPolicyRows(rows, model);
  return rows;
}

function addDatabaseRow(rows: Rows, model: DatabaseModel): void {
  const o = model.options;
  rows.database.push({
    name: model.databaseName ?? "db",
    compatibility_level: o.compatibilityLevel ?? null,
    collation_name: o.collation ?? null,
    recovery_model_desc: o.recoveryModel ?? null,
    is_trustworthy_on: o.isTrustworthy ?? null,
    is_db_chaining_on: o.isDbChaining ?? null,
    is_broker_enabled: o.isBrokerEnabled ?? null,
    containment_desc: o.containment ?? null,
    is_read_committed_snapshot_on: o.isReadCommittedSnapshotOn ?? null,
    snapshot_isolation_state: o.allowSnapshotIsolation === undefined ? null : o.allowSnapshotIsolation ? 1 : 0,
    is_fulltext_enabled: o.isFulltextEnabled ?? null,
  });
}

const FILEGROUP_TYPES = { rows: "FG", filestream: "FD", memoryOptimized: "FX" } as const;

/** Filegroups, partition functions (a row per boundary) and partition schemes (a row per partition). */
function addStorageRows(rows: Rows, model: DatabaseModel): void {
  for (const fg of model.filegroups)
    rows.filegroups.push({ name: fg.name, type: FILEGROUP_TYPES[fg.type], is_default: fg.isDefault });

  for (const pf of model.partitionFunctions) {
    const type = parseTypeName(pf.parameterType);
    const base = {
      name: pf.name,
      boundary_value_on_right: pf.rangeType === "RIGHT",
      type_name: type.name,
      max_length: type.maxLength,
      precision: type.precision,
      scale: type.scale,
    };
    if (pf.boundaries.length === 0)
      rows.partitionFunctions.push({ ...base, boundary_id: null, boundary_literal: null });
    pf.boundaries.forEach((literal, index) =>
      rows.partitionFunctions.push({ ...base, boundary_id: index + 1, boundary_literal: literal }),
    );
  }

  for (const ps of model.partitionSchemes) {
    const fn = model.partitionFunctions.find((candidate) => candidate.name === ps.functionName);
    const partitions = ps.all ? (fn ? fn.boundaries.length + 1 : 2) : ps.filegroups.length;
    for (let i = 0; i < partitions; i++) {
      rows.partitionSchemes.push({
        name: ps.name,
        function_name: ps.functionName,
        destination_id: i + 1,
        filegroup_name: ps.all ? ps.filegroups[0] : ps.filegroups[i],
      });
    }
  }
}

/** Rows of objects that have an object_id (table types, tables, views) and of their children. */
class ObjectRows {
  nextObjectId = 1000;
  readonly collation: string;
  readonly defaultFilegroup: string;

  constructor(
    readonly rows: Rows,
    model: DatabaseModel,
  ) {
    this.collation = model.options.collation ?? "SQL_Latin1_General_CP1_CI_AS";
    this.defaultFilegroup = model.filegroups.find((fg) => fg.isDefault)?.name ?? DEFAULT_FILEGROUP;
  }

  /** sys.indexes rows (with sys.index_columns) of a table, a table type or an indexed view. */
  addIndexes(objectId: number, indexes: readonly IndexDef[]): void {
    for (const index of indexes) {
      const base = indexRow(objectId, index, this.defaultFilegroup);
      const entries = [
        ...index.columns.map((column, i) => ({
          column_name: column.name,
          is_descending_key: column.descending,
          is_included_column: false,
          key_ordinal: index.type === "nonclusteredColumnstore" ? 0 : i + 1,
        })),
        ...index.includedColumns.map((name) => ({
          column_name: name,
          is_descending_key: false,
          is_included_column: true,
          key_ordinal: 0,
        })),
      ];
      if (entries.length === 0)
        this.rows.indexes.push({
          ...base,
          index_column_id: null,
          key_ordinal: null,
          is_included_column: null,
          is_descending_key: null,
          column_name: null,
        });
      entries.forEach((entry, i) => this.rows.indexes.push({ ...base, index_column_id: i + 1, ...entry }));
    }
  }

  /** Columns, key and check constraints, and indexes of a table or a table type. */
  addChildren(objectId: number, owner: TableDef | TableTypeDef): void {
    const rows = this.rows;
    owner.columns.forEach((column, index) => rows.columns.push(columnRow(objectId, index + 1, column, this.collation)));
    const keys: KeyConstraintDef[] = [...(owner.primaryKey ? [owner.primaryKey] : []), ...owner.uniqueConstraints];
    keys.forEach((key, keyIndex) => {
      const name = key.name ?? `${key.type === "primaryKey" ? "PK" : "UQ"}__${owner.name}__${objectId}${keyIndex}`;
      key.columns.forEach((column, index) =>
        rows.keyConstraints.push({
          object_id: objectId,
          name,
          type: key.type === "primaryKey" ? "PK" : "UQ",
          is_system_named: key.name === undefined,
          index_type: key.clustered ? 1 : 2,
          ...dataSpaceColumns(key.dataSpace, this.defaultFilegroup),
          key_ordinal: index + 1,
          column_name: column.name,
          is_descending_key: column.descending,
        }),
      );
    });
    owner.checkConstraints.forEach((check, index) =>
      rows.checkConstraints.push({
        object_id: objectId,
        name: check.name ?? `CK__${owner.name}__${objectId}${index}`,
        is_system_named: check.name === undefined,
        definition: check.definition,
        column_name: check.column ?? null,
        is_disabled: check.isDisabled ?? false,
        is_not_for_replication: check.notForReplication ?? false,
      }),
    );
    this.addIndexes(objectId, owner.indexes);
  }
}

/** The sys.indexes part of an index's rows (the index_columns part differs per row). */
function indexRow(objectId: number, index: IndexDef, defaultFilegroup: string): Record<string, unknown> {
  return {
    object_id: objectId,
    name: index.name,
    type: INDEX_TYPE_IDS[index.type],
    is_unique: index.isUnique,
    filter_definition: index.filter ?? null,
    ...dataSpaceColumns(index.dataSpace, defaultFilegroup),
    bucket_count: index.bucketCount ?? null,
    xml_index_type: index.xml ? (index.xml.primary ? 0 : 1) : null,
    xml_secondary_type_desc:
      index.xml && !index.xml.primary ? (index.xml.secondaryType ?? null) : index.xml ? "NONE" : null,
    xml_using_index: index.xml?.usingIndex ?? null,
    tessellation_scheme: index.spatial?.tessellation ?? null,
    bounding_box: index.spatial?.boundingBox
      ? index.spatial.boundingBox.map((v) => Number(v).toFixed(10)).join(",")
      : null,
    grids: index.spatial ? (index.spatial.grids ?? ["MEDIUM", "MEDIUM", "MEDIUM", "MEDIUM"]).join(",") : null,
    cells_per_object: index.spatial ? (index.spatial.cellsPerObject ?? 16) : null,
  };
}

function addTypeRows(objects: ObjectRows, model: DatabaseModel): void {
  for (const type of model.types) {
    if (type.kind === "aliasType") {
      objects.rows.aliasTypes.push({
        schema_name: type.schema,
        name: type.name,
        base_type: type.baseType,
        max_length: type.maxLength,
        precision: type.precision,
        scale: type.scale,
        is_nullable: type.isNullable,
      });
    } else {
      const objectId = objects.nextObjectId++;
      objects.rows.tableTypes.push({
        object_id: objectId,
        schema_name: type.schema,
        name: type.name,
        is_memory_optimized: type.isMemoryOptimized,
      });
      objects.addChildren(objectId, type);
    }
  }
}

interface TablesWithHistory {
  /** The model's tables, each temporal one followed by its history table when the model does not hold it. */
  tables: TableDef[];
  /** Temporal table → its history table's name. */
  historyOf: Map<TableDef, { schema: string; name: string }>;
  /** Keys of the history tables: their rows say temporal_type 1. */
  historyKeys: Set<string>;
}

/**
 * A temporal table whose history table the model does not hold gets one, as SQL Server creates it when
 * versioning is switched on: named as declared, or MSSQL_TemporalHistoryFor_<object_id> when the source left the
 * name to the server; the current table's columns without identity, defaults or generated-always; a clustered
 * index on (period end, period start); no constraints. (Computed columns are left out: their type is the server's.)
 */
function tablesWithHistory(model: DatabaseModel, firstObjectId: number): TablesWithHistory {
  const tableKeys = new Set(model.tables.map((table) => quoteParts(table.schema, table.name)));
  const tables: TableDef[] = [];
  const historyOf = new Map<TableDef, { schema: string; name: string }>();
  const historyKeys = new Set<string>();
  for (const table of model.tables) {
    tables.push(table);
    const versioning = table.systemVersioning;
    if (!versioning) continue;
    const history = versioning.historyTable ?? {
      schema: table.schema,
      name: `MSSQL_TemporalHistoryFor_${firstObjectId + tables.length - 1}`,
    };
    historyOf.set(table, history);
    historyKeys.add(quoteParts(history.schema, history.name));
    if (tableKeys.has(quoteParts(history.schema, history.name))) continue;
    tableKeys.add(quoteParts(history.schema, history.name));
    tables.push(historyTable(table, history));
  }
  return { tables, historyOf, historyKeys };
}

function historyTable(table: TableDef, history: { schema: string; name: string }): TableDef {
  const period = table.period;
  return {
    kind: "table",
    key: quoteParts(history.schema, history.name),
    schema: history.schema,
    name: history.name,
    columns: table.columns
      .filter((column) => !column.computed)
      .map(
        ({
          identity: _identity,
          default: _default,
          generatedAlways: _generated,
          isHidden: _hidden,
          isRowGuidCol: _rowGuid,
          ...column
        }) => column,
      ),
    uniqueConstraints: [],
    checkConstraints: [],
    foreignKeys: [],
    indexes: period
      ? [
          {
            name: `ix_${history.name}`,
            type: "clustered",
            isUnique: false,
            columns: [
              { name: period.endColumn, descending: false },
              { name: period.startColumn, descending: false },
            ],
            includedColumns: [],
          },
        ]
      : [],
    isFileTable: false,
    isMemoryOptimized: false,
  };
}

function addTableRows(objects: ObjectRows, model: DatabaseModel): void {
  const { tables, historyOf, historyKeys } = tablesWithHistory(model, objects.nextObjectId);
  const defaultFilegroup = objects.defaultFilegroup;
  for (const table of tables) {
    const objectId = objects.nextObjectId++;
    const hasLob = table.columns.some((column) => column.maxLength === -1);
    const history = historyOf.get(table);
    const isHistory = historyKeys.has(quoteParts(table.schema, table.name));
    objects.rows.tables.push({
      object_id: objectId,
      schema_name: table.schema,
      name: table.name,
      ...dataSpaceColumns(table.dataSpace, defaultFilegroup),
      lob_data_space_name: table.lobFilegroup ?? (hasLob ? defaultFilegroup : null),
      lob_data_space_is_default:
        table.lobFilegroup === undefined ? (hasLob ? true : null) : table.lobFilegroup === defaultFilegroup,
      filestream_data_space_name: table.filestreamFilegroup ?? null,
      filestream_data_space_is_default:
        table.filestreamFilegroup === undefined ? null : table.filestreamFilegroup === defaultFilegroup,
      is_filetable: table.isFileTable,
      is_memory_optimized: table.isMemoryOptimized,
      durability_desc: table.isMemoryOptimized ? (table.durability ?? "SCHEMA_AND_DATA") : "SCHEMA_AND_DATA",
      temporal_type: history ? 2 : isHistory ? 1 : 0,
      history_schema: history?.schema ?? null,
      history_name: history?.name ?? null,
      history_retention_period: history ? (table.systemVersioning?.retention?.period ?? -1) : null,
      history_retention_period_unit_desc: history ? (table.systemVersioning?.retention?.unit ?? "INFINITE") : null,
      period_start_column: table.period?.startColumn ?? null,
      period_end_column: table.period?.endColumn ?? null,
      is_node: table.graphType === "node",
      is_edge: table.graphType === "edge",
    });
    objects.addChildren(objectId, table);
    addFulltextIndexRows(objects.rows, model, objectId, table);
    addEdgeConstraintRows(objects.rows, objectId, table);
    addForeignKeyRows(objects.rows, objectId, table);
  }
}

function addFulltextIndexRows(rows: Rows, model: DatabaseModel, objectId: number, table: TableDef): void {
  const ft = table.fulltextIndex;
  if (!ft) return;
  const catalog = ft.catalog ?? model.fulltextCatalogs.find((candidate) => candidate.isDefault)?.name ?? null;
  const base = {
    object_id: objectId,
    key_index: ft.keyIndex,
    catalog_name: catalog,
    change_tracking_state_desc: ft.changeTracking,
    stoplist_id: ft.stoplist === "OFF" ? null : ft.stoplist === undefined ? 0 : 5,
    stoplist_name: ft.stoplist === undefined || ft.stoplist === "OFF" ? null : ft.stoplist,
  };
  if (ft.columns.length === 0)
    rows.fulltextIndexes.push({
      ...base,
      column_name: null,
      type_column: null,
      language_id: null,
      statistical_semantics: null,
    });
  for (const column of ft.columns) {
    rows.fulltextIndexes.push({
      ...base,
      column_name: column.name,
      type_column: column.typeColumn ?? null,
      // The server stores the database's default full-text language when none is given.
      language_id: column.language !== undefined && /^\d+$/.test(column.language) ? Number(column.language) : 1033,
      statistical_semantics: column.statisticalSemantics ?? false,
    });
  }
}

function addEdgeConstraintRows(rows: Rows, objectId: number, table: TableDef): void {
  for (const ec of table.edgeConstraints ?? []) {
    ec.connections.forEach((connection, index) =>
      rows.edgeConstraints.push({
        object_id: objectId,
        name: ec.name ?? `EC__${table.name}__${objectId}`,
        is_system_named: ec.name === undefined,
        delete_referential_action_desc: ec.onDelete,
        clause_number: index + 1,
        from_schema: connection.from.schema,
        from_name: connection.from.name,
        to_schema: connection.to.schema,
        to_name: connection.to.name,
      }),
    );
  }
}

function addForeignKeyRows(rows: Rows, objectId: number, table: TableDef): void {
  for (const fk of table.foreignKeys) {
    fk.columns.forEach((column, index) =>
      rows.foreignKeys.push({
        object_id: objectId,
        name: fk.name ?? `FK__${table.name}__${objectId}`,
        is_system_named: fk.name === undefined,
        referenced_schema: fk.referencedTable.schema,
        referenced_table: fk.referencedTable.name,
        delete_referential_action_desc: fk.onDelete,
        update_referential_action_desc: fk.onUpdate,
        is_disabled: fk.isDisabled ?? false,
        is_not_for_replication: fk.notForReplication ?? false,
        constraint_column_id: index + 1,
        column_name: column,
        referenced_column: fk.referencedColumns[index],
      }),
    );
  }
}

/** A view is an object of its own (sys.views.object_id); an indexed view's indexes are sys.indexes rows of it. */
function addViewRows(objects: ObjectRows, model: DatabaseModel): void {
  for (const view of model.views) {
    const objectId = objects.nextObjectId++;
    objects.rows.views.push({
      object_id: objectId,
      schema_name: view.schema,
      name: view.name,
      definition: view.definition,
      is_schema_bound: view.isSchemaBound,
    });
    objects.addIndexes(objectId, view.indexes ?? []);
  }
}

const FUNCTION_TYPES = { scalar: "FN", inlineTable: "IF", multiStatementTable: "TF", clr: "FS" } as const;

/** Functions and procedures share sys.objects (routines); members 2, 3... of a numbered group have their own view. */
function addRoutineRows(rows: Rows, model: DatabaseModel): void {
  for (const fn of model.functions) {
    rows.routines.push({
      schema_name: fn.schema,
      name: fn.name,
      type: FUNCTION_TYPES[fn.functionType],
      definition: fn.definition,
      is_schema_bound: fn.isSchemaBound,
    });
  }
  for (const procedure of model.procedures) {
    if (procedure.procedureNumber !== undefined && procedure.procedureNumber > 1) {
      rows.numberedProcedures.push({
        schema_name: procedure.schema,
        name: procedure.name,
        procedure_number: procedure.procedureNumber,
        definition: procedure.definition,
      });
    } else {
      rows.routines.push({
        schema_name: procedure.schema,
        name: procedure.name,
        type: procedure.isClr ? "PC" : "P",
        definition: procedure.definition,
        is_schema_bound: false,
      });
    }
  }
}

/** A row per trigger event (server triggers are not in a database's catalog). */
function addTriggerRows(rows: Rows, model: DatabaseModel): void {
  for (const trigger of model.triggers.filter((candidate) => candidate.scope !== "server")) {
    const base = {
      name: trigger.name,
      parent_class: trigger.scope === "table" ? 1 : 0,
      parent_schema: trigger.parent?.schema ?? null,
      parent_name: trigger.parent?.name ?? null,
      is_instead_of_trigger: trigger.timing === "INSTEAD OF",
      is_disabled: trigger.isDisabled,
      definition: trigger.definition,
    };
    if (trigger.events.length === 0) rows.triggers.push({ ...base, event: null });
    for (const event of trigger.events) rows.triggers.push({ ...base, event });
  }
}

function addSequenceRows(rows: Rows, model: DatabaseModel): void {
  for (const sequence of model.sequences) {
    const type = parseTypeName(sequence.typeName);
    const bounds = TYPE_BOUNDS[type.name] ?? [`-${"9".repeat(type.precision)}`, "9".repeat(type.precision)];
    rows.sequences.push({
      schema_name: sequence.schema,
      name: sequence.name,
      type_name: type.name,
      precision: type.precision,
      scale: type.scale,
      start_value: sequence.startValue,
      increment: sequence.increment,
      minimum_value: sequence.minValue ?? bounds[0],
      maximum_value: sequence.maxValue ?? bounds[1],
      is_cycling: sequence.isCycling,
      is_cached: sequence.cacheSize !== 0,
      cache_size: sequence.cacheSize === undefined || sequence.cacheSize === 0 ? null : sequence.cacheSize,
    });
  }
}

/** Users, roles (a row per member) and permissions. */
function addSecurityRows(rows: Rows, model: DatabaseModel): void {
  for (const user of model.users) {
    const [type, auth] =
      user.authentication === "external"
        ? ["E", "EXTERNAL"]
        : user.authentication === "windows"
          ? ["U", "WINDOWS"]
          : user.authentication === "sql"
            ? ["S", user.hasPassword ? "DATABASE" : "INSTANCE"]
            : ["S", "NONE"];
    rows.users.push({
      name: user.name,
      type,
      authentication_type_desc: auth,
      login_name: user.loginName ?? null,
      default_schema_name: user.defaultSchema ?? "dbo",
    });
  }

  for (const role of model.roles) {
    if (role.members.length === 0) rows.roles.push({ name: role.name, owner: role.owner ?? "dbo", member: null });
    for (const member of role.members) rows.roles.push({ name: role.name, owner: role.owner ?? "dbo", member });
  }

  for (const permission of model.permissions) {
    const securable = permission.securable;
    rows.permissions.push({
      state_desc: permission.state,
      permission_name: permission.permission,
      class: securable.class === "database" ? 0 : securable.class === "object" ? 1 : 3,
      object_schema: securable.class === "object" ? securable.schema : null,
      object_name: securable.class === "object" ? securable.name : null,
      schema_name: securable.class === "schema" ? securable.name : null,
      principal: permission.principal,
    });
  }
}

const PERMISSION_SETS = { SAFE: "SAFE_ACCESS", EXTERNAL_ACCESS: "EXTERNAL_ACCESS", UNSAFE: "UNSAFE_ACCESS" } as const;

/** CLR assemblies, Service Broker queues and services (a row per contract). */
function addServiceBrokerAndClrRows(rows: Rows, model: DatabaseModel): void {
  for (const assembly of model.assemblies)
    rows.assemblies.push({ name: assembly.name, permission_set_desc: PERMISSION_SETS[assembly.permissionSet] });

  for (const queue of model.queues) {
    const activation = queue.activationProcedure
      ? quoteParts(queue.activationProcedure.schema, queue.activationProcedure.name)
      : null;
    rows.queues.push({ schema_name: queue.schema, name: queue.name, activation_procedure: activation });
  }

  for (const service of model.services) {
    const base = { name: service.name, queue_schema: service.queue.schema, queue_name: service.queue.name };
    if (service.contracts.length === 0) rows.services.push({ ...base, contract: null });
    for (const contract of service.contracts) rows.services.push({ ...base, contract });
  }
}

/** A row per predicate. */
function addSecurityPolicyRows(rows: Rows, model: DatabaseModel): void {
  for (const policy of model.securityPolicies) {
    const base = {
      schema_name: policy.schema,
      name: policy.name,
      is_enabled: policy.isEnabled,
      is_schema_bound: policy.isSchemaBound,
      is_not_for_replication: policy.notForReplication ?? false,
    };
    policy.predicates.forEach((predicate, index) =>
      rows.securityPolicies.push({
        ...base,
        security_predicate_id: index + 1,
        predicate_type_desc: predicate.type,
        predicate_definition: predicate.definition,
        target_schema: predicate.table.schema,
        target_name: predicate.table.name,
        operation_desc: predicate.operation ?? null,
      }),
    );
  }
}

function columnRow(
  objectId: number,
  columnId: number,
  column: ColumnDef,
  databaseCollation: string,
): Record<string, unknown> {
  const isCharacter = /char|text/i.test(column.typeName) && column.typeSchema === undefined;
  return {
    object_id: objectId,
    column_id: columnId,
    name: column.name,
    type_name: column.typeName,
    type_schema: column.typeSchema ?? null,
    max_length: column.maxLength,
    precision: column.precision,
    scale: column.scale,
    is_nullable: column.isNullable,
    collation_name: column.collation ?? (isCharacter ? databaseCollation : null),
    is_rowguidcol: column.isRowGuidCol ?? false,
    is_filestream: column.isFilestream ?? false,
    is_sparse: column.isSparse ?? false,
    identity_seed: column.identity?.seed ?? null,
    identity_increment: column.identity?.increment ?? null,
    identity_not_for_replication: column.identity ? (column.identity.notForReplication ?? false) : null,
    computed_definition: column.computed?.definition ?? null,
    computed_is_persisted: column.computed ? column.computed.persisted : null,
    default_name: column.default ? (column.default.name ?? `DF__${objectId}__${columnId}`) : null,
    default_is_system_named: column.default ? column.default.name === undefined : null,
    default_definition: column.default?.definition ?? null,
    is_column_set: column.isColumnSet ?? false,
    generated_always_type: GENERATED_ALWAYS_IDS[column.generatedAlways ?? "none"],
    is_hidden: column.isHidden ?? false,
    masking_function: column.mask ?? null,
    xml_collection_schema: column.xmlSchema?.collection.schema ?? null,
    xml_collection_name: column.xmlSchema?.collection.name ?? null,
    is_xml_document: column.xmlSchema?.document ?? false,
  };
}

const GENERATED_ALWAYS_IDS: Record<string, number> = {
  none: 0,
  rowStart: 1,
  rowEnd: 2,
  transactionIdStart: 7,
  transactionIdEnd: 8,
  sequenceNumberStart: 9,
  sequenceNumberEnd: 10,
};
