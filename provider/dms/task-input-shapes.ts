import { z } from "zod";
import { sqlConnectionInfoSchema } from "./common-shapes";

/**
 * Inputs of the task types this project runs (2021-06-30 definitions: ConnectToSourceSqlServerTask.json,
 * ConnectToTargetSqlDbTask.json, GetUserTablesSqlTask.json, MigrateSqlServerSqlDbTask.json,
 * MigrateSqlServerSqlDbSyncTask.json and TasksCommon.json).
 */

/** ConnectToSourceSqlServerTaskInput. */
export const connectToSourceInputSchema = z.looseObject({
  sourceConnectionInfo: sqlConnectionInfoSchema,
  checkPermissionsGroup: z.string().optional(),
  collectDatabases: z.boolean().optional(),
  collectLogins: z.boolean().optional(),
  collectAgentJobs: z.boolean().optional(),
  collectTdeCertificateInfo: z.boolean().optional(),
  validateSsisCatalogOnly: z.boolean().optional(),
});
export type ConnectToSourceInput = z.output<typeof connectToSourceInputSchema>;

/** ConnectToTargetSqlDbTaskInput. */
export const connectToTargetInputSchema = z.looseObject({ targetConnectionInfo: sqlConnectionInfoSchema });
export type ConnectToTargetInput = z.output<typeof connectToTargetInputSchema>;

/** GetUserTablesSqlTaskInput: note the connection field is `connectionInfo`, not `sourceConnectionInfo`. */
export const getUserTablesInputSchema = z.looseObject({
  connectionInfo: sqlConnectionInfoSchema,
  selectedDatabases: z.array(z.string()),
});
export type GetUserTablesInput = z.output<typeof getUserTablesInputSchema>;

/** Source table → target table, both schema-qualified (`dbo.Customers`). */
const tableMapSchema = z.record(z.string(), z.string());

/** MigrateSqlServerSqlDbDatabaseInput (offline). */
export const offlineDatabaseInputSchema = z.looseObject({
  name: z.string().optional(),
  targetDatabaseName: z.string().optional(),
  makeSourceDbReadOnly: z.boolean().optional(),
  tableMap: tableMapSchema.optional(),
});
export type OfflineDatabaseInput = z.output<typeof offlineDatabaseInputSchema>;

/** MigrateSqlServerSqlDbTaskInput (offline): SqlMigrationTaskInput + selectedDatabases. */
export const offlineMigrationInputSchema = z.looseObject({
  sourceConnectionInfo: sqlConnectionInfoSchema,
  targetConnectionInfo: sqlConnectionInfoSchema,
  selectedDatabases: z.array(offlineDatabaseInputSchema),
  validationOptions: z.looseObject({}).optional(),
  startedOn: z.string().optional(),
});
export type OfflineMigrationInput = z.output<typeof offlineMigrationInputSchema>;

/** MigrateSqlServerSqlDbSyncDatabaseInput (online). */
export const syncDatabaseInputSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  targetDatabaseName: z.string().optional(),
  schemaName: z.string().optional(),
  tableMap: tableMapSchema.optional(),
  migrationSetting: z.record(z.string(), z.string()).optional(),
  sourceSetting: z.record(z.string(), z.string()).optional(),
  targetSetting: z.record(z.string(), z.string()).optional(),
});
export type SyncDatabaseInput = z.output<typeof syncDatabaseInputSchema>;

/** MigrateSqlServerSqlDbSyncTaskInput (online). */
export const syncMigrationInputSchema = z.looseObject({
  sourceConnectionInfo: sqlConnectionInfoSchema,
  targetConnectionInfo: sqlConnectionInfoSchema,
  selectedDatabases: z.array(syncDatabaseInputSchema),
  validationOptions: z.looseObject({}).optional(),
});
export type SyncMigrationInput = z.output<typeof syncMigrationInputSchema>;
