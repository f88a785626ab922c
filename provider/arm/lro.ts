import {
  createHttpPoller,
  type OperationResponse,
  type OperationState,
  type ResourceLocationConfig,
} from "@azure/core-lro";
import type { ArmClient, ArmRequest, ArmResponse } from "./client";
import { ArmError, errorExtras, type ArmErrorDetail } from "./errors";
import { requestUrl } from "./http";
import { OperationTimeoutError } from "./operation-timeout";

export { OperationTimeoutError };

export interface LroOptions {
  /** Poll interval used when the service sends no Retry-After. */
  pollIntervalMs?: number;
  /** Where the final result lives, per the operation's x-ms-long-running-operation-options in the spec. */
  finalStateVia?: ResourceLocationConfig;
  /**
   * Stop following after this long (the resource's budget, e.g. `timeoutSeconds`): the operation goes on in
   * Azure and an OperationTimeoutError says so. Unset: follow until the operation ends.
   */
  timeoutMs?: number;
}

function toOperationResponse(endpoint: string, request: ArmRequest, response: ArmResponse): OperationResponse {
  return {
    flatResponse: response.body,
    rawResponse: {
      statusCode: response.status,
      // The full URL: core-lro fetches the final result of a PUT/PATCH from it.
      request: { method: request.method, url: requestUrl(endpoint, request) },
      headers: lowerCaseKeys(response.headers),
      body: response.body,
    },
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** ARM's error object in an operation-status body (`{ status: "Failed", error: { code, message, ... } }`). */
interface OperationError {
  code?: string;
  message?: string;
  target?: string;
  details?: ArmErrorDetail[];
}

function operationErrorOf(body: unknown): OperationError | undefined {
  const error = body && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
  if (!error || typeof error !== "object") return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === "string" && code ? { code } : {}),
    ...(typeof message === "string" && message ? { message } : {}),
    ...errorExtras(error as { target?: unknown; details?: unknown }),
  };
}

/**
 * Runs an ARM long-running operation with @azure/core-lro, which knows every ARM polling style
 * (Azure-AsyncOperation, Location, provisioningState in the body) and honours Retry-After. Our part is to send
 * each request through the ArmClient (so retries and auth apply to polls too) and to turn a Failed/Canceled
 * outcome into an ArmError carrying the service's error object from the last poll (code, message, target,
 * details) as the service wrote it — not re-read from core-lro's English summary of it.
 */
export async function runLongRunningOperation<T>(
  client: ArmClient,
  request: ArmRequest,
  options: LroOptions,
): Promise<T> {
  const operation = `${request.method} ${new URL(request.path, "https://arm.invalid").pathname}`;
  let lastRequestId: string | undefined;
  // The `error` of the latest response that had one: the operation status of a Failed/Canceled operation.
  let lastError: OperationError | undefined;
  const remember = (response: ArmResponse) => {
    lastRequestId = response.requestId;
    lastError = operationErrorOf(response.body) ?? lastError;
  };
  const poller = createHttpPoller<T, OperationState<T>>(
    {
      sendInitialRequest: async () => {
        const response = await client.request(request);
        remember(response);
        return toOperationResponse(client.settings.endpoint, request, response);
      },
      sendPollRequest: async (path: string) => {
        const pollRequest: ArmRequest = { method: "GET", path };
        const response = await client.request(pollRequest);
        remember(response);
        return toOperationResponse(client.settings.endpoint, pollRequest, response) as OperationResponse<T>;
      },
    },
    {
      intervalInMs: options.pollIntervalMs,
      resourceLocationConfig: options.finalStateVia,
      resolveOnUnsuccessful: true,
    },
  );
  let result: T;
  const budget = options.timeoutMs !== undefined ? AbortSignal.timeout(options.timeoutMs) : undefined;
  try {
    result = await poller.pollUntilDone(budget ? { abortSignal: budget } : undefined);
  } catch (error) {
    if (budget?.aborted) throw new OperationTimeoutError(operation, options.timeoutMs!, poller.operationState?.status);
    // A Location poll answers a failed operation with its error status; name the operation, not the poll URL.
    if (error instanceof ArmError) {
      throw new ArmError(
        error.code,
        error.armMessage,
        error.statusCode,
        error.requestId,
        operation,
        error.details,
        error.target,
      );
    }
    throw error;
  }
  const state = poller.operationState;
  if (state && (state.status === "failed" || state.status === "canceled")) {
    throw new ArmError(
      lastError?.code ?? (state.status === "canceled" ? "OperationCanceled" : "OperationFailed"),
      lastError?.message ?? `the operation ended ${state.status} without an error object`,
      200,
      lastRequestId,
      operation,
      lastError?.details,
      lastError?.target,
    );
  }
  return result;
}
