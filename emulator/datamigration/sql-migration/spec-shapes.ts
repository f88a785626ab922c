/**
 * Request bodies of the current DMS API as sqlmigration.json (2025-06-30; 2025-09-01-preview for
 * sqlServerInstanceId) defines them, written as zod shapes here, from the spec.
 *
 * Every object is strict: a property the spec does not define, at any depth, is refused with 400
 * InvalidRequestContent naming its path (emulator/arm/request-body.ts). Real ARM mostly ignores unknown
 * properties; the emulator refuses them on purpose, so a field a client misspells (`pasword`) fails its tests
 * instead of silently sending nothing. Read-only properties the spec defines (provisioningState,
 * migrationStatus, …, and the resource envelope's id/name/type/systemData) are accepted — a client may send
 * back what it read — and ignored. Which fields a request must carry is checked by the handlers, with the
 * service's own error codes.
 */
import { z } from "zod";
import { inVersions, SQL_SERVER_INSTANCE_ID_API_VERSIONS } from "./paths";

const text = z.string().optional();

/** common-types v6 systemData (read-only). */
const systemData = z.strictObject({
  createdBy: text,
  createdByType: text,
  createdAt: text,
  lastModifiedBy: text,
  lastModifiedByType: text,
  lastModifiedAt: text,
});

/** The read-only part of common-types Resource (id, name, type, systemData). */
const resourceEnvelope = { id: text, name: text, type: text, systemData: systemData.optional() };

const tags = z.record(z.string(), z.string());

/** SqlMigrationService (TrackedResource): location and tags are all a client writes. */
export const sqlMigrationServiceBody = z.strictObject({
  ...resourceEnvelope,
  // Required in practice; checked by the handler so a missing one gets ARM's LocationRequired.
  location: text,
  tags: tags.optional(),
  properties: z.strictObject({ provisioningState: text, integrationRuntimeState: text }).optional(),
});

/** SqlMigrationServiceUpdate (PATCH). */
export const sqlMigrationServiceUpdate = z.strictObject({ tags: tags.optional() });

/** RegenAuthKeys: keyName, plus the two keys the spec declares on the same model (ignored on input). */
export const regenAuthKeysBody = z.strictObject({ keyName: text, authKey1: text, authKey2: text });

/** deleteNode. */
export const deleteNodeBody = z.strictObject({ nodeName: text, integrationRuntimeName: text });

/** MigrationOperationInput (cancel, retry). */
export const migrationOperationInput = z.strictObject({ migrationOperationId: text });

/** SqlConnectionInformation. */
export const sqlConnectionInformation = z.strictObject({
  dataSource: text,
  authentication: text,
  userName: text,
  password: text,
  encryptConnection: z.boolean().optional(),
  trustServerCertificate: z.boolean().optional(),
});
export type SqlConnectionInformation = z.output<typeof sqlConnectionInformation>;

const int = z.number().int().optional();

/** CopyProgressDetails (read-only). */
const copyProgressDetails = z.strictObject({
  tableName: text,
  status: text,
  parallelCopyType: text,
  usedParallelCopies: int,
  dataRead: int,
  dataWritten: int,
  rowsRead: int,
  rowsCopied: int,
  copyStart: text,
  copyThroughput: z.number().optional(),
  copyDuration: int,
});

/** SqlDbMigrationStatusDetails (read-only). */
const sqlDbMigrationStatusDetails = z.strictObject({
  migrationState: text,
  sqlDataCopyErrors: z.array(z.string()).optional(),
  listOfCopyProgressDetails: z.array(copyProgressDetails).optional(),
});

/** ErrorInfo (read-only). */
const errorInfo = z.strictObject({ code: text, message: text });

/** DatabaseMigrationBaseProperties + DatabaseMigrationProperties + DatabaseMigrationPropertiesSqlDb. */
const sqlDbProperties = {
  kind: z.literal("SqlDb"),
  scope: text,
  migrationService: text,
  sourceDatabaseName: text,
  sourceSqlConnection: sqlConnectionInformation.optional(),
  targetSqlConnection: sqlConnectionInformation.optional(),
  tableList: z.array(z.string()).optional(),
  targetDatabaseCollation: text,
  // Writable in the spec, but set by the service; clients never send them. Accepted and ignored.
  migrationOperationId: text,
  provisioningError: text,
  // Read-only.
  provisioningState: text,
  migrationStatus: text,
  startedOn: text,
  endedOn: text,
  sourceServerName: text,
  migrationFailureError: errorInfo.optional(),
  migrationStatusDetails: sqlDbMigrationStatusDetails.optional(),
  offlineConfiguration: z.strictObject({ offline: z.boolean().optional() }).optional(),
};

const sqlDbBody = z.strictObject({ ...resourceEnvelope, properties: z.strictObject(sqlDbProperties) });
const sqlDbBodyWithInstanceId = z.strictObject({
  ...resourceEnvelope,
  properties: z.strictObject({ ...sqlDbProperties, sqlServerInstanceId: text }),
});

export type DatabaseMigrationSqlDbBody = z.output<typeof sqlDbBodyWithInstanceId>;

/** DatabaseMigrationSqlDb as the request's api-version defines it. */
export function databaseMigrationSqlDbBody(apiVersion: string): z.ZodType<DatabaseMigrationSqlDbBody> {
  return inVersions(SQL_SERVER_INSTANCE_ID_API_VERSIONS, apiVersion) ? sqlDbBodyWithInstanceId : sqlDbBody;
}
