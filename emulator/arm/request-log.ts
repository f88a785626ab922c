/**
 * Every ARM request the emulator received, in order — what tests read to assert "no writes during
 * preview", "retried after the 429", "polled until done". Admin (/_emulator) calls are not logged.
 */
import type { FaultKind } from "./faults";
import { WRITE_METHODS } from "./request";

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The status answered; 0 when the connection was dropped on purpose. */
  status: number;
  /** When the request arrived, ISO 8601 (emulator clock). */
  timestamp: string;
  requestId: string;
  /** True when a fault answered instead of the handler (429/500/503/drop). */
  faulted: boolean;
  fault?: FaultKind;
  /** The request's body as received, the values of password fields replaced (a service's log keeps no credential). */
  requestBody?: string;
  /** The JSON body answered, so tests can check that no secret is ever sent back. */
  responseBody?: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** A copy of the log, oldest first. */
  read(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * How many requests matched a method ('*' for any, case-insensitive) and a path pattern
   * (a RegExp or regex source, always matched case-insensitively).
   */
  count(method: string, path: RegExp | string): number {
    const pattern = new RegExp(typeof path === "string" ? path : path.source, "i");
    const upper = method.toUpperCase();
    return this.entries.filter((e) => (upper === "*" || e.method === upper) && pattern.test(e.path)).length;
  }

  /** How many write requests (PUT/PATCH/POST/DELETE) arrived, whether or not a fault answered them. */
  writes(): number {
    return this.entries.filter((e) => WRITE_METHODS.has(e.method)).length;
  }
}

/** A request body for the log: JSON with every password field's value replaced; other text as it came. */
export function bodyForLog(raw: Buffer): string {
  const text = raw.toString("utf8");
  try {
    return JSON.stringify(JSON.parse(text), (key, value) => (/password/i.test(key) ? "[redacted]" : value));
  } catch {
    return text;
  }
}
