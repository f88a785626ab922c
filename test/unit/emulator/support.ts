/**
 * Helpers for the emulator's own tests: start an instant emulator, and speak raw HTTPS to it so the
 * tests see exactly what ARM clients would (status, headers, body) without an SDK in between.
 */
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../emulator";

/** Shared by every test file (and worker) of a run, which also exercises the directory lock. */
export const TEST_TLS_DIR = path.join(os.tmpdir(), `pasm-emulator-tls-${process.getuid?.() ?? "user"}`);

export const SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
export const API_VERSION = "2025-04-01";

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    tlsDir: TEST_TLS_DIR,
    provisioningDelayMs: 0,
    registrationDelayMs: 0,
    retryAfterSeconds: 0,
    log: false,
    ...options,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  /** Bearer token to send; null sends no Authorization header. Default "test-token". */
  token?: string | null;
  /** Extra query string (without '?'); the api-version is added unless apiVersion is null. */
  apiVersion?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** One HTTPS request to the emulator, trusting its CA, on a fresh connection. */
export function call(
  emulator: Emulator,
  method: string,
  pathAndQuery: string,
  options: CallOptions = {},
): Promise<RawResponse> {
  const url = new URL(pathAndQuery, emulator.url);
  const apiVersion = options.apiVersion === undefined ? API_VERSION : options.apiVersion;
  if (apiVersion !== null && !url.searchParams.has("api-version")) url.searchParams.set("api-version", apiVersion);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const token = options.token === undefined ? "test-token" : options.token;
  if (token !== null) headers["Authorization"] = `Bearer ${token}`;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers["Content-Type"] = "application/json";

  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca: emulator.caPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path and query of an absolute URL the emulator handed out (Location, Azure-AsyncOperation). */
export function relative(url: string | string[] | undefined): string {
  const u = new URL(String(url));
  return `${u.pathname}${u.search}`;
}
