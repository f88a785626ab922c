/**
 * Progress lines for long waits, readable in a CI log that a migration of hours writes to: a line only when the
 * text changed, and never more often than the interval unless a state changed (a table finished, the phase
 * moved) — so numbers ticking up do not flood the log, and state changes are never held back.
 */
import { logInfo } from "./log";

export class ThrottledProgress {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastStates = "";
  private lastText = "";

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly write: (text: string) => void = logInfo,
  ) {}

  /** `states` summarizes the states in `text` (not the counters): a change of it is reported at once. */
  report(text: string, states: string, force = false): void {
    if (text === this.lastText) return;
    const due = this.now() - this.lastAt >= this.intervalMs;
    if (!force && !due && states === this.lastStates) return;
    this.write(text);
    this.lastAt = this.now();
    this.lastStates = states;
    this.lastText = text;
  }
}
