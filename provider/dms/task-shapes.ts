import { z } from "zod";
import { armResourceFields, knownString, odataErrorSchema } from "./common-shapes";
import { commandPropertiesSchema } from "./command-shapes";
import {
  connectToSourceOutputSchema,
  connectToTargetOutputSchema,
  getUserTablesOutputSchema,
} from "./connection-output-shapes";
import { discriminatedLoose } from "./discriminated";
import { offlineTaskOutputSchema } from "./offline-output-shapes";
import { syncTaskOutputSchema } from "./sync-output-shapes";
import {
  connectToSourceInputSchema,
  connectToTargetInputSchema,
  getUserTablesInputSchema,
  offlineMigrationInputSchema,
  syncMigrationInputSchema,
} from "./task-input-shapes";
import { TASK_STATES } from "./states";
import { TASK_TYPE } from "./task-types";

/**
 * ProjectTask (Tasks.json, 2021-06-30): `properties` is ProjectTaskProperties discriminated on `taskType`.
 * `output` is only present when the GET asked for `$expand=output`. Task types this project does not create
 * are read as unmodelled variants rather than rejected.
 */

/** ProjectTaskProperties fields common to every task type. */
const taskBaseFields = {
  errors: z.array(odataErrorSchema).optional(),
  state: knownString(TASK_STATES).optional(),
  commands: z.array(commandPropertiesSchema).optional(),
  clientData: z.record(z.string(), z.string()).optional(),
};

function taskProperties<T extends string, I extends z.ZodType, O extends z.ZodType>(taskType: T, input: I, output: O) {
  return z.looseObject({
    ...taskBaseFields,
    taskType: z.literal(taskType),
    input: input.optional(),
    output: z.array(output).optional(),
  });
}

export const connectToSourceTaskPropertiesSchema = taskProperties(
  TASK_TYPE.connectToSource,
  connectToSourceInputSchema,
  connectToSourceOutputSchema,
);
export const connectToTargetTaskPropertiesSchema = taskProperties(
  TASK_TYPE.connectToTarget,
  connectToTargetInputSchema,
  connectToTargetOutputSchema,
);
export const getUserTablesTaskPropertiesSchema = taskProperties(
  TASK_TYPE.getUserTables,
  getUserTablesInputSchema,
  getUserTablesOutputSchema,
);
export const offlineMigrationTaskPropertiesSchema = taskProperties(
  TASK_TYPE.migrateOffline,
  offlineMigrationInputSchema,
  offlineTaskOutputSchema,
);
export const syncMigrationTaskPropertiesSchema = taskProperties(
  TASK_TYPE.migrateOnline,
  syncMigrationInputSchema,
  syncTaskOutputSchema,
);

export type ConnectToSourceTaskProperties = z.output<typeof connectToSourceTaskPropertiesSchema>;
export type ConnectToTargetTaskProperties = z.output<typeof connectToTargetTaskPropertiesSchema>;
export type GetUserTablesTaskProperties = z.output<typeof getUserTablesTaskPropertiesSchema>;
export type OfflineMigrationTaskProperties = z.output<typeof offlineMigrationTaskPropertiesSchema>;
export type SyncMigrationTaskProperties = z.output<typeof syncMigrationTaskPropertiesSchema>;

export const projectTaskPropertiesSchema = discriminatedLoose("taskType", {
  [TASK_TYPE.connectToSource]: connectToSourceTaskPropertiesSchema,
  [TASK_TYPE.connectToTarget]: connectToTargetTaskPropertiesSchema,
  [TASK_TYPE.getUserTables]: getUserTablesTaskPropertiesSchema,
  [TASK_TYPE.migrateOffline]: offlineMigrationTaskPropertiesSchema,
  [TASK_TYPE.migrateOnline]: syncMigrationTaskPropertiesSchema,
});
export type ProjectTaskProperties = z.output<typeof projectTaskPropertiesSchema>;

/** ProjectTask: a proxy resource (no location) with etag and properties. */
export const projectTaskSchema = z.looseObject({
  ...armResourceFields,
  etag: z.string().optional(),
  properties: projectTaskPropertiesSchema,
});
export type ProjectTask = z.output<typeof projectTaskSchema>;

export const taskListSchema = z.looseObject({ value: z.array(projectTaskSchema), nextLink: z.string().nullish() });

/** Narrowing helpers: the discriminated type plus "unmodelled" does not narrow on `taskType` by itself. */
export function isOfflineMigrationTask(p: ProjectTaskProperties): p is OfflineMigrationTaskProperties {
  return p.taskType === TASK_TYPE.migrateOffline;
}
export function isSyncMigrationTask(p: ProjectTaskProperties): p is SyncMigrationTaskProperties {
  return p.taskType === TASK_TYPE.migrateOnline;
}
export function isConnectToSourceTask(p: ProjectTaskProperties): p is ConnectToSourceTaskProperties {
  return p.taskType === TASK_TYPE.connectToSource;
}
export function isConnectToTargetTask(p: ProjectTaskProperties): p is ConnectToTargetTaskProperties {
  return p.taskType === TASK_TYPE.connectToTarget;
}
export function isGetUserTablesTask(p: ProjectTaskProperties): p is GetUserTablesTaskProperties {
  return p.taskType === TASK_TYPE.getUserTables;
}
