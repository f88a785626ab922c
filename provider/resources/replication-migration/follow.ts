/**
 * Following a replication within an update's budget: poll its monitoring, log throttled progress, and decide
 * the readiness the lifecycle asks for —
 *   started  — configured, the snapshot under way or delivered;
 *   ready    — every article active, the agent healthy, pending commands at or under maxPendingCommands, and a
 *              tracer token posted during this wait that reached the target within maxLatencySeconds;
 *   drained  — (cutover, writes stopped) a tracer token posted now has arrived and nothing is pending.
 * A poll that loses its connection (a transient error) is logged and the next poll goes on.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { postTracerToken, readTracerToken, type ReplicationTopology } from "../../replication";
import type { SqlSession } from "../../sql/session";
import { isTransientSqlError } from "../../sql/validation";
import { logInfo } from "../log";
import { ThrottledProgress } from "../throttled-progress";
import { withSourceAndDistributor } from "./connections";
import type { ReplicationMigrationInputs } from "./inputs";
import { describeProgress, progressStates } from "./progress-log";
import { readLiveStatus, readPhase, type LiveStatus, type PhaseReading } from "./status";

export interface MeasuredLatency {
  /** Publisher commit to subscriber, in seconds (the token's overall latency). */
  seconds: number;
  distributorSeconds?: number;
  subscriberSeconds?: number;
  measuredAt: string;
  tracerId: number;
}

export type FollowGoal = "started" | "ready" | "drained";

export interface FollowResult {
  status: LiveStatus;
  reading: PhaseReading;
  latency?: MeasuredLatency;
  /** The goal was reached. */
  reached: boolean;
  timedOut: boolean;
}

interface PendingToken {
  id: number;
  postedAt: number;
}

/** What one follow carries from poll to poll: the tracer token in flight and the last latency it measured. */
interface TracerState {
  token?: PendingToken;
  latency?: MeasuredLatency;
}

interface PollOutcome {
  status: LiveStatus;
  reading: PhaseReading;
  reached: boolean;
}

export async function followReplication(
  inputs: ReplicationMigrationInputs,
  topology: ReplicationTopology,
  expectedArticles: number,
  goal: FollowGoal,
  budgetMs: number,
  label: string,
): Promise<FollowResult> {
  const deadline = Date.now() + budgetMs;
  const progress = new ThrottledProgress(inputs.progressLogIntervalSeconds * 1000);
  const tracer: TracerState = {};
  const withLatency = () => (tracer.latency ? { latency: tracer.latency } : {});
  let last: PollOutcome | undefined;
  for (;;) {
    try {
      const outcome = await withSourceAndDistributor(inputs, (source, distributor) =>
        pollOnce(inputs, topology, expectedArticles, goal, tracer, source, distributor),
      );
      last = outcome;
      const finished = outcome.reached || outcome.reading.phase === "failed";
      progress.report(
        describeProgress(label, outcome.status, outcome.reading, tracer.latency),
        progressStates(outcome.status, outcome.reading),
        finished,
      );
      if (finished) return { ...outcome, ...withLatency(), timedOut: false };
    } catch (error) {
      if (!isTransientSqlError(error)) throw error;
      logInfo(
        `replication ${label}: a poll failed with a transient error (${(error as Error).message}); polling again`,
      );
    }
    if (Date.now() >= deadline) {
      if (!last)
        throw new Error(`replication ${label}: the source could not be read within ${Math.round(budgetMs / 1000)} s`);
      return { ...last, ...withLatency(), reached: false, timedOut: true };
    }
    await sleep(Math.min(inputs.pollIntervalSeconds * 1000, Math.max(0, deadline - Date.now())));
  }
}

/** One poll: the live status, its phase, and whether the goal is reached (with the reasons it is not). */
async function pollOnce(
  inputs: ReplicationMigrationInputs,
  topology: ReplicationTopology,
  expectedArticles: number,
  goal: FollowGoal,
  tracer: TracerState,
  source: SqlSession,
  distributor: SqlSession,
): Promise<PollOutcome> {
  const status = await readLiveStatus(source, distributor, topology);
  const reading = readPhase(status, expectedArticles);
  if (reading.phase === "failed") return { status, reading, reached: false };
  if (goal === "started")
    return { status, reading, reached: reading.phase === "initializing" || reading.phase === "syncing" };
  if (reading.phase !== "syncing") return { status, reading, reached: false };
  const reasons = [...reading.reasons];
  const pending = status.pending?.pendingCommands ?? 0;
  const allowed = goal === "drained" ? 0 : inputs.maxPendingCommands;
  if (pending > allowed)
    reasons.push(`${pending} commands are waiting in the distribution database (allowed: ${allowed})`);
  let tokenArrived = false;
  if (pending <= allowed || goal === "drained")
    tokenArrived = await tracerTokenArrived(inputs, topology, goal, tracer, source, reasons);
  const ready = tokenArrived && reasons.length === 0;
  return { status, reading: { ...reading, reasons }, reached: ready };
}

/**
 * Posts a tracer token if none is in flight and reads its history: true once it reached the target within the
 * allowed latency (any latency when draining). A token that arrived too late is dropped so the next poll posts
 * a fresh one; what is still missing goes into `reasons`.
 */
async function tracerTokenArrived(
  inputs: ReplicationMigrationInputs,
  topology: ReplicationTopology,
  goal: FollowGoal,
  tracer: TracerState,
  source: SqlSession,
  reasons: string[],
): Promise<boolean> {
  if (!tracer.token) tracer.token = { id: await postTracerToken(source, topology), postedAt: Date.now() };
  const token = tracer.token;
  const history = await readTracerToken(source, topology, token.id);
  if (history?.subscriberLatency === undefined) {
    const waited = Math.round((Date.now() - token.postedAt) / 1000);
    const late =
      goal !== "drained" && waited > inputs.maxLatencySeconds ? ` (allowed: ${inputs.maxLatencySeconds} s)` : "";
    reasons.push(`a tracer token posted ${waited} s ago has not reached the target yet${late}`);
    return false;
  }
  tracer.latency = {
    seconds: history.overallLatency ?? (history.distributorLatency ?? 0) + history.subscriberLatency,
    ...(history.distributorLatency !== undefined ? { distributorSeconds: history.distributorLatency } : {}),
    subscriberSeconds: history.subscriberLatency,
    measuredAt: new Date().toISOString(),
    tracerId: token.id,
  };
  if (goal === "drained" || tracer.latency.seconds <= inputs.maxLatencySeconds) return true;
  reasons.push(
    `a tracer token took ${tracer.latency.seconds} s to reach the target (allowed: ${inputs.maxLatencySeconds} s)`,
  );
  tracer.token = undefined;
  return false;
}
