/**
 * Every replication request the simulator saw — procedure calls, marked catalog queries and other statements —
 * so tests can count them ("sp_dropsubscription ran exactly once"), and pause points that hold a request
 * unanswered until the test releases it (to kill the engine while a given step is in flight).
 */
export interface CallRecord {
  seq: number;
  at: Date;
  side: "source" | "target";
  /** The procedure (`sp_addarticle`), the marker (`reseed-identity`), or `statement` for anything else. */
  name: string;
  database: string;
  params: Record<string, unknown>;
  sql: string;
  /** False when the simulator refused it with an error. */
  succeeded?: boolean;
}

export type CallMatcher = (call: CallRecord, history: readonly CallRecord[]) => boolean;

export interface PausePoint {
  /** Resolves with the request once it arrives (it is then held). */
  reached: Promise<CallRecord>;
  /** Lets the held request go on: applied as if the server executed it (default), or dropped unanswered. */
  release(options?: { apply?: boolean }): void;
}

interface Waiting {
  matcher: CallMatcher;
  resolveReached: (call: CallRecord) => void;
  released: Promise<boolean>;
  release: (apply: boolean) => void;
  triggered: boolean;
}

export class CallLog {
  readonly calls: CallRecord[] = [];
  private seq = 0;
  private readonly pauses: Waiting[] = [];

  record(call: Omit<CallRecord, "seq" | "at">): CallRecord {
    const record = { ...call, seq: ++this.seq, at: new Date() };
    this.calls.push(record);
    return record;
  }

  /** Calls of a name (successful ones unless `all`), optionally on one side. */
  count(
    name: string,
    options: { side?: "source" | "target"; all?: boolean; where?: (call: CallRecord) => boolean } = {},
  ): number {
    return this.calls.filter(
      (c) =>
        c.name === name &&
        (!options.side || c.side === options.side) &&
        (options.all || c.succeeded !== false) &&
        (!options.where || options.where(c)),
    ).length;
  }

  clear(): void {
    this.calls.length = 0;
  }

  pauseAt(matcher: CallMatcher): PausePoint {
    let resolveReached!: (call: CallRecord) => void;
    let release!: (apply: boolean) => void;
    const reached = new Promise<CallRecord>((resolve) => (resolveReached = resolve));
    const released = new Promise<boolean>((resolve) => (release = resolve));
    const waiting: Waiting = { matcher, resolveReached, released, release, triggered: false };
    this.pauses.push(waiting);
    return { reached, release: (options) => release(options?.apply ?? true) };
  }

  /** Holds the call when a pause point matches it; answers whether it should still be applied. */
  async gate(call: CallRecord): Promise<boolean> {
    const history = this.calls.filter((c) => c.seq < call.seq);
    const waiting = this.pauses.find((p) => !p.triggered && p.matcher(call, history));
    if (!waiting) return true;
    waiting.triggered = true;
    waiting.resolveReached(call);
    const apply = await waiting.released;
    this.pauses.splice(this.pauses.indexOf(waiting), 1);
    return apply;
  }

  /** Releases every held call (test cleanup). */
  releaseAll(): void {
    for (const p of this.pauses) p.release(true);
    this.pauses.length = 0;
  }
}
