/**
 * Every error of the current DMS API routes, made by the core's one error factory (armErrorResponse).
 *
 * Codes and messages come from the spec's error catalogue (sqlmigration.json, "*** Error Responses ***"),
 * `{0}`-style placeholders filled in. Where the catalogue has a code but no message (MigrationCancelFailed,
 * InvalidTableNameFormat, SqlInfoValidationFailed, SqlDataCopyFailed: Learn's troubleshooting list) or no
 * code at all (InvalidAuthKey, NodeNotFound of the SHIR controls), the wording is the emulator's and says so
 * in its comment.
 */
import { armErrorResponse, armErrors } from "../../arm/errors";
import { DATABASE_MIGRATION_TYPE, SQL_MIGRATION_SERVICE_TYPE } from "./paths";

export const sqlMigrationErrors = {
  serviceNameInvalid: (name: string) =>
    armErrorResponse(
      400,
      "ServiceNameInvalid",
      `Service name '${name}' is not valid. Please refer https://aka.ms/dmsv2naming for naming rules.`,
    ),

  serviceNotFound: (name: string, resourceGroupName: string) =>
    armErrors.resourceNotFound(SQL_MIGRATION_SERVICE_TYPE, name, resourceGroupName),

  migrationNotFound: (name: string, resourceGroupName: string) =>
    armErrors.resourceNotFound(DATABASE_MIGRATION_TYPE, name, resourceGroupName),

  /** Recorded (PowerShell retry recording, 2025-09): ARM's gateway answers for the missing parent server. */
  targetServerNotFound: (serverName: string, resourceGroupName: string) => {
    const e = armErrors.resourceNotFound("Microsoft.Sql/servers", serverName, resourceGroupName);
    return armErrorResponse(e.status, e.code, e.message, { "x-ms-failure-cause": "gateway" });
  },

  deleteServiceNotAllowed: (serviceName: string, running: readonly string[]) =>
    armErrorResponse(
      400,
      "DeleteServiceNotAllowed",
      `One or more migrations attached to the migration service '${serviceName}' are currently running. To delete the migration ` +
        "service, please wait until all migrations have completed or cancel the migrations manually and retry deleting the service. " +
        `Running migrations are: '${running.join(", ")}'`,
    ),

  regenerateKeyNameInvalid: (keyName: string) =>
    armErrorResponse(
      400,
      "RegenerateAuthenticationKeyNameInvalid",
      `Key name '${keyName}' is invalid. Valid key names are authKey1 and authKey2.`,
    ),

  emptyRequiredRequestBody: () =>
    armErrorResponse(400, "EmptyRequiredRequestBody", "The request body must not be empty."),

  invalidArgument: (argument: string) => armErrorResponse(400, "InvalidArgument", `Invalid argument '${argument}'.`),

  invalidParameterValue: (parameter: string) =>
    armErrorResponse(400, "InvalidParameterValue", `An invalid value was provided for parameter '${parameter}'.`),

  operationInProgress: () => armErrorResponse(409, "OperationInProgress", "Operation in progress on resource already."),

  operationCanceled: () => armErrorResponse(409, "OperationCanceled", "Operation Cancelled."),

  invalidLocation: (location: string, targetLocation: string) =>
    armErrorResponse(
      400,
      "InvalidLocation",
      `Invalid Location: '${location}'. Location should match selected Azure target location '${targetLocation}'.`,
    ),

  integrationRuntimeNotOnline: (name: string, resourceGroupName: string, subscriptionId: string) =>
    armErrorResponse(
      400,
      "IntegrationRuntimeIsNotOnline",
      `Integration Runtime '${name}' is not online for resource group '${resourceGroupName}' subscription '${subscriptionId}'`,
    ),

  /** Code from the catalogue; wording after the service's "not in format of 'schema.table'". */
  invalidTableNameFormat: (tableName: string) =>
    armErrorResponse(
      400,
      "InvalidTableNameFormat",
      `Table name '${tableName}' is not in format of 'schema.table'. Use [schema].[table] or schema.table.`,
    ),

  operationIdNotFound: (operationId: string) =>
    armErrorResponse(400, "OperationIdNotFound", `Operation ID '${operationId}' not found.`),

  /** Code from the catalogue (already completed or canceled); wording is the emulator's. */
  migrationCancelFailed: (status: string) =>
    armErrorResponse(
      400,
      "MigrationCancelFailed",
      `Migration cannot be canceled because it is not running. Current status: '${status}'.`,
    ),

  migrationRetryNotAllowed: (state: string, serverName: string, databaseName: string) =>
    armErrorResponse(
      400,
      "MigrationRetryNotAllowed",
      `Migration is not in a retriable state. Migration must be in state WaitForRetry. Current state: '${state}', ` +
        `Target server:'${serverName}', Target database: '${databaseName}'.`,
    ),

  deleteMigrationInProgress: (target: string) =>
    armErrorResponse(
      400,
      "DeleteMigrationNotAllowedMigrationInProgress",
      `Database migration to the target resource '${target}' is currently in progress. To delete the migration, please wait until ` +
        "the migration has completed or cancel the migration manually, and then retry deleting the migration. Alternatively, use " +
        "the force delete option to cancel ongoing operations and delete",
    ),

  deleteMigrationDeleteInProgress: (target: string) =>
    armErrorResponse(
      400,
      "DeleteMigrationNotAllowedDeleteInProgress",
      `Database migration to the target resource '${target}' is currently deleting. Please wait until the delete operation is complete`,
    ),

  testConnectionFailed: (details: string) =>
    armErrorResponse(
      400,
      "TestConnectionFailed",
      `Failed to test connections using provided Integration Runtime. Error details: '${details}'`,
    ),

  /** Code 2056 of Learn's list; `reason` is one of its sub-codes (TableMappingMismatch, NoTablesFound, …). */
  sqlInfoValidationFailed: (reason: string, message: string) =>
    armErrorResponse(400, "SqlInfoValidationFailed", `${reason}: ${message}`),

  /** Emulator-chosen: a `serviceProvisioningFails` fault (the real service has NoAdfInRegion and the like). */
  serviceProvisioningFailed: (serviceName: string, message?: string) =>
    armErrorResponse(
      500,
      "ServiceProvisioningFailed",
      message ?? `Provisioning the SQL migration service '${serviceName}' failed (injected fault).`,
    ),

  /** Emulator-chosen: a SHIR registering with a key that is no current key of any service. The key is never repeated. */
  invalidAuthKey: () =>
    armErrorResponse(
      400,
      "InvalidAuthKey",
      "The authentication key is invalid or has been regenerated. Get a current key with listAuthKeys.",
    ),

  nodeNotFound: (nodeName: string) =>
    armErrorResponse(404, "NodeNotFound", `No integration runtime node named '${nodeName}' is registered.`),
} as const;

/** The migration-level error of a failed data copy (DatabaseMigration.migrationFailureError, Learn's code 2033). */
export const SQL_DATA_COPY_FAILED = "SqlDataCopyFailed";
