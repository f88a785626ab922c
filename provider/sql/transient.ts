/**
 * Which SQL errors are worth retrying: Azure SQL's transient faults (failover, throttling, resource limits),
 * deadlocks, and lost connections. Anything else (a missing table, a permission) fails at once.
 */
import { SqlError } from "./errors";
import { setTimeout as sleep } from "node:timers/promises";

/** Numbers from Azure SQL's documented transient faults, plus deadlock (1205) and lost-connection errors. */
export const TRANSIENT_SQL_ERRORS: ReadonlySet<number> = new Set([
  4060, // cannot open database (during failover)
  40197, // the service encountered an error processing the request (reconfiguration)
  40501, // the service is busy
  40613, // database not currently available
  49918, // not enough resources to process the request
  49919, // too many create/update operations
  49920, // too many operations in progress
  10928, // resource limit reached
  10929, // resource governance minimum not guaranteed
  1205, // chosen as deadlock victim
  233, // connection closed by the server
  10053, // connection aborted
  10054, // connection reset
  10060, // connection timed out
]);

/** Retries of a read or a batch that failed transiently, unless the caller says otherwise (about 3.5 s of pauses). */
export const DEFAULT_TRANSIENT_RETRIES = 3;

export function isTransientSqlError(error: unknown): boolean {
  if (!(error instanceof SqlError)) return false;
  if (error.kind === "connection") return true;
  return error.number !== undefined && TRANSIENT_SQL_ERRORS.has(error.number);
}

/**
 * Runs `work`, retrying transient failures up to `retries` times with a growing pause. The last error is
 * rethrown as it is (already scrubbed of secrets by the session).
 */
export async function withTransientRetries<T>(
  work: () => Promise<T>,
  retries: number,
  onRetry?: (error: SqlError, attempt: number) => void,
  pauseMs = 500,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isTransientSqlError(error)) throw error;
      onRetry?.(error as SqlError, attempt + 1);
      await sleep(pauseMs * 2 ** attempt);
    }
  }
}
