/**
 * What the current DMS answers, read leniently (the fact sheet's §6.5: real values fall outside the spec's
 * enums — `Creating`, `Canceling`, `Dropping` — and responses carry undocumented blocks): objects are loose,
 * states are open strings, counters may be quoted. A field of the wrong type still fails with its path.
 */
import { z } from "zod";
import { dateTime, int64 } from "../common-shapes";

const armEnvelope = {
  id: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
};

/** SqlMigrationService: a tracked resource whose properties are all read-only. */
export const sqlMigrationServiceSchema = z.looseObject({
  ...armEnvelope,
  location: z.string().optional(),
  tags: z.record(z.string(), z.string()).nullish(),
  properties: z
    .looseObject({
      provisioningState: z.string().optional(),
      integrationRuntimeState: z.string().optional(),
    })
    .default({}),
});
export type SqlMigrationService = z.output<typeof sqlMigrationServiceSchema>;

/** AuthenticationKeys (listAuthKeys) and RegenAuthKeys (regenerateAuthKeys answers only the new key). */
export const authKeysSchema = z.looseObject({ authKey1: z.string().optional(), authKey2: z.string().optional() });
export type AuthKeys = z.output<typeof authKeysSchema>;

/** NodeMonitoringData; `status` and `version` arrive as extra node properties (the spec's additionalProperties). */
export const nodeMonitoringDataSchema = z.looseObject({
  nodeName: z.string().optional(),
  availableMemoryInMB: int64.optional(),
  cpuUtilization: int64.optional(),
  concurrentJobsLimit: int64.optional(),
  concurrentJobsRunning: int64.optional(),
  maxConcurrentJobs: int64.optional(),
  status: z.string().optional(),
  version: z.string().optional(),
  additionalProperties: z.record(z.string(), z.unknown()).optional(),
});

export const integrationRuntimeMonitoringDataSchema = z.looseObject({
  name: z.string().optional(),
  nodes: z.array(nodeMonitoringDataSchema).default([]),
});
export type IntegrationRuntimeMonitoringData = z.output<typeof integrationRuntimeMonitoringDataSchema>;

/** CopyProgressDetails: one table of a SqlDb migration. */
export const copyProgressDetailsSchema = z.looseObject({
  tableName: z.string().optional(),
  status: z.string().optional(),
  parallelCopyType: z.string().optional(),
  usedParallelCopies: int64.optional(),
  dataRead: int64.optional(),
  dataWritten: int64.optional(),
  rowsRead: int64.optional(),
  rowsCopied: int64.optional(),
  copyStart: dateTime.optional(),
  copyThroughput: z.number().optional(),
  copyDuration: int64.optional(),
});
export type CopyProgressDetails = z.output<typeof copyProgressDetailsSchema>;

export const sqlDbMigrationStatusDetailsSchema = z.looseObject({
  migrationState: z.string().optional(),
  sqlDataCopyErrors: z.array(z.string()).optional(),
  listOfCopyProgressDetails: z.array(copyProgressDetailsSchema).optional(),
});

/** DatabaseMigrationSqlDb. Connections are write-only: a GET never returns them. */
export const databaseMigrationSchema = z.looseObject({
  ...armEnvelope,
  properties: z.looseObject({
    kind: z.string().optional(),
    scope: z.string().optional(),
    provisioningState: z.string().optional(),
    migrationStatus: z.string().optional(),
    startedOn: dateTime.optional(),
    endedOn: dateTime.optional(),
    migrationService: z.string().optional(),
    migrationOperationId: z.string().optional(),
    migrationFailureError: z.looseObject({ code: z.string().optional(), message: z.string().optional() }).nullish(),
    provisioningError: z.string().nullish(),
    sourceDatabaseName: z.string().optional(),
    sourceServerName: z.string().optional(),
    tableList: z.array(z.string()).nullish(),
    migrationStatusDetails: sqlDbMigrationStatusDetailsSchema.nullish(),
  }),
});
export type DatabaseMigrationSqlDb = z.output<typeof databaseMigrationSchema>;

export const databaseMigrationListSchema = z.looseObject({
  value: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        name: z.string().optional(),
        properties: z.looseObject({}).optional(),
      }),
    )
    .default([]),
  nextLink: z.string().nullish(),
});
