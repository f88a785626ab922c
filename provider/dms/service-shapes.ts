import { z } from "zod";
import { armResourceFields, knownString } from "./common-shapes";
import { SERVICE_PROVISIONING_STATES, SERVICE_STATUSES } from "./states";

/** ServiceSku. `name` (e.g. `Premium_4vCores`, `Standard_1vCores`) is what a client sends; the rest is filled in. */
export const serviceSkuSchema = z.looseObject({
  name: z.string().optional(),
  tier: z.string().optional(),
  family: z.string().optional(),
  size: z.string().optional(),
  capacity: z.number().int().optional(),
});
export type ServiceSku = z.output<typeof serviceSkuSchema>;

/** DataMigrationServiceProperties. `virtualSubnetId` is the one required input. */
export const dataMigrationServicePropertiesSchema = z.looseObject({
  provisioningState: knownString(SERVICE_PROVISIONING_STATES).optional(),
  publicKey: z.string().optional(),
  virtualSubnetId: z.string(),
  virtualNicId: z.string().optional(),
});

/** DataMigrationService: a tracked resource (location required) with sku, kind and properties. */
export const dataMigrationServiceSchema = z.looseObject({
  ...armResourceFields,
  location: z.string(),
  tags: z.record(z.string(), z.string()).optional(),
  etag: z.string().optional(),
  kind: z.string().optional(),
  sku: serviceSkuSchema.optional(),
  properties: dataMigrationServicePropertiesSchema,
});
export type DataMigrationService = z.output<typeof dataMigrationServiceSchema>;

export const dataMigrationServiceListSchema = z.looseObject({
  value: z.array(dataMigrationServiceSchema),
  nextLink: z.string().nullish(),
});

/** DataMigrationServiceStatusResponse: the body of POST …/services/{name}/checkStatus. */
export const serviceStatusResponseSchema = z.looseObject({
  agentVersion: z.string().optional(),
  status: knownString(SERVICE_STATUSES).optional(),
  vmSize: z.string().optional(),
  supportedTaskTypes: z.array(z.string()).optional(),
});
export type ServiceStatusResponse = z.output<typeof serviceStatusResponseSchema>;

/** NameAvailabilityRequest / NameAvailabilityResponse (checkNameAvailability, top-level and nested). */
export const nameAvailabilityRequestSchema = z.looseObject({ name: z.string(), type: z.string() });
export const nameAvailabilityResponseSchema = z.looseObject({
  nameAvailable: z.boolean(),
  reason: knownString(["AlreadyExists", "Invalid"] as const).optional(),
  message: z.string().optional(),
});
export type NameAvailabilityResponse = z.output<typeof nameAvailabilityResponseSchema>;
