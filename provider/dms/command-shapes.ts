import { z } from "zod";
import { dateTime, knownString, odataErrorSchema, reportableExceptionSchema } from "./common-shapes";
import { COMMAND_STATES } from "./states";

/**
 * Commands (Commands.json, 2021-06-30). POST …/tasks/{task}/command takes CommandProperties as the body and
 * returns CommandProperties with `state` and, for the complete command, `output.errors`.
 */

export const completeSyncCommandInputSchema = z.looseObject({
  databaseName: z.string().min(1),
  commitTimeStamp: dateTime.optional(),
});

export const completeSyncCommandOutputSchema = z.looseObject({
  id: z.string().optional(),
  errors: z.array(reportableExceptionSchema).optional(),
});

/** MigrateSyncCompleteCommandProperties (`commandType: "Migrate.Sync.Complete.Database"`). */
export const completeSyncCommandSchema = z.looseObject({
  commandType: z.literal("Migrate.Sync.Complete.Database"),
  errors: z.array(odataErrorSchema).optional(),
  state: knownString(COMMAND_STATES).optional(),
  input: completeSyncCommandInputSchema.optional(),
  output: completeSyncCommandOutputSchema.optional(),
});
export type CompleteSyncCommand = z.output<typeof completeSyncCommandSchema>;

/** Any command (a task's `commands` array may hold types this project does not send). */
export const commandPropertiesSchema = z.looseObject({
  commandType: z.string(),
  errors: z.array(odataErrorSchema).optional(),
  state: knownString(COMMAND_STATES).optional(),
});
export type CommandProperties = z.output<typeof commandPropertiesSchema>;
