import { z } from "zod";
import { completeSyncCommandSchema, commandPropertiesSchema } from "./command-shapes";
import { offlineTaskOutputSchema } from "./offline-output-shapes";
import { parseDms } from "./parse";
import { projectSchema } from "./project-shapes";
import { dataMigrationServiceSchema, serviceStatusResponseSchema } from "./service-shapes";
import { syncTaskOutputSchema } from "./sync-output-shapes";
import { projectTaskSchema } from "./task-shapes";

/**
 * One reader per response body. Each throws DmsShapeError with field paths when the body does not match the
 * spec, and keeps fields it does not know.
 */

export const parseDataMigrationService = (body: unknown) =>
  parseDms(dataMigrationServiceSchema, body, "DataMigrationService");

export const parseServiceStatus = (body: unknown) =>
  parseDms(serviceStatusResponseSchema, body, "DataMigrationServiceStatusResponse");

export const parseProject = (body: unknown) => parseDms(projectSchema, body, "Project");

export const parseProjectTask = (body: unknown) => parseDms(projectTaskSchema, body, "ProjectTask");

/** The body of POST …/command for any command type (commandType, state, errors). */
export const parseCommand = (body: unknown) => parseDms(commandPropertiesSchema, body, "CommandProperties");

/** The body of POST …/command for `Migrate.Sync.Complete.Database`, with its input and output. */
export const parseCompleteSyncCommand = (body: unknown) =>
  parseDms(completeSyncCommandSchema, body, "MigrateSyncCompleteCommandProperties");

export const parseOfflineTaskOutput = (output: unknown) =>
  parseDms(z.array(offlineTaskOutputSchema), output, "MigrateSqlServerSqlDbTaskOutput[]");

export const parseSyncTaskOutput = (output: unknown) =>
  parseDms(z.array(syncTaskOutputSchema), output, "MigrateSqlServerSqlDbSyncTaskOutput[]");
