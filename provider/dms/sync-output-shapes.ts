import { z } from "zod";
import { dateTime, int64, knownString, reportableExceptionSchema } from "./common-shapes";
import { discriminatedLoose } from "./discriminated";
import { SYNC_DATABASE_STATES, SYNC_TABLE_STATES } from "./states";

/**
 * Output of the online task `Migrate.SqlServer.AzureSqlDb.Sync` (MigrateSqlServerSqlDbSyncTask.json,
 * 2021-06-30): MigrateSqlServerSqlDbSyncTaskOutput, discriminated on `resultType`.
 */

export const syncMigrationLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("MigrationLevelOutput"),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  sourceServerVersion: z.string().optional(),
  sourceServer: z.string().optional(),
  targetServerVersion: z.string().optional(),
  targetServer: z.string().optional(),
  databaseCount: int64.optional(),
});

/** Per database: migrationState, incoming/applied change counters, full-load table counters, CDC counters. */
export const syncDatabaseLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("DatabaseLevelOutput"),
  databaseName: z.string().optional(),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  migrationState: knownString(SYNC_DATABASE_STATES).optional(),
  incomingChanges: int64.optional(),
  appliedChanges: int64.optional(),
  cdcInsertCounter: int64.optional(),
  cdcDeleteCounter: int64.optional(),
  cdcUpdateCounter: int64.optional(),
  fullLoadCompletedTables: int64.optional(),
  fullLoadLoadingTables: int64.optional(),
  fullLoadQueuedTables: int64.optional(),
  fullLoadErroredTables: int64.optional(),
  initializationCompleted: z.boolean().optional(),
  latency: int64.optional(),
});

/** Per table: full-load rows and timestamps, CDC counters, state, data errors. */
export const syncTableLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("TableLevelOutput"),
  tableName: z.string().optional(),
  databaseName: z.string().optional(),
  cdcInsertCounter: int64.optional(),
  cdcUpdateCounter: int64.optional(),
  cdcDeleteCounter: int64.optional(),
  fullLoadEstFinishTime: dateTime.optional(),
  fullLoadStartedOn: dateTime.optional(),
  fullLoadEndedOn: dateTime.optional(),
  fullLoadTotalRows: int64.optional(),
  state: knownString(SYNC_TABLE_STATES).optional(),
  totalChangesApplied: int64.optional(),
  dataErrorsCounter: int64.optional(),
  lastModifiedTime: dateTime.optional(),
});

/** SyncMigrationDatabaseErrorEvent. */
export const syncDatabaseErrorEventSchema = z.looseObject({
  timestampString: z.string().optional(),
  eventTypeString: z.string().optional(),
  eventText: z.string().optional(),
});

/** `resultType: "DatabaseLevelErrorOutput"`. The spec gives it no databaseName; some services add one. */
export const syncDatabaseErrorOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("DatabaseLevelErrorOutput"),
  errorMessage: z.string().optional(),
  events: z.array(syncDatabaseErrorEventSchema).optional(),
});

/** `resultType: "ErrorOutput"`: a migration-level error. */
export const syncErrorOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("ErrorOutput"),
  error: reportableExceptionSchema.optional(),
});

export const syncTaskOutputSchema = discriminatedLoose("resultType", {
  MigrationLevelOutput: syncMigrationLevelOutputSchema,
  DatabaseLevelOutput: syncDatabaseLevelOutputSchema,
  TableLevelOutput: syncTableLevelOutputSchema,
  DatabaseLevelErrorOutput: syncDatabaseErrorOutputSchema,
  ErrorOutput: syncErrorOutputSchema,
});

export type SyncMigrationLevelOutput = z.output<typeof syncMigrationLevelOutputSchema>;
export type SyncDatabaseLevelOutput = z.output<typeof syncDatabaseLevelOutputSchema>;
export type SyncTableLevelOutput = z.output<typeof syncTableLevelOutputSchema>;
export type SyncDatabaseErrorOutput = z.output<typeof syncDatabaseErrorOutputSchema>;
export type SyncErrorOutput = z.output<typeof syncErrorOutputSchema>;
export type SyncTaskOutput = z.output<typeof syncTaskOutputSchema>;
