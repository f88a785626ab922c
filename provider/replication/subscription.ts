/**
 * The push subscription of the Azure SQL database to the publication: `sp_addsubscription` (subscriber type 0,
 * the only one Azure SQL Database accepts), its Distribution Agent with SQL authentication to the subscriber
 * (`sp_addpushsubscription_agent`; the password is a parameter, stored encrypted by SQL Server), the snapshot
 * started once, and the teardown. Read before written, like every part of the adapter.
 */
import { asNumber, asText, callProcedure, int, name, procedureRows, sameName, secret } from "./calls";
import { findPublication } from "./publishing";
import type { ReplicationTopology, SubscriberCredentials } from "./topology";
import type { SqlSession } from "../sql/session";

export interface SubscribedArticle {
  article: string;
  /** 0 inactive, 1 subscribed (waiting for the snapshot), 2 active (initialized). */
  status: number;
  /** The Distribution Agent's job id (hex), once the agent exists. */
  distributionJobId?: string;
}

function jobId(value: unknown): string | undefined {
  if (Buffer.isBuffer(value)) return value.some((b) => b !== 0) ? value.toString("hex") : undefined;
  const textual = asText(value);
  return textual && !/^0+$/.test(textual.replace(/[^0-9a-f]/gi, "")) ? textual : undefined;
}

/** The subscription's articles (empty when there is no subscription). Call only while the publication exists. */
export async function readSubscription(
  session: SqlSession,
  topology: ReplicationTopology,
): Promise<SubscribedArticle[]> {
  const rows = await procedureRows(session, topology.publicationDatabase, "sp_helpsubscription", {
    publication: name(topology.publication),
    subscriber: name(topology.subscriber),
    destination_db: name(topology.subscriptionDatabase),
  });
  return rows
    .filter(
      (row) =>
        sameName(asText(row["subscriber"]), topology.subscriber) &&
        sameName(asText(row["destination database"]), topology.subscriptionDatabase),
    )
    .map((row) => {
      const id = jobId(row["distribution job id"]);
      return {
        article: String(row["article"]),
        status: asNumber(row["subscription status"]) ?? 0,
        ...(id ? { distributionJobId: id } : {}),
      };
    });
}

function subscriptionArguments(topology: ReplicationTopology, article: string) {
  return {
    publication: name(topology.publication),
    subscriber: name(topology.subscriber),
    destination_db: name(topology.subscriptionDatabase),
    subscription_type: name("Push"),
    sync_type: name("automatic"),
    article: name(article),
    update_mode: name("read only"),
    subscriber_type: int(0),
  };
}

/** Subscribes the target to every article: the whole publication when there is no subscription yet, else each missing article. */
export async function ensureSubscription(
  session: SqlSession,
  topology: ReplicationTopology,
  articles: readonly string[],
): Promise<string[]> {
  const existing = await readSubscription(session, topology);
  if (!existing.length) {
    await callProcedure(
      session,
      topology.publicationDatabase,
      "sp_addsubscription",
      subscriptionArguments(topology, "all"),
    );
    return ["all"];
  }
  const added: string[] = [];
  for (const article of articles) {
    if (existing.some((a) => sameName(a.article, article))) continue;
    await callProcedure(
      session,
      topology.publicationDatabase,
      "sp_addsubscription",
      subscriptionArguments(topology, article),
    );
    added.push(article);
  }
  return added;
}

/** The push Distribution Agent (continuous, started with SQL Server Agent), created when the subscription has none. */
export async function ensurePushAgent(
  session: SqlSession,
  topology: ReplicationTopology,
  credentials: SubscriberCredentials,
): Promise<boolean> {
  const articles = await readSubscription(session, topology);
  if (articles.some((a) => a.distributionJobId)) return false;
  await callProcedure(session, topology.publicationDatabase, "sp_addpushsubscription_agent", {
    publication: name(topology.publication),
    subscriber: name(topology.subscriber),
    subscriber_db: name(topology.subscriptionDatabase),
    subscriber_security_mode: int(0),
    subscriber_login: name(credentials.login),
    subscriber_password: secret(credentials.password),
    frequency_type: int(64),
  });
  return true;
}

/** Starts the Snapshot agent job of the publication (the initial snapshot). */
export async function startSnapshot(session: SqlSession, topology: ReplicationTopology): Promise<void> {
  await callProcedure(session, topology.publicationDatabase, "sp_startpublication_snapshot", {
    publication: name(topology.publication),
  });
}

/** Starts an Agent job by name (a Distribution Agent that stopped after failing). */
export async function startAgentJob(session: SqlSession, jobName: string): Promise<void> {
  await callProcedure(session, "msdb", "sp_start_job", { job_name: name(jobName) }, "dbo");
}

/** Drops the push subscription (and its Distribution Agent job) when it exists. */
export async function dropSubscription(session: SqlSession, topology: ReplicationTopology): Promise<boolean> {
  if (!(await findPublication(session, topology))) return false;
  if (!(await readSubscription(session, topology)).length) return false;
  await callProcedure(session, topology.publicationDatabase, "sp_dropsubscription", {
    publication: name(topology.publication),
    article: name("all"),
    subscriber: name(topology.subscriber),
    destination_db: name(topology.subscriptionDatabase),
  });
  return true;
}
