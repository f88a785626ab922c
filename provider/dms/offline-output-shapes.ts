import { z } from "zod";
import { dateTime, int64, knownString, reportableExceptionSchema, stringEncodedMap } from "./common-shapes";
import { discriminatedLoose } from "./discriminated";
import { DATABASE_MIGRATION_STAGES, MIGRATION_STATES, MIGRATION_STATUSES } from "./states";

/**
 * Output of the offline task `Migrate.SqlServer.SqlDb` (MigrateSqlServerSqlDbTask.json, 2021-06-30): an array
 * of results discriminated on `resultType`. Table-level results carry no database name; they belong to the
 * database whose `resultPrefix` their `id` starts with.
 */

/** DataItemMigrationSummaryResult: the values of `databaseSummary` and `objectSummary`. */
export const dataItemSummarySchema = z.looseObject({
  name: z.string().optional(),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  state: knownString(MIGRATION_STATES).optional(),
  statusMessage: z.string().optional(),
  itemsCount: int64.optional(),
  itemsCompletedCount: int64.optional(),
  errorPrefix: z.string().optional(),
  resultPrefix: z.string().optional(),
  sizeMB: z.number().optional(),
});

export const offlineMigrationLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("MigrationLevelOutput"),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  durationInSeconds: int64.optional(),
  status: knownString(MIGRATION_STATUSES).optional(),
  statusMessage: z.string().optional(),
  message: z.string().optional(),
  databases: stringEncodedMap(z.string()).optional(),
  databaseSummary: stringEncodedMap(dataItemSummarySchema).optional(),
  migrationValidationResult: z.looseObject({}).optional(),
  migrationReportResult: z.looseObject({}).optional(),
  sourceServerVersion: z.string().optional(),
  sourceServerBrandVersion: z.string().optional(),
  targetServerVersion: z.string().optional(),
  targetServerBrandVersion: z.string().optional(),
  exceptionsAndWarnings: z.array(reportableExceptionSchema).optional(),
});

export const offlineDatabaseLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("DatabaseLevelOutput"),
  databaseName: z.string().optional(),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  state: knownString(MIGRATION_STATES).optional(),
  stage: knownString(DATABASE_MIGRATION_STAGES).optional(),
  statusMessage: z.string().optional(),
  message: z.string().optional(),
  numberOfObjects: int64.optional(),
  numberOfObjectsCompleted: int64.optional(),
  errorCount: int64.optional(),
  errorPrefix: z.string().optional(),
  resultPrefix: z.string().optional(),
  exceptionsAndWarnings: z.array(reportableExceptionSchema).optional(),
  objectSummary: stringEncodedMap(dataItemSummarySchema).optional(),
});

/** Per table: `itemsCount` is the table's row count and `itemsCompletedCount` the rows copied so far. */
export const offlineTableLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("TableLevelOutput"),
  objectName: z.string().optional(),
  startedOn: dateTime.optional(),
  endedOn: dateTime.optional(),
  state: knownString(MIGRATION_STATES).optional(),
  statusMessage: z.string().optional(),
  itemsCount: int64.optional(),
  itemsCompletedCount: int64.optional(),
  errorPrefix: z.string().optional(),
  resultPrefix: z.string().optional(),
});

export const offlineErrorOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("ErrorOutput"),
  error: reportableExceptionSchema.optional(),
});

/** Validation results (MigrationValidationOutput, MigrationDatabaseLevelValidationOutput) pass through unmodelled. */
export const offlineTaskOutputSchema = discriminatedLoose("resultType", {
  MigrationLevelOutput: offlineMigrationLevelOutputSchema,
  DatabaseLevelOutput: offlineDatabaseLevelOutputSchema,
  TableLevelOutput: offlineTableLevelOutputSchema,
  ErrorOutput: offlineErrorOutputSchema,
});

export type OfflineMigrationLevelOutput = z.output<typeof offlineMigrationLevelOutputSchema>;
export type OfflineDatabaseLevelOutput = z.output<typeof offlineDatabaseLevelOutputSchema>;
export type OfflineTableLevelOutput = z.output<typeof offlineTableLevelOutputSchema>;
export type OfflineErrorOutput = z.output<typeof offlineErrorOutputSchema>;
export type OfflineTaskOutput = z.output<typeof offlineTaskOutputSchema>;
