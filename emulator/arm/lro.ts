/**
 * The one long-running-operation engine every resource type uses.
 *
 * ARM's asynchronous pattern (resource-manager RPC, "Asynchronous operations"): the write answers
 * 201/202 at once with `Azure-AsyncOperation` and/or `Location` headers and `Retry-After`; the client
 * polls the operation-status resource (`{ id, name, status, startTime, endTime, error }`) until it is
 * Succeeded, Failed or Canceled, while the resource's `provisioningState` moves through its states;
 * then it reads the result — the resource itself after a PUT, or the Location URL, which answers
 * 202 while running, then 200 with a body or 204 without one, or the error once failed.
 *
 * A handler describes its operation as an LroPlan and gets the ready-made first response:
 *
 *   return services.lro.accept(request, {
 *     subscriptionId, namespace: "Microsoft.DataMigration", location: "westeurope",
 *     states: ["Accepted", "Deploying"],                      // held stepDelayMs each, then terminal
 *     applyState: provisioningStateSetter(services.store, id), // writes properties.provisioningState
 *     complete: () => { ... },                                 // success side effects; may throw ArmErrorResponse
 *   }, { status: 201, headers: "azureAsyncOperation", body: () => services.store.get(id) });
 *
 * Timing comes from the emulator's Clock (steps of `provisioningDelayMs` unless the plan says
 * otherwise), an `lroFailed` fault matching the starting request makes the operation end Failed, and an `lroSlow`
 * one holds each of its states for the fault's `delayMs`.
 */
import type { Clock, ClockTimer } from "./clock";
import { ArmErrorResponse, armErrors, type ArmErrorDetail } from "./errors";
import type { FaultInjector } from "./faults";
import { idKey, newGuid } from "./ids";
import type { ArmRequest, ArmResponse } from "./request";
import type { Router } from "./router";

export type OperationStatus = "InProgress" | "Succeeded" | "Failed" | "Canceled";

/** The operation-status resource, as the Azure-AsyncOperation URL returns it. */
export interface OperationStatusBody {
  id: string;
  name: string;
  status: OperationStatus;
  startTime: string;
  endTime?: string;
  error?: ArmErrorDetail;
}

export interface LroPlan {
  /** Where the operation's status URLs are filed: /subscriptions/{s}/providers/{ns}/locations/{loc}/... */
  subscriptionId: string;
  namespace: string;
  location: string;
  /** The non-terminal states the target passes through, in order; the first is applied at once. */
  states: readonly string[];
  /** How long each state is held; defaults to the emulator's provisioningDelayMs. */
  stepDelayMs?: number;
  /** Applies a state to the target: each of `states`, then "Succeeded", "Failed" or "Canceled". */
  applyState?: (state: string) => void;
  /** Success side effects (e.g. remove a deleted resource). Throwing an ArmErrorResponse fails the operation. */
  complete?: () => void;
  /** The Location URL's answer after success: a body (200), or undefined for 204. */
  result?: () => unknown;
}

/** Which polling headers the first response carries, as each RP's spec says. */
export type PollingHeaders = "azureAsyncOperation" | "location" | "both";

export interface AcceptOptions {
  /** 201 for a PUT that creates, 200 for one that updates, 202 for DELETE/POST. */
  status: 200 | 201 | 202;
  headers: PollingHeaders;
  /** The response body, computed after the first state is applied (e.g. the resource as "Creating"). */
  body?: () => unknown;
}

export interface LongRunningOperation {
  readonly id: string;
  readonly azureAsyncOperationUrl: string;
  readonly locationUrl: string;
}

interface OperationRecord extends LongRunningOperation {
  readonly subscriptionId: string;
  readonly statusPath: string;
  readonly plan: LroPlan;
  status: OperationStatus;
  error?: ArmErrorDetail;
  /** The status the Location URL answers with once the operation failed. */
  failureHttpStatus: number;
  startTime: number;
  endTime?: number;
  timer?: ClockTimer;
  /** Set by an lroSlow fault: each state is held this long instead of the plan's delay. */
  slowStepDelayMs?: number;
}

export interface LroEngineDeps {
  clock: Clock;
  faults: FaultInjector;
  /** The emulator's base URL (known only once it listens), so polling URLs point back at it. */
  baseUrl: () => string;
  defaultStepDelayMs: number;
  retryAfterSeconds: number;
}

const STATUS_ROUTE =
  "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operationStatuses/{operationId}";
const RESULT_ROUTE =
  "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operationResults/{operationId}";

export class LroEngine {
  private readonly operations = new Map<string, OperationRecord>();

  constructor(private readonly deps: LroEngineDeps) {}

  /** Starts an operation and returns its first response (see AcceptOptions). */
  accept(request: ArmRequest, plan: LroPlan, reply: AcceptOptions): ArmResponse {
    const operation = this.start(request, plan);
    return this.firstResponse(operation, reply);
  }

  /** Starts an operation; use firstResponse() to answer, or accept() for both at once. */
  start(request: ArmRequest, plan: LroPlan): LongRunningOperation {
    const id = newGuid();
    const location = plan.location.toLowerCase().replace(/\s+/g, "");
    const base = `/subscriptions/${plan.subscriptionId}/providers/${plan.namespace}/locations/${location}`;
    const query = `?api-version=${encodeURIComponent(request.apiVersion)}`;
    const statusPath = `${base}/operationStatuses/${id}`;
    const record: OperationRecord = {
      id,
      subscriptionId: plan.subscriptionId,
      statusPath,
      azureAsyncOperationUrl: `${this.deps.baseUrl()}${statusPath}${query}`,
      locationUrl: `${this.deps.baseUrl()}${base}/operationResults/${id}${query}`,
      plan,
      status: "InProgress",
      failureHttpStatus: 400,
      startTime: this.deps.clock.now(),
    };
    this.operations.set(idKey(id), record);

    const injected = this.deps.faults.takeLroFailure(request.method, request.path);
    const failure = injected
      ? {
          code: injected.code ?? "InternalServerError",
          message: injected.message ?? "The operation failed (injected fault).",
        }
      : undefined;

    const slow = this.deps.faults.takeLroSlowdown(request.method, request.path);
    if (slow) record.slowStepDelayMs = slow.delayMs ?? 60_000;

    const steps = plan.states;
    if (steps.length > 0) plan.applyState?.(steps[0]!);
    this.scheduleStep(record, 1, failure);
    return record;
  }

  /** The first answer for a started operation: status, polling headers, Retry-After and body. */
  firstResponse(operation: LongRunningOperation, reply: AcceptOptions): ArmResponse {
    const headers: Record<string, string> = { "Retry-After": String(this.deps.retryAfterSeconds) };
    if (reply.headers !== "location") headers["Azure-AsyncOperation"] = operation.azureAsyncOperationUrl;
    if (reply.headers !== "azureAsyncOperation") headers["Location"] = operation.locationUrl;
    return { status: reply.status, headers, body: reply.body?.() };
  }

  /** The operation-status resource, or undefined for an unknown id. */
  get(operationId: string): OperationStatusBody | undefined {
    const record = this.operations.get(idKey(operationId));
    return record ? this.toStatusBody(record) : undefined;
  }

  /** Ends a running operation as Canceled (e.g. a task the client cancelled). */
  cancel(operationId: string): void {
    const record = this.operations.get(idKey(operationId));
    if (!record || record.status !== "InProgress") return;
    if (record.timer) this.deps.clock.cancel(record.timer);
    record.status = "Canceled";
    record.error = { code: "OperationCanceled", message: "The operation was canceled." };
    record.failureHttpStatus = 409;
    record.endTime = this.deps.clock.now();
    record.plan.applyState?.("Canceled");
  }

  /** Serves the two polling URLs every operation hands out. */
  registerRoutes(router: Router): void {
    router.add("GET", STATUS_ROUTE, (request) => {
      const record = this.find(request.params);
      const headers: Record<string, string> =
        record.status === "InProgress" ? { "Retry-After": String(this.deps.retryAfterSeconds) } : {};
      return { status: 200, headers, body: this.toStatusBody(record) };
    });
    router.add("GET", RESULT_ROUTE, (request) => {
      const record = this.find(request.params);
      switch (record.status) {
        case "InProgress":
          return {
            status: 202,
            headers: { Location: record.locationUrl, "Retry-After": String(this.deps.retryAfterSeconds) },
          };
        case "Succeeded": {
          const result = record.plan.result?.();
          return result === undefined ? { status: 204 } : { status: 200, body: result };
        }
        default: {
          const error = record.error ?? { code: "OperationFailed", message: "The operation failed." };
          return { status: record.failureHttpStatus, body: { error } };
        }
      }
    });
  }

  private find(params: Readonly<Record<string, string>>): OperationRecord {
    const operationId = params["operationId"] ?? "";
    const record = this.operations.get(idKey(operationId));
    if (!record || idKey(record.subscriptionId) !== idKey(params["subscriptionId"] ?? "")) {
      throw armErrors.operationNotFound(operationId);
    }
    return record;
  }

  private scheduleStep(record: OperationRecord, next: number, failure: ArmErrorDetail | undefined): void {
    const delay = record.slowStepDelayMs ?? record.plan.stepDelayMs ?? this.deps.defaultStepDelayMs;
    record.timer = this.deps.clock.schedule(delay, () => {
      record.timer = undefined;
      if (record.status !== "InProgress") return;
      if (next < record.plan.states.length) {
        record.plan.applyState?.(record.plan.states[next]!);
        this.scheduleStep(record, next + 1, failure);
      } else {
        this.finish(record, failure);
      }
    });
  }

  private finish(record: OperationRecord, failure: ArmErrorDetail | undefined): void {
    record.endTime = this.deps.clock.now();
    if (failure) {
      this.markFailed(record, failure, 400);
      return;
    }
    try {
      record.plan.complete?.();
    } catch (e) {
      const error = e instanceof ArmErrorResponse ? e : armErrors.internalServerError(record.id);
      // The operation's error is the same ErrorDetail a synchronous answer would carry (target/details kept).
      this.markFailed(record, error.toDetail(), error.status);
      return;
    }
    record.status = "Succeeded";
    record.plan.applyState?.("Succeeded");
  }

  private markFailed(record: OperationRecord, error: ArmErrorDetail, httpStatus: number): void {
    record.status = "Failed";
    record.error = error;
    record.failureHttpStatus = httpStatus;
    record.plan.applyState?.("Failed");
  }

  private toStatusBody(record: OperationRecord): OperationStatusBody {
    const body: OperationStatusBody = {
      id: record.statusPath,
      name: record.id,
      status: record.status,
      startTime: new Date(record.startTime).toISOString(),
    };
    if (record.endTime !== undefined) body.endTime = new Date(record.endTime).toISOString();
    if (record.error) body.error = { ...record.error };
    return body;
  }
}
