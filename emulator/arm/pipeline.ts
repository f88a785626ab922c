/**
 * The request pipeline: turns a Node HTTP request into an ArmRequest, runs it through the gates ARM
 * puts in front of every resource provider, calls the route's handler and writes the answer.
 *
 * Order, as seen from a client: fault injection (a throttling gateway answers before anything else) →
 * bearer token → api-version → route → subscription id → JSON body → handler. Every answer carries
 * x-ms-request-id and x-ms-correlation-request-id; every error is ARM's envelope from errors.ts.
 * Admin calls (/_emulator/...) skip the gates and the request log.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authenticator } from "./auth";
import type { Clock } from "./clock";
import { ArmErrorResponse, armErrors } from "./errors";
import type { ActiveFault, FaultInjector } from "./faults";
import { newGuid } from "./ids";
import { bodyForLog, type RequestLog } from "./request-log";
import type { ArmRequest, ArmResponse, HttpMethod } from "./request";
import type { Router } from "./router";

export const ADMIN_PREFIX = "/_emulator";
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface PipelineDeps {
  router: Router;
  adminRouter: Router;
  authenticator: Authenticator;
  faults: FaultInjector;
  requestLog: RequestLog;
  clock: Clock;
  /** Validates a {subscriptionId} route parameter (throws the ARM error when it is not acceptable). */
  checkSubscription: (subscriptionId: string) => void;
  /** Called with errors that are not ArmErrors (handler bugs), before answering 500. */
  onUnexpectedError?: (error: unknown, request: { method: string; path: string }) => void;
}

export function createRequestListener(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error) => {
      deps.onUnexpectedError?.(error, { method: req.method ?? "", path: req.url ?? "" });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

async function handle(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", "https://emulator.invalid");
  const path = safeDecode(url.pathname);
  const requestId = newGuid();
  const correlationId = headerValue(req, "x-ms-correlation-request-id") ?? newGuid();
  const clientRequestId = headerValue(req, "x-ms-client-request-id");
  const rawBody = await readBody(req);
  const ids: Record<string, string> = { "x-ms-request-id": requestId, "x-ms-correlation-request-id": correlationId };
  if (clientRequestId) ids["x-ms-client-request-id"] = clientRequestId;

  if (path.toLowerCase() === ADMIN_PREFIX || path.toLowerCase().startsWith(`${ADMIN_PREFIX}/`)) {
    const response = await dispatch(deps, deps.adminRouter, {
      method,
      path,
      url,
      rawBody,
      requestId,
      req,
      gates: false,
    });
    send(res, method, response, ids);
    return;
  }

  const arrivedAt = new Date(deps.clock.now()).toISOString();
  const logEntry = (status: number, fault?: ActiveFault, response?: ArmResponse) =>
    deps.requestLog.record({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status,
      timestamp: arrivedAt,
      requestId,
      faulted: fault !== undefined,
      ...(fault ? { fault: fault.kind } : {}),
      ...(rawBody.length > 0 ? { requestBody: bodyForLog(rawBody) } : {}),
      ...(response?.body !== undefined ? { responseBody: JSON.stringify(response.body) } : {}),
    });

  const fault = deps.faults.takeForRequest(method, path);
  if (fault?.kind === "drop") {
    logEntry(0, fault);
    // A connection that dies without an answer: the client sees a socket error, not an HTTP status.
    req.socket.destroy();
    return;
  }
  const response = fault
    ? errorResponse(faultError(fault, requestId))
    : await dispatch(deps, deps.router, { method, path, url, rawBody, requestId, req, gates: true });
  logEntry(response.status, fault, response);
  send(res, method, response, ids);
}

interface DispatchInput {
  method: string;
  path: string;
  url: URL;
  rawBody: Buffer;
  requestId: string;
  req: IncomingMessage;
  /** ARM's gates (auth, api-version, subscription); off for admin routes. */
  gates: boolean;
}

async function dispatch(deps: PipelineDeps, router: Router, input: DispatchInput): Promise<ArmResponse> {
  try {
    const apiVersion = input.url.searchParams.get("api-version") ?? "";
    if (input.gates) {
      deps.authenticator.authenticate(headerValue(input.req, "authorization"));
      if (!apiVersion) throw armErrors.missingApiVersion();
    }
    // The router decodes segment by segment, so an encoded '/' inside a name stays inside that name.
    const match = router.match(input.method, input.url.pathname);
    if (match.kind === "none") throw armErrors.noRoute(input.method, input.path);
    if (match.kind === "wrongMethod") throw armErrors.methodNotAllowed(input.method, match.allowed);
    if (input.gates && match.params["subscriptionId"] !== undefined)
      deps.checkSubscription(match.params["subscriptionId"]);
    const request: ArmRequest = {
      method: input.method as HttpMethod,
      path: input.path,
      query: input.url.searchParams,
      headers: input.req.headers,
      body: parseJson(input.rawBody),
      params: match.params,
      apiVersion,
      requestId: input.requestId,
    };
    return await match.handler(request);
  } catch (error) {
    if (error instanceof ArmErrorResponse) return errorResponse(error);
    deps.onUnexpectedError?.(error, { method: input.method, path: input.path });
    return errorResponse(armErrors.internalServerError(input.requestId));
  }
}

function faultError(fault: ActiveFault, requestId: string): ArmErrorResponse {
  const base =
    fault.kind === "429"
      ? armErrors.tooManyRequests(fault.retryAfterSeconds ?? 1)
      : fault.kind === "503"
        ? armErrors.serviceUnavailable(fault.retryAfterSeconds)
        : armErrors.internalServerError(requestId);
  if (!fault.code && !fault.message) return base;
  return new ArmErrorResponse(base.status, fault.code ?? base.code, fault.message ?? base.message, base.headers);
}

function errorResponse(error: ArmErrorResponse): ArmResponse {
  return { status: error.status, headers: error.headers, body: error.toEnvelope() };
}

function send(res: ServerResponse, method: string, response: ArmResponse, ids: Record<string, string>): void {
  const headers: Record<string, string> = { "Cache-Control": "no-cache", ...ids, ...(response.headers ?? {}) };
  const hasBody = response.body !== undefined && response.status !== 204 && response.status !== 304;
  const payload = hasBody ? Buffer.from(JSON.stringify(response.body), "utf8") : undefined;
  if (payload) headers["Content-Type"] = "application/json; charset=utf-8";
  headers["Content-Length"] = String(payload?.length ?? 0);
  res.writeHead(response.status, headers);
  // HEAD answers carry the headers of the GET they stand for, but never a body.
  res.end(method === "HEAD" ? undefined : payload);
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw armErrors.invalidRequestContent(e instanceof Error ? e.message : String(e));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
