/** What the emulator's request log says about one stretch of the benchmark: writes, reads, throttled polls. */
import type { RequestLogEntry } from "../../emulator/arm/request-log";

const WRITES = new Set(["PUT", "PATCH", "POST", "DELETE"]);

export interface ArmCounts {
  writes: number;
  gets: number;
  /** Distinct paths read: with `gets`, whether any resource was read more than once. */
  pathsRead: number;
}

export function armCounts(entries: RequestLogEntry[]): ArmCounts {
  const gets = entries.filter((e) => e.method === "GET");
  return {
    writes: entries.filter((e) => WRITES.has(e.method)).length,
    gets: gets.length,
    pathsRead: new Set(gets.map((e) => e.path.toLowerCase())).size,
  };
}

export interface RetryAfterCheck {
  /** Polls answered 429 with Retry-After. */
  throttled: number;
  /** The shortest wait before the next poll of the same resource after a 429, in ms. */
  shortestWaitMs: number;
  retryAfterMs: number;
  honoured: boolean;
}

/** After each throttled poll of `pathPattern`, how long the client waited before polling that path again. */
export function retryAfterCheck(
  entries: RequestLogEntry[],
  pathPattern: RegExp,
  retryAfterMs: number,
): RetryAfterCheck {
  const polls = entries.filter((e) => e.method === "GET" && pathPattern.test(e.path));
  let shortest = Number.POSITIVE_INFINITY;
  let throttled = 0;
  polls.forEach((poll, i) => {
    if (!poll.faulted || poll.status !== 429) return;
    throttled++;
    const next = polls[i + 1];
    if (next) shortest = Math.min(shortest, Date.parse(next.timestamp) - Date.parse(poll.timestamp));
  });
  const shortestWaitMs = Number.isFinite(shortest) ? shortest : 0;
  return { throttled, shortestWaitMs, retryAfterMs, honoured: throttled > 0 && shortestWaitMs >= retryAfterMs };
}

/** Polls of `pathPattern` per minute between the first and the last of them. */
export function pollsPerMinute(entries: RequestLogEntry[], pathPattern: RegExp): { polls: number; perMinute: number } {
  const polls = entries.filter((e) => e.method === "GET" && pathPattern.test(e.path));
  if (polls.length < 2) return { polls: polls.length, perMinute: 0 };
  const spanMs = Date.parse(polls[polls.length - 1]!.timestamp) - Date.parse(polls[0]!.timestamp);
  return { polls: polls.length, perMinute: Math.round((polls.length - 1) / (spanMs / 60_000)) };
}
