/**
 * The state vocabularies of the classic Database Migration Service, copied from the REST spec
 * (Microsoft.DataMigration 2021-06-30: Tasks.json, Commands.json, Services.json, TasksCommon.json).
 *
 * Every enum in that spec is `modelAsString: true`, which tells clients that the service may add values
 * without a new api-version. So these lists are what we *know*, and the parsers accept any string
 * (`KnownOrString`) instead of failing a read on a value added later.
 */

/** A value from a known list, or any other string the service may start sending. */
export type KnownOrString<T extends string> = T | (string & {});

/** ProjectTaskProperties.state (`TaskState`). */
export const TASK_STATES = [
  "Unknown",
  "Queued",
  "Running",
  "Canceled",
  "Succeeded",
  "Failed",
  "FailedInputValidation",
  "Faulted",
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Task states after which the task never changes again. */
export const TERMINAL_TASK_STATES: readonly TaskState[] = [
  "Canceled",
  "Succeeded",
  "Failed",
  "FailedInputValidation",
  "Faulted",
];

/** Task states that end a task without success: the states a caller reports as a failure. */
export const FAILED_TASK_STATES: readonly TaskState[] = ["Failed", "FailedInputValidation", "Faulted"];

export function isTerminalTaskState(state: string | undefined): boolean {
  return state !== undefined && (TERMINAL_TASK_STATES as readonly string[]).includes(state);
}

/** CommandProperties.state (`CommandState`). */
export const COMMAND_STATES = ["Unknown", "Accepted", "Running", "Succeeded", "Failed"] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** DataMigrationServiceProperties.provisioningState (`ServiceProvisioningState`). */
export const SERVICE_PROVISIONING_STATES = [
  "Accepted",
  "Deleting",
  "Deploying",
  "Stopped",
  "Stopping",
  "Starting",
  "FailedToStart",
  "FailedToStop",
  "Succeeded",
  "Failed",
] as const;
export type ServiceProvisioningState = (typeof SERVICE_PROVISIONING_STATES)[number];

/**
 * DataMigrationServiceStatusResponse.status (checkStatus). The spec types it as a plain string and lists
 * these in its description, not as an enum.
 */
export const SERVICE_STATUSES = [
  "Initializing",
  "Offline",
  "Online",
  "Deploying",
  "Deleting",
  "Stopped",
  "Stopping",
  "Starting",
  "FailedToStart",
  "FailedToStop",
  "Failed",
] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** ProjectProperties.provisioningState (`ProjectProvisioningState`). */
export const PROJECT_PROVISIONING_STATES = ["Deleting", "Succeeded"] as const;
export type ProjectProvisioningState = (typeof PROJECT_PROVISIONING_STATES)[number];

/**
 * Database-level state of an online (sync) migration (`SyncDatabaseMigrationReportingState`).
 * `INITIALIAZING` is misspelt in the spec and on the wire; it is kept as the service sends it.
 */
export const SYNC_DATABASE_STATES = [
  "UNDEFINED",
  "CONFIGURING",
  "INITIALIAZING",
  "STARTING",
  "RUNNING",
  "READY_TO_COMPLETE",
  "COMPLETING",
  "COMPLETE",
  "CANCELLING",
  "CANCELLED",
  "FAILED",
  "VALIDATING",
  "VALIDATION_COMPLETE",
  "VALIDATION_FAILED",
  "RESTORE_IN_PROGRESS",
  "RESTORE_COMPLETED",
  "BACKUP_IN_PROGRESS",
  "BACKUP_COMPLETED",
] as const;
export type SyncDatabaseState = (typeof SYNC_DATABASE_STATES)[number];

/** Table-level state of an online (sync) migration (`SyncTableMigrationState`). */
export const SYNC_TABLE_STATES = ["BEFORE_LOAD", "FULL_LOAD", "COMPLETED", "CANCELED", "ERROR", "FAILED"] as const;
export type SyncTableState = (typeof SYNC_TABLE_STATES)[number];

/** Database- and table-level state of an offline migration (`MigrationState`). */
export const MIGRATION_STATES = ["None", "InProgress", "Failed", "Warning", "Completed", "Skipped", "Stopped"] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

/** Migration-level status of an offline migration (`MigrationStatus`). */
export const MIGRATION_STATUSES = [
  "Default",
  "Connecting",
  "SourceAndTargetSelected",
  "SelectLogins",
  "Configured",
  "Running",
  "Error",
  "Stopped",
  "Completed",
  "CompletedWithWarnings",
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/** Stage of a database in an offline migration (`DatabaseMigrationStage`). */
export const DATABASE_MIGRATION_STAGES = ["None", "Initialize", "Backup", "FileCopy", "Restore", "Completed"] as const;
export type DatabaseMigrationStage = (typeof DATABASE_MIGRATION_STAGES)[number];
