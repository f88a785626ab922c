import { createHttpPoller, type OperationResponse, type OperationState, type ResourceLocationConfig } from "@azure/core-lro";
import type { ArmClient, ArmRequest, ArmResponse } from "./client";
import { ArmError } from "./errors";
import { requestUrl } from "./http";

export interface LroOptions {
  /** Poll interval used when the service sends no Retry-After. */
  pollIntervalMs?: number;
  /** Where the final result lives, per the operation's x-ms-long-running-operation-options in the spec. */
  finalStateVia?: ResourceLocationConfig;
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

/**
 * Runs an ARM long-running operation with @azure/core-lro, which knows every ARM polling style
 * (Azure-AsyncOperation, Location, provisioningState in the body) and honours Retry-After. Our part is to send
 * each request through the ArmClient (so retries and auth apply to polls too) and to turn a Failed/Canceled
 * outcome into an ArmError carrying the service's code and message.
 */
export async function runLongRunningOperation<T>(
  client: ArmClient,
  request: ArmRequest,
  options: LroOptions,
): Promise<T> {
  const operation = `${request.method} ${new URL(request.path, "https://arm.invalid").pathname}`;
  let lastRequestId: string | undefined;
  const poller = createHttpPoller<T, OperationState<T>>(
    {
      sendInitialRequest: async () => {
        const response = await client.request(request);
        lastRequestId = response.requestId;
        return toOperationResponse(client.settings.endpoint, request, response);
      },
      sendPollRequest: async (path: string) => {
        const pollRequest: ArmRequest = { method: "GET", path };
        const response = await client.request(pollRequest);
        lastRequestId = response.requestId;
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
  try {
    result = await poller.pollUntilDone();
  } catch (error) {
    // A Location poll answers a failed operation with its error status; name the operation, not the poll URL.
    if (error instanceof ArmError) {
      throw new ArmError(error.code, error.armMessage, error.statusCode, error.requestId, operation);
    }
    throw error;
  }
  const state = poller.operationState;
  if (state && (state.status === "failed" || state.status === "canceled")) {
    const { code, message } = splitLroError(state.error?.message);
    throw new ArmError(
      code ?? (state.status === "canceled" ? "OperationCanceled" : "OperationFailed"),
      message ?? `the operation ended ${state.status}`,
      200,
      lastRequestId,
      operation,
    );
  }
  return result;
}

/** core-lro reports a failure as "The long-running operation has failed. <code>. <message>"; take it apart. */
function splitLroError(text: string | undefined): { code?: string; message?: string } {
  if (!text) return {};
  const match = /^The long-running operation has failed\. ([^.\s]+)\. (.*)$/s.exec(text);
  return match ? { code: match[1], message: match[2] } : { message: text };
}
