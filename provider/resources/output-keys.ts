/**
 * The keys each resource's outputs add to its inputs, declared once. A component passes every one of them as an
 * `undefined` placeholder (`outputPlaceholders`), which is how a dynamic resource gets those outputs at all; the
 * provider's outputs type must not have a key missing here, or the component would silently lose it.
 *
 * Cheap to import: only types are imported (erased at run time), so a stack program loading components/ does
 * not load the providers. The checks below fail `tsc` when an outputs type and its list drift apart, in either
 * direction; test/unit/resources/output-keys.test.ts also compares the lists with real create results.
 */
import type { ServiceInputs, ServiceOutputs } from "./data-migration-service";
import type { DatabaseMigrationOutputs } from "./database-migration";
import type { DatabaseMigrationInputs } from "./database-migration/inputs";
import type { MigrationTaskOutputs } from "./migration-task";
import type { MigrationTaskInputs } from "./migration-task/inputs";
import type { ProjectInputs, ProjectOutputs } from "./migration-project";
import type { RegistrationInputs, RegistrationOutputs } from "./provider-registration";
import type { SchemaDeploymentInputs } from "./schema-deployment/inputs";
import type { SchemaDeploymentOutputs } from "./schema-deployment/outputs";
import type { SqlMigrationServiceOutputs } from "./sql-migration-service";
import type { SqlMigrationServiceInputs } from "./sql-migration-service/inputs";

/** The keys of a provider's outputs that are not inputs. */
export type OutputOnlyKey<Outputs, Inputs> = Exclude<keyof Outputs, keyof Inputs> & string;

/** `true` when `Declared` is exactly the output-only keys (nothing missing, nothing extra); `never` otherwise. */
export type DeclaresExactly<Declared extends readonly string[], Outputs, Inputs> = [
  OutputOnlyKey<Outputs, Inputs>,
] extends [Declared[number]]
  ? [Declared[number]] extends [OutputOnlyKey<Outputs, Inputs>]
    ? true
    : never
  : never;

export const REGISTRATION_OUTPUTS = ["registrationState"] as const;

export const DATA_MIGRATION_SERVICE_OUTPUTS = ["resourceId", "provisioningState"] as const;

export const MIGRATION_PROJECT_OUTPUTS = [
  "resourceId",
  "sourcePlatform",
  "targetPlatform",
  "provisioningState",
] as const;

export const MIGRATION_TASK_OUTPUTS = [
  "remoteTaskName",
  "resourceId",
  "state",
  "phase",
  "startedOn",
  "endedOn",
  "databaseProgress",
  "errors",
  "validationResults",
  "cutoverTimeline",
  "checkedAt",
] as const;

export const SQL_MIGRATION_SERVICE_OUTPUTS = [
  "resourceId",
  "provisioningState",
  "integrationRuntimeState",
  "integrationRuntimeName",
  "nodes",
  "authKey1",
  "authKey2",
] as const;

export const DATABASE_MIGRATION_OUTPUTS = [
  "resourceId",
  "migrationOperationId",
  "provisioningState",
  "migrationStatus",
  "migrationState",
  "phase",
  "startedOn",
  "endedOn",
  "tableSummary",
  "rowsCopied",
  "errors",
  "connectionFingerprint",
  "validationResult",
  "dataMoveFile",
  "checkedAt",
] as const;

export const SCHEMA_DEPLOYMENT_OUTPUTS = [
  "sourceFingerprint",
  "objectCounts",
  "objectSummary",
  "assessment",
  "appliedFixes",
  "omittedObjects",
  "scriptPath",
  "reportPaths",
  "deployed",
  "plannedBatchCount",
  "deployedBatchCount",
  "nextBatchIndex",
  "pendingBatchIds",
  "pendingSourceFingerprint",
  "pendingTarget",
  "lastError",
  "statementsRun",
  "heldBack",
  "fingerprint",
  "targetSummary",
  "anomalies",
  "drift",
] as const;

/** Compile-time: every list above is exactly its provider's output-only keys. */
export type OutputKeyChecks = [
  DeclaresExactly<typeof REGISTRATION_OUTPUTS, RegistrationOutputs, RegistrationInputs>,
  DeclaresExactly<typeof DATA_MIGRATION_SERVICE_OUTPUTS, ServiceOutputs, ServiceInputs>,
  DeclaresExactly<typeof MIGRATION_PROJECT_OUTPUTS, ProjectOutputs, ProjectInputs>,
  DeclaresExactly<typeof MIGRATION_TASK_OUTPUTS, MigrationTaskOutputs, MigrationTaskInputs>,
  DeclaresExactly<typeof SQL_MIGRATION_SERVICE_OUTPUTS, SqlMigrationServiceOutputs, SqlMigrationServiceInputs>,
  DeclaresExactly<typeof DATABASE_MIGRATION_OUTPUTS, DatabaseMigrationOutputs, DatabaseMigrationInputs>,
  DeclaresExactly<typeof SCHEMA_DEPLOYMENT_OUTPUTS, SchemaDeploymentOutputs, SchemaDeploymentInputs>,
];
export const OUTPUT_KEY_CHECKS: OutputKeyChecks = [true, true, true, true, true, true, true];

/** `{ key: undefined }` for each declared output key: the placeholders a component passes to its provider. */
export function outputPlaceholders<const K extends readonly string[]>(keys: K): { [P in K[number]]: undefined } {
  return Object.fromEntries(keys.map((k) => [k, undefined])) as { [P in K[number]]: undefined };
}
