/**
 * Failures on demand: "fail the batch whose text matches X with error N and message M", so that
 * error paths (deploy stopping at a batch, retries) are tested against real ERROR tokens.
 */
import type { QueryHandler } from "./query-handler";

export interface ScriptedError {
  number: number;
  message: string;
  state?: number;
  /** Severity; 16 (user-correctable error) unless given. */
  class?: number;
  lineNumber?: number;
  procName?: string;
}

export interface FailOnOptions {
  /** Fail only this many matching batches, then let them through (default: every time). */
  times?: number;
}

interface FailureRule {
  match: string | RegExp;
  error: ScriptedError;
  remaining: number;
}

export class ScriptedFailures {
  private readonly rules: FailureRule[] = [];

  constructor(private readonly serverName: string) {}

  /** A string matches when the batch text contains it; a RegExp is tested against the text. */
  add(match: string | RegExp, error: ScriptedError, options: FailOnOptions = {}): void {
    this.rules.push({ match, error, remaining: options.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.rules.length = 0;
  }

  readonly handler: QueryHandler = (request) => {
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (typeof candidate.match === "string"
          ? request.sql.includes(candidate.match)
          : candidate.match.test(request.sql)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    return { error: { serverName: this.serverName, ...rule.error } };
  };
}
