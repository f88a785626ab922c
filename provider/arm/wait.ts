/** Outcome of waiting for a remote condition within a time budget. */
export interface WaitResult<T> {
  value: T;
  /** True when the budget ran out before `isDone` held; `value` is then the last state seen. */
  timedOut: boolean;
}

export interface WaitOptions<T> {
  timeoutMs: number;
  intervalMs: number;
  /** Called with every state seen, so long waits can log progress. */
  onProgress?: (value: T) => void;
  sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until `isDone` holds or the budget runs out. Running out is not an error: a Pulumi update has a
 * bounded wait and the next update continues from the live state (see docs/lifecycle.md).
 */
export async function waitUntil<T>(
  probe: () => Promise<T>,
  isDone: (value: T) => boolean,
  options: WaitOptions<T>,
): Promise<WaitResult<T>> {
  const pause = options.sleep ?? sleep;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    options.onProgress?.(value);
    if (isDone(value)) return { value, timedOut: false };
    const left = deadline - Date.now();
    if (left <= 0) return { value, timedOut: true };
    await pause(Math.min(options.intervalMs, left));
  }
}
