/**
 * The typed model of a database schema shared by every schema tool: catalog extraction (provider/sql),
 * the T-SQL script reader, the Azure SQL Database assessment, the script generator and schema compare.
 *
 * Why plain JSON: the model is snapshotted to disk, fingerprinted, diffed and carried through Pulumi state,
 * so it holds only strings, numbers, booleans, arrays and plain objects — no classes, Maps, Dates or undefined
 * array slots. Optional properties are simply absent when they do not apply.
 *
 * Why the numbers look the way they do: column sizes follow the catalog views (sys.columns, sys.types)
 * exactly, so extraction from a live server is a straight copy and the script reader converts declared sizes
 * into the same units (nvarchar(50) → maxLength 100; any (max) type → -1).
 *
 * Identity: every object carries a `kind` and a stable `key` built with the helpers in keys.ts
 * (`[schema].[name]` for schema-scoped objects, `[name]` for database- and server-scoped ones). A key is
 * unique within its kind; (kind, key) is unique within a model.
 */

/** Where an object came from when it was read from a script file; absent for catalog-extracted objects. */
export interface SourceLocation {
  /** Path of the script file, relative to the folder that was read (forward slashes). */
  file: string;
  /** 1-based line of the first token of the statement. */
  line: number;
}

/** A two-part object name as it appears in references (`referencedTable`, trigger parents, queues...). */
export interface QualifiedName {
  schema: string;
  name: string;
}

/** Common fields of every object in the model. */
export interface ObjectBase<K extends ObjectKind> {
  kind: K;
  /** Stable key, see keys.ts. */
  key: string;
  /** Object name, unquoted. */
  name: string;
  source?: SourceLocation;
}

/** Objects that live in a schema (tables, views, modules, types, sequences, synonyms, queues). */
export interface SchemaScopedBase<K extends ObjectKind> extends ObjectBase<K> {
  schema: string;
}

export type ObjectKind =
  /** The database itself: findings about database options use it. */
  | "database"
  | "schema"
  | "aliasType"
  | "tableType"
  | "table"
  | "view"
  | "function"
  | "procedure"
  | "trigger"
  | "sequence"
  | "synonym"
  | "user"
  | "role"
  | "permission"
  | "assembly"
  | "queue"
  | "service"
  | "fulltextCatalog"
  | "filegroup"
  | "partitionFunction"
  | "partitionScheme"
  | "serverObject"
  /** Row-level security policy (CREATE SECURITY POLICY). */
  | "securityPolicy"
  /** CREATE XML SCHEMA COLLECTION: the schemas a typed xml column is validated against. */
  | "xmlSchemaCollection"
  | "statement";

// ---------------------------------------------------------------------------------------------------------
// Storage placement
// ---------------------------------------------------------------------------------------------------------

/**
 * Where a table, index or constraint is stored (sys.data_spaces). Absent means the database default, which on
 * Azure SQL Database is always PRIMARY — the assessment flags anything else.
 */
export interface DataSpaceRef {
  kind: "filegroup" | "partitionScheme";
  /** Filegroup name (e.g. "PRIMARY", "FG_Archive") or partition scheme name. */
  name: string;
  /** The partitioning column when kind is "partitionScheme". */
  partitionColumn?: string;
}

export interface FilegroupDef extends ObjectBase<"filegroup"> {
  /** ROWS_FILEGROUP, FILESTREAM_DATA_FILEGROUP or MEMORY_OPTIMIZED_DATA_FILEGROUP in sys.filegroups. */
  type: "rows" | "filestream" | "memoryOptimized";
  isDefault: boolean;
}

export interface PartitionFunctionDef extends ObjectBase<"partitionFunction"> {
  /** Parameter type as written, e.g. "date" or "int". */
  parameterType: string;
  rangeType: "LEFT" | "RIGHT";
  /** Boundary values as T-SQL literals, in order. */
  boundaries: string[];
}

export interface PartitionSchemeDef extends ObjectBase<"partitionScheme"> {
  functionName: string;
  /** Filegroups in order; a single entry with `all: true` means ALL TO (...). */
  filegroups: string[];
  all: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Columns, constraints, indexes
// ---------------------------------------------------------------------------------------------------------

export interface IdentitySpec {
  /** Seed and increment as decimal strings: a bigint/numeric(38) seed does not fit a JS number. */
  seed: string;
  increment: string;
  notForReplication?: boolean;
}

export interface ComputedSpec {
  /** Expression text as sys.computed_columns.definition reports it, e.g. "([Qty]*[Price])". */
  definition: string;
  persisted: boolean;
}

export interface DefaultSpec {
  /** Constraint name; absent when the source did not name it (the server would generate one). */
  name?: string;
  /** Expression text as sys.default_constraints.definition reports it, e.g. "((0))" or "(getdate())". */
  definition: string;
}

export interface ColumnDef {
  name: string;
  /**
   * Type name without size, lower-case for system types (e.g. "nvarchar", "decimal"); user type name as declared.
   * Empty for a computed column read from a script, whose type the server infers from the expression.
   */
  typeName: string;
  /** Schema of a user-defined (alias or CLR) type; absent for system types. */
  typeSchema?: string;
  /** Bytes, as sys.columns.max_length: nvarchar(50) → 100, varchar(max)/nvarchar(max)/varbinary(max)/xml → -1. */
  maxLength: number;
  /** As sys.columns.precision: digits for numeric types, the display precision for date/time types (datetime2(7) → 27), else 0. */
  precision: number;
  /** As sys.columns.scale (also the fractional-seconds precision of time/datetime2/datetimeoffset). */
  scale: number;
  isNullable: boolean;
  identity?: IdentitySpec;
  computed?: ComputedSpec;
  default?: DefaultSpec;
  /** Column collation when it differs from the database default (or when the source spelled it out). */
  collation?: string;
  isRowGuidCol?: boolean;
  /** varbinary(max) FILESTREAM column. */
  isFilestream?: boolean;
  isSparse?: boolean;
  /** `xml COLUMN_SET FOR ALL_SPARSE_COLUMNS` (sys.columns.is_column_set). */
  isColumnSet?: boolean;
  /**
   * GENERATED ALWAYS AS ... (sys.columns.generated_always_type): the period columns of a system-versioned
   * temporal table (rowStart / rowEnd) and the ledger columns (transactionId*, sequenceNumber*).
   */
  generatedAlways?: GeneratedAlwaysType;
  /** HIDDEN: left out of SELECT * (sys.columns.is_hidden). */
  isHidden?: boolean;
  /** Typed xml: `xml([DOCUMENT|CONTENT] schema.collection)` (sys.columns.xml_collection_id, is_xml_document). */
  xmlSchema?: { collection: QualifiedName; document: boolean };
  /**
   * Dynamic data masking function as sys.masked_columns.masking_function reports it: `default()`, `email()`,
   * `partial(2, "XX", 1)`, `random(1, 100)`, `datetime("Y")`.
   */
  mask?: string;
}

/** sys.columns.generated_always_type_desc: AS_ROW_START → rowStart, AS_TRANSACTION_ID_END → transactionIdEnd... */
export type GeneratedAlwaysType =
  "rowStart" | "rowEnd" | "transactionIdStart" | "transactionIdEnd" | "sequenceNumberStart" | "sequenceNumberEnd";

/** Key column of an index or PRIMARY KEY / UNIQUE constraint. */
export interface IndexColumn {
  name: string;
  descending: boolean;
}

export interface KeyConstraintDef {
  /** Constraint name; absent when the source did not name it. */
  name?: string;
  type: "primaryKey" | "unique";
  clustered: boolean;
  columns: IndexColumn[];
  dataSpace?: DataSpaceRef;
}

export interface CheckConstraintDef {
  name?: string;
  /** Expression text as sys.check_constraints.definition reports it, e.g. "([Qty]>(0))". */
  definition: string;
  /** Set for a column-level check constraint. */
  column?: string;
  isDisabled?: boolean;
  notForReplication?: boolean;
}

/** sys.foreign_keys.delete_referential_action_desc / update_referential_action_desc. */
export type ReferentialAction = "NO_ACTION" | "CASCADE" | "SET_NULL" | "SET_DEFAULT";

export interface ForeignKeyDef {
  name?: string;
  columns: string[];
  referencedTable: QualifiedName;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  isDisabled?: boolean;
  notForReplication?: boolean;
}

export type IndexType =
  "clustered" | "nonclustered" | "clusteredColumnstore" | "nonclusteredColumnstore" | "xml" | "spatial" | "hash";

export interface IndexDef {
  name: string;
  type: IndexType;
  isUnique: boolean;
  /** Key columns in order (for a nonclustered columnstore index: its column list; empty for clustered columnstore). */
  columns: IndexColumn[];
  includedColumns: string[];
  /** Filter predicate of a filtered index as sys.indexes.filter_definition reports it. */
  filter?: string;
  dataSpace?: DataSpaceRef;
  /** Bucket count of a memory-optimized hash index. */
  bucketCount?: number;
  /**
   * Full CREATE statement of an xml or spatial index as the script wrote it; the generator replays it when
   * present (options such as PAD_INDEX included), else builds the index from `xml` / `spatial`.
   */
  definition?: string;
  /** XML index (sys.xml_indexes): primary, or secondary on a primary XML index FOR PATH / VALUE / PROPERTY. */
  xml?: XmlIndexSpec;
  /** Spatial index (sys.spatial_index_tessellations). */
  spatial?: SpatialIndexSpec;
}

export interface XmlIndexSpec {
  primary: boolean;
  /** The primary XML index a secondary one is built on. */
  usingIndex?: string;
  secondaryType?: "PATH" | "VALUE" | "PROPERTY";
}

export interface SpatialIndexSpec {
  tessellation: "GEOMETRY_GRID" | "GEOMETRY_AUTO_GRID" | "GEOGRAPHY_GRID" | "GEOGRAPHY_AUTO_GRID";
  /** BOUNDING_BOX (xmin, ymin, xmax, ymax) of a geometry index, as decimal strings. */
  boundingBox?: string[];
  /** GRIDS densities LEVEL_1..LEVEL_4 (LOW / MEDIUM / HIGH) of a manual grid. */
  grids?: ("LOW" | "MEDIUM" | "HIGH")[];
  cellsPerObject?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Schema-scoped objects
// ---------------------------------------------------------------------------------------------------------

export interface SchemaDef extends ObjectBase<"schema"> {
  /** Owner principal; absent means dbo. */
  owner?: string;
}

export interface AliasTypeDef extends SchemaScopedBase<"aliasType"> {
  /** System base type, e.g. "nvarchar". */
  baseType: string;
  maxLength: number;
  precision: number;
  scale: number;
  isNullable: boolean;
}

/** What a table and a table type both declare between their parentheses. */
export interface TableBody {
  columns: ColumnDef[];
  primaryKey?: KeyConstraintDef;
  uniqueConstraints: KeyConstraintDef[];
  checkConstraints: CheckConstraintDef[];
  indexes: IndexDef[];
}

export interface TableTypeDef extends SchemaScopedBase<"tableType">, TableBody {
  isMemoryOptimized: boolean;
}

export type UserDefinedTypeDef = AliasTypeDef | TableTypeDef;

export interface TableDef extends SchemaScopedBase<"table">, TableBody {
  foreignKeys: ForeignKeyDef[];
  /** Placement of the heap or clustered index (ON [fg] / ON [scheme]([col])). */
  dataSpace?: DataSpaceRef;
  /** TEXTIMAGE_ON filegroup. */
  lobFilegroup?: string;
  /** FILESTREAM_ON filegroup or partition scheme. */
  filestreamFilegroup?: string;
  isFileTable: boolean;
  isMemoryOptimized: boolean;
  /** DURABILITY of a memory-optimized table. */
  durability?: "SCHEMA_ONLY" | "SCHEMA_AND_DATA";
  /** PERIOD FOR SYSTEM_TIME (start column, end column): sys.periods. */
  period?: PeriodDef;
  /** SYSTEM_VERSIONING = ON: a system-versioned temporal table (sys.tables.temporal_type = 2). */
  systemVersioning?: SystemVersioningDef;
  /** AS NODE / AS EDGE graph table (sys.tables.is_node / is_edge); the graph's internal columns are not modelled. */
  graphType?: "node" | "edge";
  /** CONNECTION constraints of an edge table. */
  edgeConstraints?: EdgeConstraintDef[];
  /** The table's full-text index (a table has at most one): sys.fulltext_indexes. */
  fulltextIndex?: FulltextIndexDef;
}

export interface FulltextIndexDef {
  /** Full-text catalog; a script that names none gets the database's default catalog. */
  catalog?: string;
  /** KEY INDEX: the unique single-column index (or key constraint) rows are identified by. */
  keyIndex: string;
  columns: FulltextIndexColumn[];
  changeTracking: "AUTO" | "MANUAL" | "OFF";
  /** STOPLIST: absent = SYSTEM (the default), "OFF", or a user stoplist's name. */
  stoplist?: string;
}

export interface FulltextIndexColumn {
  name: string;
  /** TYPE COLUMN holding the document type of a varbinary column. */
  typeColumn?: string;
  /** LANGUAGE as an LCID (1033), or as written when the script used a name the reader does not map. */
  language?: string;
  statisticalSemantics?: boolean;
}

export interface PeriodDef {
  startColumn: string;
  endColumn: string;
}

export interface SystemVersioningDef {
  /**
   * HISTORY_TABLE as declared or as the catalog names it. Absent: the source let SQL Server name it
   * (MSSQL_TemporalHistoryFor_<id>). When the model also holds this table, the generator creates it itself;
   * otherwise SQL Server creates it when versioning is switched on.
   */
  historyTable?: QualifiedName;
  /** HISTORY_RETENTION_PERIOD; absent = INFINITE. */
  retention?: { period: number; unit: "DAY" | "WEEK" | "MONTH" | "YEAR" };
}

/** `CONSTRAINT name CONNECTION (From TO To, ...) [ON DELETE CASCADE]` of an edge table (sys.edge_constraints). */
export interface EdgeConstraintDef {
  name?: string;
  connections: { from: QualifiedName; to: QualifiedName }[];
  onDelete: "NO_ACTION" | "CASCADE";
}

/**
 * Fields shared by every programmable object. `definition` is the full T-SQL text of the module, starting at
 * CREATE (as sys.sql_modules.definition holds it), so the generator can replay it and the assessment can scan it.
 */
export interface ModuleBase<K extends ObjectKind> extends SchemaScopedBase<K> {
  definition: string;
}

export interface ViewDef extends ModuleBase<"view"> {
  /** WITH SCHEMABINDING (sys.sql_modules.is_schema_bound): required before a view can be indexed. */
  isSchemaBound: boolean;
  /**
   * Indexes of an indexed view (sys.indexes, as for a table): one unique clustered index, which materialises the
   * view, and any nonclustered indexes built on it. Absent when the view has none — a plain view, as before
   * indexed views were modelled, so its hash and fingerprint are unchanged.
   * `CREATE OR ALTER VIEW` / `ALTER VIEW` drops every index of the view: a changed view has them created again.
   */
  indexes?: IndexDef[];
}

/** scalar = FN, inlineTable = IF, multiStatementTable = TF, clr = FS/FT (sys.objects.type). */
export type FunctionType = "scalar" | "inlineTable" | "multiStatementTable" | "clr";

export interface FunctionDef extends ModuleBase<"function"> {
  functionType: FunctionType;
  isSchemaBound: boolean;
}

export interface ProcedureDef extends ModuleBase<"procedure"> {
  /**
   * Set (2 or more) for the extra members of a numbered procedure group (`CREATE PROCEDURE p;2`), a deprecated
   * feature. Such a member's key is `[schema].[name];n` so it does not collide with the group's first member.
   */
  procedureNumber?: number;
  isClr?: boolean;
}

/**
 * DML trigger (scope "table", `parent` set, schema = parent's schema), database DDL trigger (scope "database"),
 * or server DDL/logon trigger (scope "server"). Database and server triggers have schema "" since they live
 * outside schemas.
 */
export interface TriggerDef extends ModuleBase<"trigger"> {
  scope: "table" | "database" | "server";
  parent?: QualifiedName;
  /** Events, upper-case: INSERT/UPDATE/DELETE or DDL event names (CREATE_TABLE, DDL_DATABASE_LEVEL_EVENTS, LOGON). */
  events: string[];
  timing: "AFTER" | "INSTEAD OF" | "FOR";
  isDisabled: boolean;
}

export interface SequenceDef extends SchemaScopedBase<"sequence"> {
  typeName: string;
  /** Values as decimal strings (bigint and decimal sequences exceed JS numbers). */
  startValue: string;
  increment: string;
  minValue?: string;
  maxValue?: string;
  isCycling: boolean;
  /** Absent = server default cache; 0 = NO CACHE. */
  cacheSize?: number;
}

export interface SynonymDef extends SchemaScopedBase<"synonym"> {
  /** sys.synonyms.base_object_name, e.g. "[OtherDb].[dbo].[Customers]" (1 to 4 parts, bracket-quoted). */
  baseObjectName: string;
}

// ---------------------------------------------------------------------------------------------------------
// Security
// ---------------------------------------------------------------------------------------------------------

/**
 * sql: mapped to a SQL login (or a contained user with password when `hasPassword`);
 * windows: Windows user or group (not available on Azure SQL Database);
 * external: Microsoft Entra user/group/application (FROM EXTERNAL PROVIDER);
 * withoutLogin: WITHOUT LOGIN (also certificate/asymmetric-key mapped users).
 */
export type UserAuthentication = "sql" | "windows" | "external" | "withoutLogin";

export interface UserDef extends ObjectBase<"user"> {
  authentication: UserAuthentication;
  loginName?: string;
  defaultSchema?: string;
  /** Contained database user WITH PASSWORD (the password itself is never in the model). */
  hasPassword?: boolean;
}

export interface RoleDef extends ObjectBase<"role"> {
  owner?: string;
  /** Member principal names, sorted by the producer. */
  members: string[];
}

/** A GRANT/DENY on the database, a schema or an object. Key: see keys.permissionKey. */
export interface PermissionDef extends ObjectBase<"permission"> {
  state: "GRANT" | "DENY" | "GRANT_WITH_GRANT_OPTION";
  /** Upper-case permission name, e.g. "SELECT", "EXECUTE", "VIEW DEFINITION". */
  permission: string;
  securable:
    { class: "database" } | { class: "schema"; name: string } | { class: "object"; schema: string; name: string };
  principal: string;
}

// ---------------------------------------------------------------------------------------------------------
// Features the assessment cares about
// ---------------------------------------------------------------------------------------------------------

export interface AssemblyDef extends ObjectBase<"assembly"> {
  permissionSet: "SAFE" | "EXTERNAL_ACCESS" | "UNSAFE";
  /** CREATE ASSEMBLY text when known (binary bodies may be elided as 0x...). */
  definition?: string;
}

/** Service Broker queue. */
export interface QueueDef extends SchemaScopedBase<"queue"> {
  activationProcedure?: QualifiedName;
  definition?: string;
}

/** Service Broker service. */
export interface ServiceDef extends ObjectBase<"service"> {
  queue: QualifiedName;
  contracts: string[];
  definition?: string;
}

export interface FulltextCatalogDef extends ObjectBase<"fulltextCatalog"> {
  isDefault: boolean;
}

/** One FILTER or BLOCK predicate of a security policy (sys.security_predicates). */
export interface SecurityPredicateDef {
  type: "FILTER" | "BLOCK";
  /**
   * The predicate as sys.security_predicates.predicate_definition reports it: the inline table-valued function
   * call with its arguments, wrapped once, e.g. `([Security].[fn_filter]([TenantId]))`.
   */
  definition: string;
  table: QualifiedName;
  /** For a BLOCK predicate limited to one operation; absent = all operations (and always for FILTER). */
  operation?: "AFTER INSERT" | "AFTER UPDATE" | "BEFORE UPDATE" | "BEFORE DELETE";
}

/**
 * An XML schema collection. `schemas` are the XSD documents in the order they were added (CREATE, then each
 * ALTER ... ADD); a collection extracted from a server holds what XML_SCHEMA_NAMESPACE returns, as one document.
 */
export interface XmlSchemaCollectionDef extends SchemaScopedBase<"xmlSchemaCollection"> {
  schemas: string[];
}

/** Row-level security: CREATE SECURITY POLICY (sys.security_policies). */
export interface SecurityPolicyDef extends SchemaScopedBase<"securityPolicy"> {
  predicates: SecurityPredicateDef[];
  /** STATE = ON (the default). */
  isEnabled: boolean;
  /** SCHEMABINDING = ON (the default). */
  isSchemaBound: boolean;
  notForReplication?: boolean;
}

/** Server-level objects found in the source (logins, server roles, endpoints, linked servers, credentials...). */
export interface ServerObjectDef extends ObjectBase<"serverObject"> {
  /** Upper-case object type as in the CREATE statement, e.g. "LOGIN", "SERVER ROLE", "ENDPOINT". */
  serverObjectType: string;
  definition?: string;
}

/**
 * A statement that is not an object definition (USE, DBCC, EXEC, SET, sp_configure...) or that the script reader
 * did not understand. Kept so nothing is silently dropped: the assessment scans it and the generator either
 * replays it or, when a safe fix exists, leaves it out and says so.
 */
export interface StatementDef extends ObjectBase<"statement"> {
  /** The first words, upper-cased, e.g. "USE", "DBCC TRACEON", "EXEC". */
  firstWords: string;
  sql: string;
  /** True when the reader did not recognise it (as opposed to a known non-object statement such as USE). */
  unrecognized: boolean;
}

/** Database-level settings relevant to the assessment (sys.databases). Absent = unknown / server default. */
export interface DatabaseOptions {
  compatibilityLevel?: number;
  collation?: string;
  recoveryModel?: "FULL" | "BULK_LOGGED" | "SIMPLE";
  isTrustworthy?: boolean;
  isDbChaining?: boolean;
  isBrokerEnabled?: boolean;
  containment?: "NONE" | "PARTIAL";
  isReadCommittedSnapshotOn?: boolean;
  allowSnapshotIsolation?: boolean;
  isFulltextEnabled?: boolean;
  /** FILESTREAM non-transacted access (OFF / READ_ONLY / FULL). */
  filestreamNonTransactedAccess?: "OFF" | "READ_ONLY" | "FULL";
  /** Other options set by ALTER DATABASE SET, upper-case name → value as written. */
  other?: Record<string, string>;
}

export interface DatabaseModel {
  /** Source database name; three-part names naming another database are cross-database references. */
  databaseName?: string;
  options: DatabaseOptions;
  filegroups: FilegroupDef[];
  partitionFunctions: PartitionFunctionDef[];
  partitionSchemes: PartitionSchemeDef[];
  schemas: SchemaDef[];
  types: UserDefinedTypeDef[];
  tables: TableDef[];
  views: ViewDef[];
  functions: FunctionDef[];
  procedures: ProcedureDef[];
  triggers: TriggerDef[];
  sequences: SequenceDef[];
  synonyms: SynonymDef[];
  users: UserDef[];
  roles: RoleDef[];
  permissions: PermissionDef[];
  assemblies: AssemblyDef[];
  queues: QueueDef[];
  services: ServiceDef[];
  fulltextCatalogs: FulltextCatalogDef[];
  securityPolicies: SecurityPolicyDef[];
  xmlSchemaCollections: XmlSchemaCollectionDef[];
  serverObjects: ServerObjectDef[];
  statements: StatementDef[];
}

/** Any object of the model (the element type of every list in DatabaseModel). */
export type SchemaObject =
  | FilegroupDef
  | PartitionFunctionDef
  | PartitionSchemeDef
  | SchemaDef
  | UserDefinedTypeDef
  | TableDef
  | ViewDef
  | FunctionDef
  | ProcedureDef
  | TriggerDef
  | SequenceDef
  | SynonymDef
  | UserDef
  | RoleDef
  | PermissionDef
  | AssemblyDef
  | QueueDef
  | ServiceDef
  | FulltextCatalogDef
  | SecurityPolicyDef
  | XmlSchemaCollectionDef
  | ServerObjectDef
  | StatementDef;

/** Programmable objects whose T-SQL text the tools scan. */
export type ModuleObject = ViewDef | FunctionDef | ProcedureDef | TriggerDef;

/** An empty model, the starting point for producers. */
export function emptyModel(databaseName?: string): DatabaseModel {
  const model: DatabaseModel = {
    options: {},
    filegroups: [],
    partitionFunctions: [],
    partitionSchemes: [],
    schemas: [],
    types: [],
    tables: [],
    views: [],
    functions: [],
    procedures: [],
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
    xmlSchemaCollections: [],
    serverObjects: [],
    statements: [],
  };
  if (databaseName !== undefined) model.databaseName = databaseName;
  return model;
}

/** Every object of a model in a fixed order (list order of DatabaseModel, then position). */
export function allObjects(model: DatabaseModel): SchemaObject[] {
  return [
    ...model.filegroups,
    ...model.partitionFunctions,
    ...model.partitionSchemes,
    ...model.schemas,
    ...model.types,
    ...model.tables,
    ...model.views,
    ...model.functions,
    ...model.procedures,
    ...model.triggers,
    ...model.sequences,
    ...model.synonyms,
    ...model.users,
    ...model.roles,
    ...model.permissions,
    ...model.assemblies,
    ...model.queues,
    ...model.services,
    ...model.fulltextCatalogs,
    ...model.securityPolicies,
    ...model.xmlSchemaCollections,
    ...model.serverObjects,
    ...model.statements,
  ];
}
