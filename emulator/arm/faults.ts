/**
 * Fault injection: the next N requests matching a method and a path pattern misbehave on purpose.
 *
 * Faults are how tests prove the provider survives what Azure really does — throttling (429 with
 * Retry-After), transient 500/503, connections that die mid-request, and long-running operations that
 * end Failed or take longer than the client will wait. The first four answer the request in place of its handler;
 * `lroFailed` and `lroSlow` let the request through and make the long-running operation it starts end Failed, or
 * hold each of its states `delayMs` (an operation that does not end within the caller's budget).
 */
import { z } from "zod";

export type FaultKind = "429" | "500" | "503" | "drop" | "lroFailed" | "lroSlow";

/** Kinds that act on the long-running operation a request starts, not on the request itself. */
const LRO_KINDS: readonly FaultKind[] = ["lroFailed", "lroSlow"];

export interface FaultSpec {
  /** HTTP method to match (any when omitted), compared without regard to case. */
  method?: string;
  /** Path pattern, matched case-insensitively against the request path (no query string). */
  path: RegExp | string;
  /** How many matching requests the fault applies to before it is used up. */
  count: number;
  kind: FaultKind;
  /** Retry-After seconds for 429/503 (default 1 for 429, none for 503). */
  retryAfterSeconds?: number;
  /** Error code/message: for lroFailed, the operation's error; for 500/503/429, overrides ARM's default. */
  code?: string;
  message?: string;
  /** For lroSlow: how long the operation holds each of its states. */
  delayMs?: number;
}

/** The admin endpoint's body for POST /_emulator/faults (path is a regex source there). */
export const faultSpecSchema = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1),
  count: z.number().int().positive().default(1),
  kind: z.enum(["429", "500", "503", "drop", "lroFailed", "lroSlow"]),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  code: z.string().min(1).optional(),
  message: z.string().min(1).optional(),
  delayMs: z.number().int().positive().optional(),
});

export interface ActiveFault {
  readonly id: number;
  readonly method?: string;
  readonly path: RegExp;
  readonly kind: FaultKind;
  readonly retryAfterSeconds?: number;
  readonly code?: string;
  readonly message?: string;
  readonly delayMs?: number;
  remaining: number;
}

/** What a fault description looks like from the outside (admin listing, test assertions). */
export interface FaultSummary {
  id: number;
  method?: string;
  path: string;
  kind: FaultKind;
  remaining: number;
}

export class FaultInjector {
  private nextId = 1;
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): FaultSummary {
    if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error("fault count must be a positive integer");
    const source = typeof spec.path === "string" ? spec.path : spec.path.source;
    const fault: ActiveFault = {
      id: this.nextId++,
      method: spec.method?.toUpperCase(),
      // Always case-insensitive, like ARM paths; other flags of a given RegExp (g, y) would make test() stateful.
      path: new RegExp(source, "i"),
      kind: spec.kind,
      retryAfterSeconds: spec.retryAfterSeconds,
      code: spec.code,
      message: spec.message,
      delayMs: spec.delayMs,
      remaining: spec.count,
    };
    this.faults.push(fault);
    return summarize(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSummary[] {
    return this.faults.map(summarize);
  }

  /** Consumes one use of the first fault that answers a request in place of its handler. */
  takeForRequest(method: string, path: string): ActiveFault | undefined {
    return this.take(method, path, (kind) => !LRO_KINDS.includes(kind));
  }

  /** Consumes one use of the first lroFailed fault matching the request that is starting an operation. */
  takeLroFailure(method: string, path: string): ActiveFault | undefined {
    return this.take(method, path, (kind) => kind === "lroFailed");
  }

  /** Consumes one use of the first lroSlow fault matching the request that is starting an operation. */
  takeLroSlowdown(method: string, path: string): ActiveFault | undefined {
    return this.take(method, path, (kind) => kind === "lroSlow");
  }

  private take(method: string, path: string, kindFits: (kind: FaultKind) => boolean): ActiveFault | undefined {
    const upper = method.toUpperCase();
    const fault = this.faults.find(
      (f) => kindFits(f.kind) && (f.method === undefined || f.method === upper) && f.path.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

function summarize(f: ActiveFault): FaultSummary {
  return { id: f.id, method: f.method, path: f.path.source, kind: f.kind, remaining: f.remaining };
}
