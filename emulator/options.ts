/** How an emulator can be configured, and the defaults that make it feel like ARM on a laptop. */
import { z } from "zod";
import type { Clock } from "./arm/clock";
import type { ResourceModule } from "./services";

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Where the CA and server certificate live; default `${XDG_CACHE_HOME:-~/.cache}/pulumi-azure-sql-migration/emulator-tls`. */
  tlsDir?: string;
  /** When given, only these bearer tokens are accepted (any token otherwise). */
  acceptedTokens?: readonly string[];
  /** Duration of each provisioningState step of a long-running operation (default 500 ms; 0 for tests). */
  provisioningDelayMs?: number;
  /** Duration of Registering/Unregistering (default 1000 ms; 0 for tests). */
  registrationDelayMs?: number;
  /** Retry-After seconds sent with 201/202 answers and while polling (default 1; 0 for tests). */
  retryAfterSeconds?: number;
  /** The clock progress runs on; default real time. Pass a ManualClock to step time from a test. */
  clock?: Clock;
  /** When given, only these subscriptions exist (others get 404 SubscriptionNotFound); default: any GUID. */
  subscriptions?: readonly string[];
  /** Namespaces that start out Registered in every subscription (default none). */
  registeredProviders?: readonly string[];
  /** Resource modules to serve; default every built-in one (emulator/modules.ts). */
  modules?: readonly ResourceModule[];
  /** Where the start-up lines go (URL, CA file); default stderr; false for silence. */
  log?: ((line: string) => void) | false;
}

export const DEFAULT_TIMING = { provisioningDelayMs: 500, registrationDelayMs: 1000, retryAfterSeconds: 1 } as const;

const numbers = z.object({
  port: z.number().int().min(0).max(65535),
  provisioningDelayMs: z.number().min(0),
  registrationDelayMs: z.number().min(0),
  retryAfterSeconds: z.number().int().min(0),
});

/** Fills defaults and rejects nonsense (negative delays, out-of-range port) before anything starts. */
export function resolveTimingAndPort(options: EmulatorOptions) {
  const parsed = numbers.safeParse({
    port: options.port ?? 0,
    provisioningDelayMs: options.provisioningDelayMs ?? DEFAULT_TIMING.provisioningDelayMs,
    registrationDelayMs: options.registrationDelayMs ?? DEFAULT_TIMING.registrationDelayMs,
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULT_TIMING.retryAfterSeconds,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid emulator options: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
