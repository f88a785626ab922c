import type { Pipeline, PipelineResponse } from "@azure/core-rest-pipeline";
import { ArmError, armErrorFromResponse, armErrorFromTransport } from "./errors";
import type { LroOptions } from "./lro";
import { readArmSettings, type ArmSettings } from "./settings";

export type HttpMethod = "GET" | "PUT" | "PATCH" | "POST" | "DELETE" | "HEAD";

export interface ArmResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string>;
  requestId?: string;
}

export interface ArmRequest {
  method: HttpMethod;
  /** A path below the endpoint (`/subscriptions/...`) or an absolute URL (LRO polling links). */
  path: string;
  apiVersion?: string;
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * The one ARM client of the project. Resources call it with paths and api-versions; everything about the wire
 * (endpoint, credentials, retries, throttling, long-running operations, error shapes) lives here.
 */
export class ArmClient {
  private readonly send: (request: ArmRequest) => Promise<PipelineResponse>;

  constructor(
    readonly settings: ArmSettings,
    pipeline?: Pipeline,
  ) {
    // Loaded here, not at import: a provider's check and diff import this module but never send a request, and
    // @azure/core-rest-pipeline and core-lro are a hundred modules a converged `pulumi up` would load for nothing.
    const { createHttpPipeline } = require("./http") as typeof import("./http");
    this.send = createHttpPipeline(settings, pipeline);
  }

  /** The client configured from the environment (see settings.ts). */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): ArmClient {
    return new ArmClient(readArmSettings(env));
  }

  /** Sends one request; any non-2xx answer becomes an ArmError. */
  async request<T = unknown>(request: ArmRequest): Promise<ArmResponse<T>> {
    const operation = `${request.method} ${describePath(request.path)}`;
    let response: PipelineResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      throw armErrorFromTransport(operation, error);
    }
    const body = parseBody(response.bodyAsText);
    const requestId = response.headers.get("x-ms-request-id") || undefined;
    if (response.status < 200 || response.status >= 300) {
      throw armErrorFromResponse(operation, response.status, body, requestId);
    }
    return { status: response.status, body: body as T, headers: response.headers.toJSON(), requestId };
  }

  async get<T>(path: string, apiVersion: string, query?: Record<string, string>): Promise<T> {
    return (await this.request<T>({ method: "GET", path, apiVersion, query })).body;
  }

  /** GET that answers `undefined` for a resource that does not exist (404), which is how adoption checks ask. */
  async find<T>(path: string, apiVersion: string, query?: Record<string, string>): Promise<T | undefined> {
    try {
      return await this.get<T>(path, apiVersion, query);
    } catch (error) {
      if (error instanceof ArmError && error.isNotFound) return undefined;
      throw error;
    }
  }

  /**
   * Deletes (following a long-running delete to its end); a resource that is already gone counts as deleted,
   * so a delete interrupted and run again succeeds.
   */
  async deleteIfExists(path: string, apiVersion: string, query?: Record<string, string>): Promise<void> {
    try {
      await this.execute({ method: "DELETE", path, apiVersion, query });
    } catch (error) {
      if (!(error instanceof ArmError && error.isNotFound)) throw error;
    }
  }

  async post<T>(path: string, apiVersion: string, body?: unknown): Promise<T> {
    return (await this.request<T>({ method: "POST", path, apiVersion, body })).body;
  }

  /**
   * Starts an operation that may be long-running (PUT/PATCH/DELETE/POST answered with 201/202 and polling
   * headers) and waits for it; an operation that ends Failed or Canceled throws an ArmError with ARM's code.
   */
  async execute<T>(request: ArmRequest, options: LroOptions = {}): Promise<T> {
    const { runLongRunningOperation } = require("./lro") as typeof import("./lro");
    return runLongRunningOperation<T>(this, request, {
      pollIntervalMs: this.settings.pollIntervalMs,
      ...options,
    });
  }
}

function parseBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Strips query strings and hosts from an operation's description: they are noise and may carry signatures. */
function describePath(path: string): string {
  try {
    return new URL(path, "https://arm.invalid").pathname;
  } catch {
    return path.split("?")[0];
  }
}
