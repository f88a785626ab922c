/**
 * Request bodies of the classic model (services, projects, tasks, commands) as datamigration.json 2021-06-30
 * defines them (definitions/Services.json, Projects.json, Tasks.json, Common.json, TasksCommon.json,
 * ConnectToTargetSqlDbTask.json, MigrateSqlServerSqlDbSyncTask.json, MigrationValidation.json), written here as
 * zod shapes from the spec — not shared with provider/, so the emulator is an independent check of the provider.
 * ConnectToSourceSqlServerTask.json, GetUserTablesSqlTask.json, MigrateSqlServerSqlDbTask.json and Commands.json
 * were read in their 2025-06-30 (classic) form, which adds `encryptedKeyForSecureFields` and `commandId`; both
 * are accepted (optional, never used).
 *
 * Every object is strict: a property the spec does not define, at any depth, is refused with 400
 * InvalidRequestContent naming its path (emulator/arm/request-body.ts), so a field a client misspells
 * (`pasword`, `selectedDatabase`) fails its tests instead of silently sending nothing. Read-only properties
 * (id, name, type, systemData, etag, provisioningState, creationTime, a task's state/errors/commands/output)
 * are accepted — a client may send back what it read — and ignored. Enums the spec marks `modelAsString` are
 * plain strings; `ServerLevelPermissionsGroup` is a closed enum in the spec, so it is one here.
 *
 * The same shapes serve api-version 2018-07-15-preview (what @azure/arm-datamigration 2.1.1 speaks): for the
 * parts modelled here its definitions are a subset of 2021-06-30's (no virtualNicId, no startedOn).
 */
import { z } from "zod";
import { COMMAND_TYPE, TASK_TYPE } from "./task-types";

const text = z.string().optional();
const flag = z.boolean().optional();
const stringMap = z.record(z.string(), z.string());
/** Read-only values a client may echo; never read. */
const ignored = z.unknown().optional();

/** common-types v2 systemData (read-only). */
const systemData = z.strictObject({
  createdBy: text,
  createdByType: text,
  createdAt: text,
  lastModifiedBy: text,
  lastModifiedByType: text,
  lastModifiedAt: text,
});

/** Common.json Resource (id, name, type: read-only) plus each resource's systemData. */
const resourceEnvelope = { id: text, name: text, type: text, systemData: systemData.optional() };

/** Common.json SqlConnectionInfo (ConnectionInfo with `type: "SqlConnectionInfo"`). */
export const sqlConnectionInfo = z.strictObject({
  type: z.literal("SqlConnectionInfo"),
  userName: text,
  password: text,
  dataSource: z.string().min(1),
  authentication: text,
  encryptConnection: flag,
  additionalSettings: text,
  trustServerCertificate: flag,
  platform: text,
});
export type SqlConnectionInfo = z.output<typeof sqlConnectionInfo>;

// --- services (Services.json) ----------------------------------------------------------------------------

/** ServiceSku. */
const serviceSku = z.strictObject({
  name: text,
  tier: text,
  family: text,
  size: text,
  capacity: z.number().int().optional(),
});

const serviceFields = {
  ...resourceEnvelope,
  tags: stringMap.optional(),
  etag: text,
  kind: text,
  sku: serviceSku.optional(),
};

/** DataMigrationService (TrackedResource): Services_CreateOrUpdate. location and virtualSubnetId are required. */
export const dataMigrationServiceBody = z.strictObject({
  ...serviceFields,
  location: z.string().min(1),
  properties: z.strictObject({
    provisioningState: text,
    publicKey: text,
    virtualSubnetId: z.string().min(1),
    virtualNicId: text,
  }),
});

/** Services_Update takes a DataMigrationService too; a PATCH sends only what changes. */
export const dataMigrationServicePatch = z.strictObject({
  ...serviceFields,
  location: text,
  properties: z
    .strictObject({ provisioningState: text, publicKey: text, virtualSubnetId: text, virtualNicId: text })
    .optional(),
});

/** NameAvailabilityRequest (Services_CheckNameAvailability, Services_CheckChildrenNameAvailability). */
export const nameAvailabilityRequest = z.strictObject({ name: z.string(), type: z.string() });

// --- projects (Projects.json) ----------------------------------------------------------------------------

/** DatabaseInfo. */
const databaseInfo = z.strictObject({ sourceDatabaseName: z.string() });

const projectPropertyFields = {
  creationTime: text,
  provisioningState: text,
  sourceConnectionInfo: sqlConnectionInfo.optional(),
  targetConnectionInfo: sqlConnectionInfo.optional(),
  databasesInfo: z.array(databaseInfo).optional(),
};

/** Project (TrackedResource): Projects_CreateOrUpdate. sourcePlatform and targetPlatform are required. */
export const projectBody = z.strictObject({
  ...resourceEnvelope,
  location: z.string().min(1),
  tags: stringMap.optional(),
  etag: text,
  properties: z.strictObject({ ...projectPropertyFields, sourcePlatform: z.string(), targetPlatform: z.string() }),
});

/** Projects_Update. */
export const projectPatch = z.strictObject({
  ...resourceEnvelope,
  location: text,
  tags: stringMap.optional(),
  etag: text,
  properties: z.strictObject({ ...projectPropertyFields, sourcePlatform: text, targetPlatform: text }).optional(),
});

// --- task inputs ------------------------------------------------------------------------------------------

/** Common.json ServerLevelPermissionsGroup (not modelAsString: a closed enum). */
const serverLevelPermissionsGroup = z.enum([
  "Default",
  "MigrationFromSqlServerToAzureDB",
  "MigrationFromSqlServerToAzureMI",
  "MigrationFromMySQLToAzureDBForMySQL",
]);

/** ConnectToSourceSqlServerTaskInput. */
export const connectToSourceInput = z.strictObject({
  sourceConnectionInfo: sqlConnectionInfo,
  checkPermissionsGroup: serverLevelPermissionsGroup.optional(),
  collectDatabases: flag,
  collectLogins: flag,
  collectAgentJobs: flag,
  collectTdeCertificateInfo: flag,
  validateSsisCatalogOnly: flag,
  encryptedKeyForSecureFields: text,
});

/** ConnectToTargetSqlDbTaskInput. */
export const connectToTargetInput = z.strictObject({ targetConnectionInfo: sqlConnectionInfo });

/** GetUserTablesSqlTaskInput: the connection is `connectionInfo`, and selectedDatabases are names. */
export const getUserTablesInput = z.strictObject({
  connectionInfo: sqlConnectionInfo,
  selectedDatabases: z.array(z.string()),
  encryptedKeyForSecureFields: text,
});

/** MigrationValidation.json MigrationValidationOptions. */
const migrationValidationOptions = z.strictObject({
  enableSchemaValidation: flag,
  enableDataIntegrityValidation: flag,
  enableQueryAnalysisValidation: flag,
});

/** TasksCommon.json MigrateSqlServerSqlDbDatabaseInput. */
const offlineDatabaseInput = z.strictObject({
  name: text,
  targetDatabaseName: text,
  makeSourceDbReadOnly: flag,
  tableMap: stringMap.optional(),
});

/** MigrateSqlServerSqlDbTaskInput = SqlMigrationTaskInput + selectedDatabases, validationOptions, startedOn. */
export const offlineMigrationInput = z.strictObject({
  sourceConnectionInfo: sqlConnectionInfo,
  targetConnectionInfo: sqlConnectionInfo,
  selectedDatabases: z.array(offlineDatabaseInput),
  validationOptions: migrationValidationOptions.optional(),
  startedOn: text,
  encryptedKeyForSecureFields: text,
});
export type OfflineMigrationInput = z.output<typeof offlineMigrationInput>;

/** TasksCommon.json MigrateSqlServerSqlDbSyncDatabaseInput. */
const syncDatabaseInput = z.strictObject({
  id: text,
  name: text,
  targetDatabaseName: text,
  schemaName: text,
  tableMap: stringMap.optional(),
  migrationSetting: stringMap.optional(),
  sourceSetting: stringMap.optional(),
  targetSetting: stringMap.optional(),
});

/** MigrateSqlServerSqlDbSyncTaskInput = SqlMigrationTaskInput + selectedDatabases, validationOptions. */
export const syncMigrationInput = z.strictObject({
  sourceConnectionInfo: sqlConnectionInfo,
  targetConnectionInfo: sqlConnectionInfo,
  selectedDatabases: z.array(syncDatabaseInput),
  validationOptions: migrationValidationOptions.optional(),
});

export type MigrationInput = z.output<typeof offlineMigrationInput> | z.output<typeof syncMigrationInput>;

// --- tasks (Tasks.json) -----------------------------------------------------------------------------------

/** The input shape of each task type the emulator runs (ProjectTaskProperties' `taskType` discriminator). */
export const TASK_INPUTS = {
  [TASK_TYPE.connectToSource]: connectToSourceInput,
  [TASK_TYPE.connectToTarget]: connectToTargetInput,
  [TASK_TYPE.getUserTables]: getUserTablesInput,
  [TASK_TYPE.migrateOffline]: offlineMigrationInput,
  [TASK_TYPE.migrateOnline]: syncMigrationInput,
} as const satisfies Record<string, z.ZodType>;

/** ProjectTaskProperties fields every task type has; errors, state, commands and output are read-only. */
const taskPropertyFields = {
  errors: ignored,
  state: text,
  commands: ignored,
  output: ignored,
  clientData: stringMap.optional(),
};

/** ProjectTask whose properties are `taskType`'s variant (Tasks_CreateOrUpdate). */
export function projectTaskBody(taskType: keyof typeof TASK_INPUTS) {
  return z.strictObject({
    ...resourceEnvelope,
    etag: text,
    properties: z.strictObject({ ...taskPropertyFields, taskType: z.literal(taskType), input: TASK_INPUTS[taskType] }),
  });
}

/** Just enough of a ProjectTask to find its variant; the variant's strict shape reads it fully. */
export const taskTypeOf = z.looseObject({ properties: z.looseObject({ taskType: z.string().min(1) }) });

/** Tasks_Update: a PATCH whose only writable change is clientData. */
export const projectTaskPatch = z.strictObject({
  ...resourceEnvelope,
  etag: text,
  properties: z.strictObject({ ...taskPropertyFields, taskType: text, input: ignored }).optional(),
});

// --- commands (Commands.json) -----------------------------------------------------------------------------

/** MigrateSyncCompleteCommandProperties (Tasks_Command). */
export const completeSyncCommandBody = z.strictObject({
  commandType: z.literal(COMMAND_TYPE.completeSyncDatabase),
  errors: ignored,
  state: text,
  output: ignored,
  commandId: text,
  input: z.strictObject({ databaseName: z.string().min(1), commitTimeStamp: text }),
});
