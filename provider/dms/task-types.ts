/**
 * The `taskType` / `commandType` discriminator values this project uses, exactly as the REST spec spells them
 * (`x-ms-discriminator-value` in Tasks.json and Commands.json, 2021-06-30).
 */
export const TASK_TYPE = {
  connectToSource: "ConnectToSource.SqlServer",
  connectToTarget: "ConnectToTarget.SqlDb",
  getUserTables: "GetUserTables.Sql",
  migrateOffline: "Migrate.SqlServer.SqlDb",
  migrateOnline: "Migrate.SqlServer.AzureSqlDb.Sync",
} as const;
export type KnownTaskType = (typeof TASK_TYPE)[keyof typeof TASK_TYPE];

export const COMMAND_TYPE = {
  completeSyncDatabase: "Migrate.Sync.Complete.Database",
} as const;
export type KnownCommandType = (typeof COMMAND_TYPE)[keyof typeof COMMAND_TYPE];

/** ARM resource types of the classic model, as they appear in `type` of responses. */
export const RESOURCE_TYPE = {
  service: "Microsoft.DataMigration/services",
  project: "Microsoft.DataMigration/services/projects",
  task: "Microsoft.DataMigration/services/projects/tasks",
} as const;

/** The api-version of the classic model this project is written against. */
export const CLASSIC_API_VERSION = "2021-06-30";
