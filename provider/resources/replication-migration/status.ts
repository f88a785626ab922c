/**
 * The live state of one replication, read from its own monitoring (never from what an earlier update believed),
 * and where that puts it in the lifecycle's words:
 *   configuring   — publication, subscription or Distribution Agent missing;
 *   initializing  — the snapshot is not delivered to every article yet (subscription status 1);
 *   syncing       — every article active (status 2): changes flow; the readiness gate decides the rest;
 *   failed        — the Distribution Agent failed (status 6) or the Snapshot agent's last run failed: the
 *                   agent's own error text is the failure.
 */
import {
  AGENT_FAILED,
  AGENT_RETRYING,
  findPublication,
  readAgentStatus,
  readPendingCommands,
  readSnapshotRun,
  readSubscription,
  readSubscriptionErrors,
  type AgentStatus,
  type PendingCommands,
  type ReplicationError,
  type ReplicationTopology,
  type SnapshotRun,
  type SubscribedArticle,
} from "../../replication";
import type { SqlSession } from "../../sql/session";
import type { MigrationPhase } from "../migration-phase";

export interface LiveStatus {
  at: string;
  publicationExists: boolean;
  articles: SubscribedArticle[];
  snapshot?: SnapshotRun;
  pending?: PendingCommands;
  agent?: AgentStatus;
  /** The subscription's latest errors (MSrepl_errors), newest first. */
  errors: ReplicationError[];
}

export async function readLiveStatus(
  source: SqlSession,
  distributor: SqlSession,
  topology: ReplicationTopology,
): Promise<LiveStatus> {
  const at = new Date().toISOString();
  if (!(await findPublication(source, topology))) return { at, publicationExists: false, articles: [], errors: [] };
  const articles = await readSubscription(source, topology);
  if (!articles.length) return { at, publicationExists: true, articles, errors: [] };
  const [snapshot, pending, agent, errors] = [
    await readSnapshotRun(distributor, topology),
    await readPendingCommands(distributor, topology),
    await readAgentStatus(distributor, topology),
    await readSubscriptionErrors(distributor, topology),
  ];
  return {
    at,
    publicationExists: true,
    articles,
    ...(snapshot ? { snapshot } : {}),
    ...(pending ? { pending } : {}),
    ...(agent ? { agent } : {}),
    errors,
  };
}

export const errorLine = (e: ReplicationError) => `${e.code ? `[${e.code}] ` : ""}${e.text}`;

export interface PhaseReading {
  phase: MigrationPhase;
  /** Why it is not further along (bounded, for the outputs and the refusal). */
  reasons: string[];
  /** The agent's own failure, when failed. */
  failure?: string;
}

const SNAPSHOT_FAILED = 6;

export function readPhase(status: LiveStatus, expectedArticles: number): PhaseReading {
  if (!status.publicationExists) return { phase: "configuring", reasons: ["the publication does not exist"] };
  if (!status.articles.length) return { phase: "configuring", reasons: ["the target is not subscribed"] };
  if (!status.articles.some((a) => a.distributionJobId))
    return { phase: "configuring", reasons: ["the subscription has no Distribution Agent"] };
  const errors = status.errors.map(errorLine);
  if (status.agent?.status === AGENT_FAILED) {
    return {
      phase: "failed",
      reasons: ["the Distribution Agent failed"],
      failure: `the Distribution Agent ${status.agent.agentName ?? ""} failed:\n  - ${(errors.length ? errors : ["it left no error text; see the Replication Monitor"]).join("\n  - ")}`,
    };
  }
  if (status.snapshot?.runStatus === SNAPSHOT_FAILED) {
    return {
      phase: "failed",
      reasons: ["the Snapshot agent failed"],
      failure: `the Snapshot agent failed: ${status.snapshot.comments ?? errors[0] ?? "no error text"}`,
    };
  }
  const reasons: string[] = [];
  if (status.agent?.status === AGENT_RETRYING)
    reasons.push(`the Distribution Agent is retrying${errors[0] ? `: ${errors[0]}` : ""}`);
  const waiting = status.articles.filter((a) => a.status !== 2);
  if (waiting.length || status.articles.length < expectedArticles) {
    const names = waiting
      .map((a) => a.article)
      .slice(0, 10)
      .join(", ");
    reasons.push(
      `the snapshot is not delivered to ${waiting.length || expectedArticles - status.articles.length} of ${expectedArticles} articles${names ? ` (${names})` : ""}`,
    );
    return { phase: "initializing", reasons };
  }
  return { phase: "syncing", reasons };
}
