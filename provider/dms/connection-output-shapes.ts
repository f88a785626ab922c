import { z } from "zod";
import { discriminatedLoose } from "./discriminated";
import { reportableExceptionSchema, stringEncodedMap } from "./common-shapes";

/** Outputs of the connection checks and the table listing (ConnectToSource/ConnectToTarget/GetUserTables). */

/** ConnectToSourceSqlServerTaskOutputTaskLevel (`resultType: "TaskLevelOutput"`). */
export const connectToSourceTaskLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("TaskLevelOutput"),
  databases: stringEncodedMap(z.string()).optional(),
  logins: stringEncodedMap(z.string()).optional(),
  agentJobs: stringEncodedMap(z.string()).optional(),
  databaseTdeCertificateMapping: stringEncodedMap(z.string()).optional(),
  sourceServerVersion: z.string().optional(),
  sourceServerBrandVersion: z.string().optional(),
  validationErrors: z.array(reportableExceptionSchema).optional(),
});

/** ConnectToSourceSqlServerTaskOutputDatabaseLevel (`resultType: "DatabaseLevelOutput"`). */
export const connectToSourceDatabaseLevelOutputSchema = z.looseObject({
  id: z.string().optional(),
  resultType: z.literal("DatabaseLevelOutput"),
  name: z.string().optional(),
  sizeMB: z.number().optional(),
  databaseFiles: z.array(z.looseObject({})).optional(),
  compatibilityLevel: z.string().optional(),
  databaseState: z.string().optional(),
});

/** Login- and agent-job-level outputs are not used here; they pass through unmodelled. */
export const connectToSourceOutputSchema = discriminatedLoose("resultType", {
  TaskLevelOutput: connectToSourceTaskLevelOutputSchema,
  DatabaseLevelOutput: connectToSourceDatabaseLevelOutputSchema,
});
export type ConnectToSourceOutput = z.output<typeof connectToSourceOutputSchema>;

/** ConnectToTargetSqlDbTaskOutput (no discriminator). */
export const connectToTargetOutputSchema = z.looseObject({
  id: z.string().optional(),
  databases: stringEncodedMap(z.string()).optional(),
  targetServerVersion: z.string().optional(),
  targetServerBrandVersion: z.string().optional(),
});
export type ConnectToTargetOutput = z.output<typeof connectToTargetOutputSchema>;

/** DatabaseTable: `{ hasRows, name }`, name schema-qualified. */
export const databaseTableSchema = z.looseObject({ hasRows: z.boolean().optional(), name: z.string().optional() });

/** GetUserTablesSqlTaskOutput. */
export const getUserTablesOutputSchema = z.looseObject({
  id: z.string().optional(),
  databasesToTables: stringEncodedMap(z.array(databaseTableSchema)).optional(),
  validationErrors: z.array(reportableExceptionSchema).optional(),
});
export type GetUserTablesOutput = z.output<typeof getUserTablesOutputSchema>;
