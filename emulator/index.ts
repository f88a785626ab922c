/**
 * A local Azure Resource Manager endpoint for tests and the quickstart.
 *
 *   const emulator = await startEmulator({ provisioningDelayMs: 0, registrationDelayMs: 0, retryAfterSeconds: 0, log: false });
 *   new ResourceManagementClient(credential, subscriptionId, { endpoint: emulator.url, tlsOptions: { ca: emulator.caPem } });
 *   ...
 *   await emulator.stop();
 *
 * Out of process: `npm run emulator` (emulator/cli.ts) and NODE_EXTRA_CA_CERTS=<caFile>.
 * Adding a resource type: see services.ts (ResourceModule) and README.md.
 */
export { startEmulator } from "./start-emulator";
export type { Emulator, EmulatorFaults, EmulatorProviders, EmulatorRequestLog } from "./start-emulator";
export type { EmulatorOptions } from "./options";
export { DEFAULT_TIMING } from "./options";
export { ensureEmulatorCertificates, defaultTlsDirectory } from "./tls/certificates";
export type { EmulatorCertificates } from "./tls/certificates";

// Time
export { RealClock, ManualClock } from "./arm/clock";
export type { Clock, ClockTimer } from "./arm/clock";

// Faults and the request log
export type { FaultKind, FaultSpec, FaultSummary } from "./arm/faults";
export type { RequestLogEntry } from "./arm/request-log";

// For resource modules (handlers of other namespaces)
export type { EmulatorServices, EmulatorTiming, ResourceModule } from "./services";
export { BUILTIN_MODULES } from "./modules";
export { Router } from "./arm/router";
export type { RouteHandler } from "./arm/router";
export { respond, WRITE_METHODS } from "./arm/request";
export type { ArmRequest, ArmResponse, HttpMethod } from "./arm/request";
export { ArmErrorResponse, armErrorResponse, armErrors } from "./arm/errors";
export type { ArmErrorDetail, ArmErrorExtras } from "./arm/errors";
export { LroEngine } from "./arm/lro";
export type {
  AcceptOptions,
  LongRunningOperation,
  LroPlan,
  OperationStatus,
  OperationStatusBody,
  PollingHeaders,
} from "./arm/lro";
export { ResourceStore, provisioningStateSetter } from "./arm/store";
export type { StoredResource } from "./arm/store";
export { idKey, isGuid, nameOf, newGuid, normalizeLocation } from "./arm/ids";
export { requireResourceGroup, resourceGroupId, RESOURCE_GROUP_TYPE } from "./resources";
export type {
  ProviderBody,
  ProviderDefinition,
  ProviderResourceType,
  RegistrationPolicy,
  RegistrationState,
} from "./resources";
export { EMULATOR_LOCATIONS, WELL_KNOWN_PROVIDERS } from "./resources/well-known-providers";
