import {
  createDefaultHttpClient,
  createPipelineRequest,
  type Pipeline,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { createArmCredential } from "./credential";
import { createArmPipeline } from "./pipeline";
import type { ArmSettings } from "./settings";
import type { ArmRequest } from "./client";

/** The absolute URL of a request: endpoint + path (or the absolute polling link), api-version and query. */
export function requestUrl(endpoint: string, request: ArmRequest): string {
  const url = new URL(/^https?:\/\//i.test(request.path) ? request.path : endpoint + request.path);
  if (request.apiVersion && !url.searchParams.has("api-version"))
    url.searchParams.set("api-version", request.apiVersion);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

/** Turns an ArmRequest into an HTTP exchange through the pipeline (URL building and JSON encoding only). */
export function createHttpPipeline(
  settings: ArmSettings,
  pipeline?: Pipeline,
): (request: ArmRequest) => Promise<PipelineResponse> {
  const httpClient = createDefaultHttpClient();
  const effective = pipeline ?? createArmPipeline(settings, createArmCredential(settings));
  return (request) => {
    const pipelineRequest = createPipelineRequest({
      url: requestUrl(settings.endpoint, request),
      method: request.method,
    });
    pipelineRequest.headers.set("Accept", "application/json");
    if (request.body !== undefined) {
      pipelineRequest.headers.set("Content-Type", "application/json");
      pipelineRequest.body = JSON.stringify(request.body);
    }
    return effective.sendRequest(httpClient, pipelineRequest);
  };
}
