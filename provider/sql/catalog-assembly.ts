/**
 * Rows of the catalog queries → the schema model. Pure (no I/O), so the mapping is testable on its
 * own and the same code serves a live server and the TDS test server.
 *
 * Where the catalog reports a server default that a script would simply leave out (the default
 * filegroup, dbo as owner or default schema, a sequence's type bounds, system-generated constraint
 * names), the model leaves it out too, so a database extracted from a server and the same database
 * read from scripts compare equal.
 */
import { databaseObjectKey, permissionKey, schemaObjectKey } from "../schema/keys";
import {
  emptyModel,
  type AliasTypeDef,
  type DatabaseModel,
  type FunctionType,
  type PermissionDef,
  type QualifiedName,
  type SecurityPolicyDef,
  type SecurityPredicateDef,
  type SequenceDef,
  type TableDef,
  type TableTypeDef,
  type TriggerDef,
  type UserDef,
  type ViewDef,
} from "../schema/model";
import { CATALOG_QUERIES, type CatalogQueryName, type CatalogRows } from "./catalog-queries";
import {
  childRowSink,
  emptyChildDefs,
  isChildQuery,
  type ChildDefs,
  type ResultSetSink,
} from "./catalog-assembly-children";
import { byKey, dataSpace, groupBy, num, str } from "./catalog-assembly-values";

/** `[dbo].[Activate]` → { schema: "dbo", name: "Activate" }; also accepts unquoted parts. */
export function parseTwoPartName(text: string): QualifiedName | undefined {
  const parts: string[] = [];
  const pattern = /\[((?:[^\]]|\]\])*)\]|([^.[\]]+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    parts.push(match[1] !== undefined ? match[1].replace(/]]/g, "]") : match[2]);
  }
  if (parts.length < 2) return undefined;
  return { schema: parts[parts.length - 2], name: parts[parts.length - 1] };
}

const RETENTION_UNITS = new Set(["DAY", "WEEK", "MONTH", "YEAR"]);

/** The temporal and graph properties of a sys.tables row. */
function applyTableFeatures(table: TableDef, row: CatalogRows["tables"][number]): void {
  if (row.period_start_column && row.period_end_column)
    table.period = { startColumn: row.period_start_column, endColumn: row.period_end_column };
  if (row.temporal_type === 2) {
    const versioning: NonNullable<TableDef["systemVersioning"]> = {};
    if (row.history_name) versioning.historyTable = { schema: str(row.history_schema), name: row.history_name };
    const unit = str(row.history_retention_period_unit_desc).toUpperCase();
    // -1 / INFINITE is the default: absent in the model, as a script that does not set it.
    if (row.history_retention_period !== null && row.history_retention_period > 0 && RETENTION_UNITS.has(unit)) {
      versioning.retention = { period: row.history_retention_period, unit: unit as "DAY" | "WEEK" | "MONTH" | "YEAR" };
    }
    table.systemVersioning = versioning;
  }
  if (row.is_node) table.graphType = "node";
  else if (row.is_edge) table.graphType = "edge";
}

const PREDICATE_OPERATIONS = new Set(["AFTER INSERT", "AFTER UPDATE", "BEFORE UPDATE", "BEFORE DELETE"]);

function assembleSecurityPolicies(rows: CatalogRows["securityPolicies"]): SecurityPolicyDef[] {
  return [...groupBy(rows, (row) => `${row.schema_name}.${row.name}`).values()].map((group) => {
    const first = group[0];
    const policy: SecurityPolicyDef = {
      kind: "securityPolicy",
      key: schemaObjectKey(str(first.schema_name), str(first.name)),
      schema: str(first.schema_name),
      name: str(first.name),
      predicates: group
        .filter((row) => row.security_predicate_id !== null && row.predicate_definition)
        .map((row) => {
          const predicate: SecurityPredicateDef = {
            type: str(row.predicate_type_desc).toUpperCase() === "BLOCK" ? "BLOCK" : "FILTER",
            definition: str(row.predicate_definition),
            table: { schema: str(row.target_schema), name: str(row.target_name) },
          };
          const operation = str(row.operation_desc).toUpperCase().replace(/_/g, " ");
          if (PREDICATE_OPERATIONS.has(operation)) predicate.operation = operation as SecurityPredicateDef["operation"];
          return predicate;
        }),
      isEnabled: first.is_enabled === true,
      isSchemaBound: first.is_schema_bound === true,
    };
    if (first.is_not_for_replication) policy.notForReplication = true;
    return policy;
  });
}

const FUNCTION_TYPES: Record<string, FunctionType> = {
  FN: "scalar",
  IF: "inlineTable",
  TF: "multiStatementTable",
  FS: "clr",
  FT: "clr",
};

/** The bounds a sequence gets when MINVALUE/MAXVALUE are not given: those of its type. */
function sequenceTypeBounds(typeName: string, precision: number): [string, string] | undefined {
  switch (typeName) {
    case "tinyint":
      return ["0", "255"];
    case "smallint":
      return ["-32768", "32767"];
    case "int":
      return ["-2147483648", "2147483647"];
    case "bigint":
      return ["-9223372036854775808", "9223372036854775807"];
    case "decimal":
    case "numeric": {
      const max = "9".repeat(precision);
      return [`-${max}`, max];
    }
    default:
      return undefined;
  }
}

const PERMISSION_STATES = new Set(["GRANT", "DENY", "GRANT_WITH_GRANT_OPTION"]);

/** The catalog rows, all result sets at once → the model (what CatalogAssembler does one result set at a time). */
export function assembleModel(rows: CatalogRows): DatabaseModel {
  const assembler = new CatalogAssembler();
  for (const name of Object.keys(CATALOG_QUERIES) as CatalogQueryName[]) assembler.add(name, rows[name]);
  return assembler.finish();
}

/**
 * Assembles the model one complete result set at a time, in CATALOG_QUERIES order (the database first: columns
 * need its collation). The children of tables, table types and views become definitions as soon as their query's
 * rows are in, so those rows (most of a catalog's) need not outlive their query; the other result sets are small
 * per object and wait for `finish`, which assembles the model and sorts every list by key.
 */
export class CatalogAssembler {
  private readonly rows: Partial<CatalogRows> = {};
  private readonly children = emptyChildDefs();

  /** One query's complete result set, as rows read by column name. */
  add(name: CatalogQueryName, rows: readonly object[]): void {
    const sink = this.resultSet(name);
    for (const row of rows) sink.row(row);
    sink.end();
  }

  /** Where one query's rows go as they arrive; `end` when its result set is complete. */
  resultSet(name: CatalogQueryName): ResultSetSink {
    if (isChildQuery(name)) {
      if (this.rows.database === undefined) throw new Error(`catalog assembly: ${name} came before the database row`);
      return childRowSink(this.children, name, this.rows.database[0]?.collation_name ?? undefined);
    }
    const rows: object[] = [];
    return {
      row: (row) => rows.push(row),
      end: () => {
        this.rows[name] = rows as never;
      },
    };
  }

  finish(): DatabaseModel {
    const rows = { ...this.rows } as CatalogRows;
    for (const name of Object.keys(CATALOG_QUERIES) as CatalogQueryName[])
      if (!isChildQuery(name)) rows[name] ??= [] as never;
    return assembleFromParts(rows, this.children);
  }
}

/** Every list of the model from the non-child result sets and the children's definitions. */
function assembleFromParts(rows: CatalogRows, children: ChildDefs): DatabaseModel {
  const database = rows.database[0];
  const model = emptyModel(database?.name ?? undefined);
  if (database) assembleDatabaseOptions(model.options, database);
  assembleStorage(model, rows);
  model.schemas = assembleSchemas(rows.schemas);
  model.types = assembleTypes(rows, children);
  model.tables = rows.tables.map((row) => assembleTable(row, children));
  model.views = rows.views.map((row) => assembleView(row, children));
  assembleRoutines(model, rows);
  model.triggers = assembleTriggers(rows.triggers);
  model.sequences = rows.sequences.map(assembleSequence);
  model.synonyms = rows.synonyms.map((row) => ({
    kind: "synonym" as const,
    key: schemaObjectKey(str(row.schema_name), str(row.name)),
    schema: str(row.schema_name),
    name: str(row.name),
    baseObjectName: str(row.base_object_name),
  }));
  assembleSecurity(model, rows);
  assembleServiceBrokerAndClr(model, rows);
  model.fulltextCatalogs = rows.fulltextCatalogs.map((row) => ({
    kind: "fulltextCatalog" as const,
    key: databaseObjectKey(str(row.name)),
    name: str(row.name),
    isDefault: row.is_default === true,
  }));
  model.securityPolicies = assembleSecurityPolicies(rows.securityPolicies);
  model.xmlSchemaCollections = rows.xmlSchemaCollections.map((row) => ({
    kind: "xmlSchemaCollection" as const,
    key: schemaObjectKey(str(row.schema_name), str(row.name)),
    schema: str(row.schema_name),
    name: str(row.name),
    schemas: row.definition ? [row.definition] : [],
  }));
  sortEveryListByKey(model);
  return model;
}

function assembleDatabaseOptions(o: DatabaseModel["options"], database: CatalogRows["database"][number]): void {
  if (database.compatibility_level !== null) o.compatibilityLevel = database.compatibility_level;
  if (database.collation_name) o.collation = database.collation_name;
  if (database.recovery_model_desc) o.recoveryModel = database.recovery_model_desc as "FULL" | "BULK_LOGGED" | "SIMPLE";
  if (database.is_trustworthy_on !== null) o.isTrustworthy = database.is_trustworthy_on;
  if (database.is_db_chaining_on !== null) o.isDbChaining = database.is_db_chaining_on;
  if (database.is_broker_enabled !== null) o.isBrokerEnabled = database.is_broker_enabled;
  if (database.containment_desc) o.containment = database.containment_desc as "NONE" | "PARTIAL";
  if (database.is_read_committed_snapshot_on !== null)
    o.isReadCommittedSnapshotOn = database.is_read_committed_snapshot_on;
  if (database.snapshot_isolation_state !== null) o.allowSnapshotIsolation = database.snapshot_isolation_state === 1;
  if (database.is_fulltext_enabled !== null) o.isFulltextEnabled = database.is_fulltext_enabled;
}

const FILEGROUP_TYPES: Record<string, "rows" | "filestream" | "memoryOptimized"> = {
  FG: "rows",
  FD: "filestream",
  FX: "memoryOptimized",
};

/** Filegroups, partition functions and partition schemes. */
function assembleStorage(model: DatabaseModel, rows: CatalogRows): void {
  model.filegroups = rows.filegroups.map((row) => ({
    kind: "filegroup" as const,
    key: databaseObjectKey(str(row.name)),
    name: str(row.name),
    type: FILEGROUP_TYPES[str(row.type).trim()] ?? "rows",
    isDefault: row.is_default === true,
  }));

  model.partitionFunctions = [...groupBy(rows.partitionFunctions, (row) => row.name).values()].map((group) => {
    const first = group[0];
    return {
      kind: "partitionFunction" as const,
      key: databaseObjectKey(str(first.name)),
      name: str(first.name),
      parameterType: formatTypeName(
        str(first.type_name),
        num(first.max_length),
        num(first.precision),
        num(first.scale),
      ),
      rangeType: first.boundary_value_on_right ? ("RIGHT" as const) : ("LEFT" as const),
      boundaries: group.filter((row) => row.boundary_literal !== null).map((row) => str(row.boundary_literal)),
    };
  });

  model.partitionSchemes = [...groupBy(rows.partitionSchemes, (row) => row.name).values()].map((group) => {
    const filegroups = group.map((row) => str(row.filegroup_name));
    // ALL TO ([fg]) maps every partition to one filegroup; the catalog lists it once per partition.
    const all = filegroups.length > 1 && filegroups.every((name) => name === filegroups[0]);
    return {
      kind: "partitionScheme" as const,
      key: databaseObjectKey(str(group[0].name)),
      name: str(group[0].name),
      functionName: str(group[0].function_name),
      filegroups: all ? [filegroups[0]] : filegroups,
      all,
    };
  });
}

function assembleSchemas(rows: CatalogRows["schemas"]): DatabaseModel["schemas"] {
  return rows.map((row) => {
    const schema = {
      kind: "schema" as const,
      key: databaseObjectKey(str(row.name)),
      name: str(row.name),
    } as DatabaseModel["schemas"][number];
    if (row.owner && row.owner !== "dbo") schema.owner = row.owner;
    return schema;
  });
}

/** What tables and table types share: names, columns, unique and check constraints, and the primary key. */
function tableParts(
  row: { object_id: number | null; schema_name: string | null; name: string | null },
  children: ChildDefs,
) {
  const keyConstraints = children.keyConstraints.get(row.object_id) ?? [];
  return {
    shared: {
      key: schemaObjectKey(str(row.schema_name), str(row.name)),
      schema: str(row.schema_name),
      name: str(row.name),
      columns: children.columns.get(row.object_id) ?? [],
      uniqueConstraints: keyConstraints.filter((key) => key.type === "unique"),
      checkConstraints: children.checkConstraints.get(row.object_id) ?? [],
    },
    primaryKey: keyConstraints.find((key) => key.type === "primaryKey"),
  };
}

/** Alias types and table types, sorted together by key. */
function assembleTypes(rows: CatalogRows, children: ChildDefs): DatabaseModel["types"] {
  const aliasTypes: AliasTypeDef[] = rows.aliasTypes.map((row) => ({
    kind: "aliasType",
    key: schemaObjectKey(str(row.schema_name), str(row.name)),
    schema: str(row.schema_name),
    name: str(row.name),
    baseType: str(row.base_type),
    maxLength: num(row.max_length),
    precision: num(row.precision),
    scale: num(row.scale),
    isNullable: row.is_nullable === true,
  }));
  const tableTypes: TableTypeDef[] = rows.tableTypes.map((row) => {
    const { shared, primaryKey } = tableParts(row, children);
    const tableType: TableTypeDef = {
      kind: "tableType",
      ...shared,
      indexes: children.indexes.get(row.object_id) ?? [],
      isMemoryOptimized: row.is_memory_optimized === true,
    };
    if (primaryKey) tableType.primaryKey = primaryKey;
    return tableType;
  });
  return [...aliasTypes, ...tableTypes].sort(byKey);
}

function assembleTable(row: CatalogRows["tables"][number], children: ChildDefs): TableDef {
  const { shared, primaryKey } = tableParts(row, children);
  const table: TableDef = {
    kind: "table",
    ...shared,
    foreignKeys: children.foreignKeys.get(row.object_id) ?? [],
    indexes: children.indexes.get(row.object_id) ?? [],
    isFileTable: row.is_filetable === true,
    isMemoryOptimized: row.is_memory_optimized === true,
  };
  if (primaryKey) table.primaryKey = primaryKey;
  const space = dataSpace(row.data_space_name, row.data_space_type, row.data_space_is_default, row.partition_column);
  if (space) table.dataSpace = space;
  if (row.lob_data_space_name && !row.lob_data_space_is_default) table.lobFilegroup = row.lob_data_space_name;
  if (row.filestream_data_space_name && !row.filestream_data_space_is_default)
    table.filestreamFilegroup = row.filestream_data_space_name;
  if (table.isMemoryOptimized && row.durability_desc)
    table.durability = row.durability_desc as "SCHEMA_ONLY" | "SCHEMA_AND_DATA";
  applyTableFeatures(table, row);
  const fulltext = children.fulltextIndexes.get(row.object_id);
  if (fulltext) table.fulltextIndex = fulltext;
  const edges = children.edgeConstraints.get(row.object_id);
  if (edges) table.edgeConstraints = edges;
  return table;
}

function assembleView(row: CatalogRows["views"][number], children: ChildDefs): ViewDef {
  const view: ViewDef = {
    kind: "view",
    key: schemaObjectKey(str(row.schema_name), str(row.name)),
    schema: str(row.schema_name),
    name: str(row.name),
    definition: str(row.definition),
    isSchemaBound: row.is_schema_bound === true,
  };
  // An indexed view's indexes, from the same sys.indexes rows as a table's; a plain view has no `indexes`.
  const viewIndexes = row.object_id !== null ? children.indexes.get(row.object_id) : undefined;
  if (viewIndexes) view.indexes = viewIndexes;
  return view;
}

/** Procedures and functions (one catalog query), then the members 2, 3... of numbered procedure groups. */
function assembleRoutines(model: DatabaseModel, rows: CatalogRows): void {
  for (const row of rows.routines) {
    const schema = str(row.schema_name);
    const name = str(row.name);
    const key = schemaObjectKey(schema, name);
    const type = str(row.type).trim();
    if (type === "P" || type === "PC") {
      const procedure: DatabaseModel["procedures"][number] = {
        kind: "procedure",
        key,
        schema,
        name,
        definition: str(row.definition),
      };
      if (type === "PC") procedure.isClr = true;
      model.procedures.push(procedure);
    } else {
      model.functions.push({
        kind: "function",
        key,
        schema,
        name,
        definition: str(row.definition),
        functionType: FUNCTION_TYPES[type] ?? "scalar",
        isSchemaBound: row.is_schema_bound === true,
      });
    }
  }

  // Members 2, 3... of a numbered procedure group are procedures of their own, keyed `[schema].[name];n`.
  for (const row of rows.numberedProcedures) {
    const schema = str(row.schema_name);
    const name = str(row.name);
    const number = num(row.procedure_number);
    model.procedures.push({
      kind: "procedure",
      key: `${schemaObjectKey(schema, name)};${number}`,
      schema,
      name,
      definition: str(row.definition),
      procedureNumber: number,
    });
  }
}

/** One row per trigger event: grouped by parent and name. */
function assembleTriggers(rows: CatalogRows["triggers"]): TriggerDef[] {
  return [...groupBy(rows, (row) => `${row.parent_schema}.${row.parent_name}.${row.name}`).values()].map((group) => {
    const first = group[0];
    const onTable = first.parent_class === 1;
    const events = [...new Set(group.filter((row) => row.event).map((row) => str(row.event).toUpperCase()))];
    const trigger: TriggerDef = {
      kind: "trigger",
      key: onTable ? schemaObjectKey(str(first.parent_schema), str(first.name)) : databaseObjectKey(str(first.name)),
      schema: onTable ? str(first.parent_schema) : "",
      name: str(first.name),
      definition: str(first.definition),
      scope: onTable ? "table" : "database",
      events,
      timing: first.is_instead_of_trigger ? "INSTEAD OF" : "AFTER",
      isDisabled: first.is_disabled === true,
    };
    if (onTable) trigger.parent = { schema: str(first.parent_schema), name: str(first.parent_name) };
    return trigger;
  });
}

function assembleSequence(row: CatalogRows["sequences"][number]): SequenceDef {
  const typeName = str(row.type_name);
  const sequence: SequenceDef = {
    kind: "sequence",
    key: schemaObjectKey(str(row.schema_name), str(row.name)),
    schema: str(row.schema_name),
    name: str(row.name),
    typeName:
      typeName === "decimal" || typeName === "numeric"
        ? `${typeName}(${num(row.precision)},${num(row.scale)})`
        : typeName,
    startValue: str(row.start_value),
    increment: str(row.increment),
    isCycling: row.is_cycling === true,
  };
  const bounds = sequenceTypeBounds(typeName, num(row.precision));
  if (row.minimum_value !== null && row.minimum_value !== bounds?.[0]) sequence.minValue = row.minimum_value;
  if (row.maximum_value !== null && row.maximum_value !== bounds?.[1]) sequence.maxValue = row.maximum_value;
  if (row.is_cached === false) sequence.cacheSize = 0;
  else if (row.cache_size !== null) sequence.cacheSize = row.cache_size;
  return sequence;
}

/** Users, roles with their members, and permissions. */
function assembleSecurity(model: DatabaseModel, rows: CatalogRows): void {
  model.users = rows.users.map(assembleUser);
  model.roles = [...groupBy(rows.roles, (row) => row.name).values()].map((group) => {
    const role: DatabaseModel["roles"][number] = {
      kind: "role",
      key: databaseObjectKey(str(group[0].name)),
      name: str(group[0].name),
      members: group
        .filter((row) => row.member)
        .map((row) => str(row.member))
        .sort(),
    };
    if (group[0].owner && group[0].owner !== "dbo") role.owner = group[0].owner;
    return role;
  });
  model.permissions = rows.permissions
    .filter((row) => PERMISSION_STATES.has(str(row.state_desc)))
    .map((row) => {
      const securable: PermissionDef["securable"] =
        row.class === 1
          ? { class: "object", schema: str(row.object_schema), name: str(row.object_name) }
          : row.class === 3
            ? { class: "schema", name: str(row.schema_name) }
            : { class: "database" };
      const fields = {
        state: str(row.state_desc) as PermissionDef["state"],
        permission: str(row.permission_name).toUpperCase(),
        securable,
        principal: str(row.principal),
      };
      return { kind: "permission" as const, key: permissionKey(fields), name: fields.permission, ...fields };
    });
}

function assembleUser(row: CatalogRows["users"][number]): UserDef {
  const type = str(row.type).trim();
  const authType = str(row.authentication_type_desc);
  const user: UserDef = {
    kind: "user",
    key: databaseObjectKey(str(row.name)),
    name: str(row.name),
    authentication: "withoutLogin",
  };
  if (type === "E" || type === "X") user.authentication = "external";
  else if (type === "U" || type === "G") user.authentication = "windows";
  else if (type === "S" && authType === "DATABASE") {
    user.authentication = "sql";
    user.hasPassword = true;
  } else if (type === "S" && authType === "INSTANCE") user.authentication = "sql";
  if ((user.authentication === "sql" || user.authentication === "windows") && !user.hasPassword && row.login_name)
    user.loginName = row.login_name;
  if (row.default_schema_name && row.default_schema_name !== "dbo") user.defaultSchema = row.default_schema_name;
  return user;
}

const PERMISSION_SETS: Record<string, "SAFE" | "EXTERNAL_ACCESS" | "UNSAFE"> = {
  SAFE_ACCESS: "SAFE",
  EXTERNAL_ACCESS: "EXTERNAL_ACCESS",
  UNSAFE_ACCESS: "UNSAFE",
};

/** CLR assemblies, Service Broker queues and services. */
function assembleServiceBrokerAndClr(model: DatabaseModel, rows: CatalogRows): void {
  model.assemblies = rows.assemblies.map((row) => ({
    kind: "assembly" as const,
    key: databaseObjectKey(str(row.name)),
    name: str(row.name),
    permissionSet: PERMISSION_SETS[str(row.permission_set_desc)] ?? "SAFE",
  }));

  model.queues = rows.queues.map((row) => {
    const queue: DatabaseModel["queues"][number] = {
      kind: "queue",
      key: schemaObjectKey(str(row.schema_name), str(row.name)),
      schema: str(row.schema_name),
      name: str(row.name),
    };
    const activation = row.activation_procedure ? parseTwoPartName(row.activation_procedure) : undefined;
    if (activation) queue.activationProcedure = activation;
    return queue;
  });

  model.services = [...groupBy(rows.services, (row) => row.name).values()].map((group) => ({
    kind: "service" as const,
    key: databaseObjectKey(str(group[0].name)),
    name: str(group[0].name),
    queue: { schema: str(group[0].queue_schema), name: str(group[0].queue_name) },
    contracts: group
      .filter((row) => row.contract)
      .map((row) => str(row.contract))
      .sort(),
  }));
}

function sortEveryListByKey(model: DatabaseModel): void {
  for (const list of [
    model.xmlSchemaCollections,
    model.securityPolicies,
    model.filegroups,
    model.partitionFunctions,
    model.partitionSchemes,
    model.schemas,
    model.tables,
    model.views,
    model.functions,
    model.procedures,
    model.triggers,
    model.sequences,
    model.synonyms,
    model.users,
    model.roles,
    model.permissions,
    model.assemblies,
    model.queues,
    model.services,
    model.fulltextCatalogs,
  ] as Array<Array<{ key: string }>>) {
    list.sort(byKey);
  }
}

/** Type as written in DDL from catalog sizes: nvarchar + 100 bytes → "nvarchar(50)", decimal → "decimal(18,2)". */
export function formatTypeName(typeName: string, maxLength: number, precision: number, scale: number): string {
  switch (typeName) {
    case "nvarchar":
    case "nchar":
      return `${typeName}(${maxLength === -1 ? "max" : maxLength / 2})`;
    case "varchar":
    case "char":
    case "varbinary":
    case "binary":
      return `${typeName}(${maxLength === -1 ? "max" : maxLength})`;
    case "decimal":
    case "numeric":
      return `${typeName}(${precision},${scale})`;
    case "datetime2":
    case "time":
    case "datetimeoffset":
      return `${typeName}(${scale})`;
    default:
      return typeName;
  }
}
