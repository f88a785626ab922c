/**
 * Failures on demand: "fail the batch whose text matches X with error N and message M", so that
 * error paths (deploy stopping at a batch, retries) are tested against real ERROR tokens; and "drop the
 * connection when the batch matching X arrives", before running it or after running it (the reply lost: the
 * client cannot know whether its batch took effect).
 */
import type { QueryHandler, QueryRequest, QueryResponse, ServerMessage } from "./query-handler";

const CANNOT_OPEN_DATABASE = 4060;
const LOGIN_FAILED = 18456;

export interface ScriptedError {
  number: number;
  message: string;
  state?: number;
  /** Severity; 16 (user-correctable error) unless given. */
  class?: number;
  lineNumber?: number;
  procName?: string;
  /** Close the connection after sending the error, as SQL Server does after an error of severity 20 or more. */
  closeConnection?: boolean;
}

/** A connection dropped mid-batch: before the server ran the batch, or after (with the reply never sent). */
export interface ScriptedDrop {
  drop: "beforeRunning" | "afterRunning";
}

export interface FailOnOptions {
  /** Fail only this many matching batches, then let them through (default: every time). */
  times?: number;
  /** Let this many matching batches (or logins) through before failing any. Default 0. */
  skip?: number;
}

interface Countdown {
  /** Matches still to let through before failing. */
  skip: number;
  /** Failures still to inject. */
  remaining: number;
}

interface FailureRule extends Countdown {
  match: string | RegExp;
  failure: ScriptedError | ScriptedDrop;
}

const countdown = (options: FailOnOptions): Countdown => ({
  skip: options.skip ?? 0,
  remaining: options.times ?? Number.POSITIVE_INFINITY,
});

/** True when this match is to fail (and counts it). */
function fires(rule: Countdown): boolean {
  if (rule.skip > 0) {
    rule.skip -= 1;
    return false;
  }
  rule.remaining -= 1;
  return true;
}

/** Answers a request with the handlers after this one in the chain (what the server would have done). */
export type RunDownstream = (request: QueryRequest) => Promise<QueryResponse>;

export class ScriptedFailures {
  private readonly rules: FailureRule[] = [];
  private downstream: RunDownstream = async () => ({});

  constructor(private readonly serverName: string) {}

  /** A string matches when the batch text contains it; a RegExp is tested against the text. */
  add(match: string | RegExp, failure: ScriptedError | ScriptedDrop, options: FailOnOptions = {}): void {
    this.rules.push({ match, failure, ...countdown(options) });
  }

  clear(): void {
    this.rules.length = 0;
    this.loginFaults.length = 0;
  }

  private readonly loginFaults: Array<Countdown & { error: ScriptedError }> = [];

  /**
   * Refuse the next logins with `error`. As SQL Server does for a database it cannot open, 4060 is followed by
   * 18456 (login failed); Azure's transient login errors (e.g. 40613) come alone.
   */
  addLoginFault(error: ScriptedError, options: FailOnOptions = {}): void {
    this.loginFaults.push({ error, ...countdown(options) });
  }

  /** The ERROR tokens for this login when a login fault applies. */
  readonly loginFault = (login: string): ServerMessage[] | undefined => {
    const fault = this.loginFaults.find((candidate) => candidate.remaining > 0);
    if (!fault || !fires(fault)) return undefined;
    const { closeConnection: _closes, ...error } = fault.error;
    const messages: ServerMessage[] = [{ serverName: this.serverName, ...error }];
    if (error.number === CANNOT_OPEN_DATABASE)
      messages.push({ number: LOGIN_FAILED, state: 1, class: 14, message: `Login failed for user '${login}'.` });
    return messages;
  };

  /** How a batch is run for a drop "afterRunning"; set by the server that owns the chain. */
  setDownstream(run: RunDownstream): void {
    this.downstream = run;
  }

  readonly handler: QueryHandler = async (request) => {
    const rule = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (typeof candidate.match === "string"
          ? request.sql.includes(candidate.match)
          : candidate.match.test(request.sql)),
    );
    if (!rule || !fires(rule)) return undefined;
    const failure = rule.failure;
    if ("drop" in failure) {
      if (failure.drop === "afterRunning") await this.downstream(request);
      return { dropConnection: true };
    }
    const { closeConnection, ...error } = failure;
    return { error: { serverName: this.serverName, ...error }, ...(closeConnection ? { closeConnection } : {}) };
  };
}
