import { z } from "zod";
import { armResourceFields, connectionInfoSchema, dateTime, knownString } from "./common-shapes";
import { PROJECT_PROVISIONING_STATES } from "./states";

export const PROJECT_SOURCE_PLATFORMS = ["SQL", "MySQL", "PostgreSql", "MongoDb", "Unknown"] as const;
export const PROJECT_TARGET_PLATFORMS = [
  "SQLDB",
  "SQLMI",
  "AzureDbForMySql",
  "AzureDbForPostgreSql",
  "MongoDb",
  "Unknown",
] as const;

/** DatabaseInfo: one entry of `databasesInfo`. */
export const databaseInfoSchema = z.looseObject({ sourceDatabaseName: z.string() });

/** ProjectProperties. sourcePlatform and targetPlatform are required; this project uses `SQL` → `SQLDB`. */
export const projectPropertiesSchema = z.looseObject({
  sourcePlatform: knownString(PROJECT_SOURCE_PLATFORMS),
  targetPlatform: knownString(PROJECT_TARGET_PLATFORMS),
  creationTime: dateTime.optional(),
  sourceConnectionInfo: connectionInfoSchema.optional(),
  targetConnectionInfo: connectionInfoSchema.optional(),
  databasesInfo: z.array(databaseInfoSchema).optional(),
  provisioningState: knownString(PROJECT_PROVISIONING_STATES).optional(),
});

/** Project: a tracked resource under a service. */
export const projectSchema = z.looseObject({
  ...armResourceFields,
  location: z.string(),
  tags: z.record(z.string(), z.string()).optional(),
  etag: z.string().optional(),
  properties: projectPropertiesSchema,
});
export type Project = z.output<typeof projectSchema>;

export const projectListSchema = z.looseObject({ value: z.array(projectSchema), nextLink: z.string().nullish() });
