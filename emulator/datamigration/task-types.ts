/**
 * The discriminator values and resource types of the classic model, as datamigration.json 2021-06-30 spells
 * them (`x-ms-discriminator-value` in Tasks.json and Commands.json). Written here, not imported from the
 * provider: a task type the provider misspells must be a task type the emulator does not run.
 */
export const TASK_TYPE = {
  connectToSource: "ConnectToSource.SqlServer",
  connectToTarget: "ConnectToTarget.SqlDb",
  getUserTables: "GetUserTables.Sql",
  migrateOffline: "Migrate.SqlServer.SqlDb",
  migrateOnline: "Migrate.SqlServer.AzureSqlDb.Sync",
} as const;
export type RunnableTaskType = (typeof TASK_TYPE)[keyof typeof TASK_TYPE];

/** Whether the emulator runs this task type (the spec defines many more). */
export const isRunnableTaskType = (taskType: string): taskType is RunnableTaskType =>
  (Object.values(TASK_TYPE) as string[]).includes(taskType);

export const COMMAND_TYPE = { completeSyncDatabase: "Migrate.Sync.Complete.Database" } as const;

/** ARM resource types, as `type` of the responses. */
export const RESOURCE_TYPE = {
  service: "Microsoft.DataMigration/services",
  project: "Microsoft.DataMigration/services/projects",
  task: "Microsoft.DataMigration/services/projects/tasks",
} as const;

/**
 * api-versions whose classic definitions the shapes in spec-shapes.ts follow: 2021-06-30 (what the provider
 * speaks) and 2018-07-15-preview (what @azure/arm-datamigration 2.1.1 speaks; for the parts modelled here a
 * subset of 2021-06-30). Any other is 400 NoRegisteredProviderFound, as for the current API.
 */
export const CLASSIC_API_VERSIONS: readonly string[] = ["2018-07-15-preview", "2021-06-30"];
