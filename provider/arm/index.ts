export { ArmClient, type ArmRequest, type ArmResponse, type HttpMethod } from "./client";
export { ArmError, type ArmErrorDetail } from "./errors";
export { readArmSettings, ENV as ARM_ENV, type ArmSettings } from "./settings";
export { waitUntil, sleep, type WaitResult, type WaitOptions } from "./wait";
export { OperationTimeoutError } from "./operation-timeout";
export type { LroOptions } from "./lro";
