/**
 * Where a replication is, in the words of its own monitoring: per article, whether the snapshot was delivered
 * (sp_helpsubscription `subscription status`, 2 = active); how many commands wait in the distribution database
 * and how long they should take (sp_replmonitorsubscriptionpendingcmds `pendingcmdcount`,
 * `estimatedprocesstime`); the Distribution Agent's status (sp_replmonitorhelpsubscription `status`, 1 started …
 * 6 failed); its errors (sp_helpsubscriptionerrors, the subscription's rows of MSrepl_errors); the Snapshot
 * agent's last run (MSsnapshot_history); and a tracer token's latency (sp_posttracertoken,
 * sp_helptracertokenhistory: NULL `subscriber_latency` = not arrived yet). Monitoring runs at the distributor,
 * in the distribution database; tracer tokens at the publisher.
 */
import { quoteName } from "../schema/quote";
import { asNumber, asText, name, procedureRows, queryRows, sameName, type Row } from "./calls";
import { REPLICATION_MARKERS } from "./names";
import type { ReplicationTopology } from "./topology";
import type { SqlSession } from "../sql/session";

export interface PendingCommands {
  pendingCommands: number;
  estimatedSeconds: number;
}

export async function readPendingCommands(
  distributor: SqlSession,
  topology: ReplicationTopology,
): Promise<PendingCommands | undefined> {
  const [row] = await procedureRows(
    distributor,
    topology.distributionDatabase,
    "sp_replmonitorsubscriptionpendingcmds",
    {
      publisher: name(topology.publisher),
      publisher_db: name(topology.publicationDatabase),
      publication: name(topology.publication),
      subscriber: name(topology.subscriber),
      subscriber_db: name(topology.subscriptionDatabase),
      subscription_type: { type: "int", value: 0 },
    },
  );
  if (!row) return undefined;
  return {
    pendingCommands: asNumber(row["pendingcmdcount"]) ?? 0,
    estimatedSeconds: asNumber(row["estimatedprocesstime"]) ?? 0,
  };
}

/** sp_replmonitorhelpsubscription's `status` of a Distribution Agent. */
export const AGENT_STATUS: Readonly<Record<number, string>> = {
  1: "started",
  2: "succeeded",
  3: "in progress",
  4: "idle",
  5: "retrying",
  6: "failed",
};
export const AGENT_RETRYING = 5;
export const AGENT_FAILED = 6;

export interface AgentStatus {
  status: number;
  description: string;
  /** The agent's job name (restart it with msdb.dbo.sp_start_job). */
  agentName?: string;
  /** Latency the monitor reports for the subscription, in seconds. */
  latencySeconds?: number;
  lastSync?: string;
  warning: number;
}

export async function readAgentStatus(
  distributor: SqlSession,
  topology: ReplicationTopology,
): Promise<AgentStatus | undefined> {
  const rows = await procedureRows(distributor, topology.distributionDatabase, "sp_replmonitorhelpsubscription", {
    publisher: name(topology.publisher),
    publisher_db: name(topology.publicationDatabase),
    publication: name(topology.publication),
    publication_type: { type: "int", value: 0 },
  });
  const row = rows.find(
    (r) =>
      sameName(asText(r["subscriber"]), topology.subscriber) &&
      sameName(asText(r["subscriber_db"]), topology.subscriptionDatabase),
  );
  if (!row) return undefined;
  const status = asNumber(row["status"]) ?? 0;
  const lastSync = row["last_distsync"];
  return {
    status,
    description: AGENT_STATUS[status] ?? `status ${status}`,
    ...(asText(row["distribution_agentname"]) ? { agentName: asText(row["distribution_agentname"]) } : {}),
    ...(asNumber(row["latency"]) !== undefined ? { latencySeconds: asNumber(row["latency"]) } : {}),
    ...(lastSync instanceof Date
      ? { lastSync: lastSync.toISOString() }
      : asText(lastSync)
        ? { lastSync: asText(lastSync) }
        : {}),
    warning: asNumber(row["warning"]) ?? 0,
  };
}

export interface ReplicationError {
  time?: string;
  /** The error's own code (a SQL Server error number, MSSQL_REPL number, or an OS/driver code). */
  code: string;
  text: string;
  source?: string;
}

function errorOf(row: Row): ReplicationError {
  const time = row["time"];
  return {
    ...(time instanceof Date ? { time: time.toISOString() } : asText(time) ? { time: asText(time) } : {}),
    code: asText(row["error_code"]) ?? "",
    text: (asText(row["error_text"]) ?? "").trim(),
    ...(asText(row["source_name"]) ? { source: asText(row["source_name"]) } : {}),
  };
}

/** The subscription's latest errors, newest first (at most `limit`). */
export async function readSubscriptionErrors(
  distributor: SqlSession,
  topology: ReplicationTopology,
  limit = 5,
): Promise<ReplicationError[]> {
  const rows = await procedureRows(distributor, topology.distributionDatabase, "sp_helpsubscriptionerrors", {
    publisher: name(topology.publisher),
    publisher_db: name(topology.publicationDatabase),
    publication: name(topology.publication),
    subscriber: name(topology.subscriber),
    subscriber_db: name(topology.subscriptionDatabase),
  });
  const sorted = [...rows].sort((a, b) => (asNumber(b["id"]) ?? 0) - (asNumber(a["id"]) ?? 0));
  return sorted.slice(0, limit).map(errorOf);
}

export interface SnapshotRun {
  /** MSsnapshot_history runstatus: 1 start, 2 succeed, 3 in progress, 4 idle, 5 retry, 6 fail. */
  runStatus: number;
  time?: string;
  comments?: string;
}

/** The Snapshot agent's latest history row for the publication (none: it never ran). */
export async function readSnapshotRun(
  distributor: SqlSession,
  topology: ReplicationTopology,
): Promise<SnapshotRun | undefined> {
  const db = quoteName(topology.distributionDatabase);
  const [row] = await queryRows(
    distributor,
    `${REPLICATION_MARKERS.snapshotHistory}\nSELECT TOP (1) h.[runstatus], h.[time], h.[comments] FROM ${db}.dbo.[MSsnapshot_history] AS h ` +
      `JOIN ${db}.dbo.[MSsnapshot_agents] AS a ON a.[id] = h.[agent_id] WHERE a.[publisher_db] = @publisher_db AND a.[publication] = @publication ORDER BY h.[time] DESC, h.[timestamp] DESC;`,
    { publisher_db: name(topology.publicationDatabase), publication: name(topology.publication) },
  );
  if (!row) return undefined;
  const time = row["time"];
  return {
    runStatus: asNumber(row["runstatus"]) ?? 0,
    ...(time instanceof Date ? { time: time.toISOString() } : asText(time) ? { time: asText(time) } : {}),
    ...(asText(row["comments"]) ? { comments: asText(row["comments"]) } : {}),
  };
}

/** Posts a tracer token into the publication's log; answers its id. */
export async function postTracerToken(publisher: SqlSession, topology: ReplicationTopology): Promise<number> {
  const [row = {}] = await queryRows(
    publisher,
    `DECLARE @tracer_token_id int; EXEC ${quoteName(topology.publicationDatabase)}.sys.sp_posttracertoken @publication = @publication, @tracer_token_id = @tracer_token_id OUTPUT; ` +
      "SELECT @tracer_token_id AS [tracer_token_id];",
    { publication: name(topology.publication) },
  );
  const id = asNumber(row["tracer_token_id"]);
  if (id === undefined)
    throw new Error(`sp_posttracertoken gave no tracer token id for publication ${topology.publication}`);
  return id;
}

export interface TracerTokenLatency {
  /** Seconds from the publisher's commit to the distribution database. */
  distributorLatency?: number;
  /** Seconds from the distribution database to the subscriber; undefined while the token has not arrived. */
  subscriberLatency?: number;
  overallLatency?: number;
}

/** The token's latencies at our subscriber (undefined when the token is unknown). */
export async function readTracerToken(
  publisher: SqlSession,
  topology: ReplicationTopology,
  tracerId: number,
): Promise<TracerTokenLatency | undefined> {
  const rows = await procedureRows(publisher, topology.publicationDatabase, "sp_helptracertokenhistory", {
    publication: name(topology.publication),
    tracer_id: { type: "int", value: tracerId },
  });
  const row =
    rows.find(
      (r) =>
        sameName(asText(r["subscriber"]), topology.subscriber) &&
        sameName(asText(r["subscriber_db"]), topology.subscriptionDatabase),
    ) ?? rows[0];
  if (!row) return undefined;
  const value = (key: string) => asNumber(row[key]);
  return {
    ...(value("distributor_latency") !== undefined ? { distributorLatency: value("distributor_latency") } : {}),
    ...(value("subscriber_latency") !== undefined ? { subscriberLatency: value("subscriber_latency") } : {}),
    ...(value("overall_latency") !== undefined ? { overallLatency: value("overall_latency") } : {}),
  };
}

/** Rows per user table of the session's database from sys.partitions (instant; may lag changes in flight). */
export async function readRowCounts(session: SqlSession): Promise<Map<string, number>> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.rowCounts}\nSELECT s.[name] AS [schema_name], t.[name] AS [table_name], SUM(p.[rows]) AS [row_count] FROM sys.tables AS t ` +
      "JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] JOIN sys.partitions AS p ON p.[object_id] = t.[object_id] AND p.[index_id] IN (0, 1) " +
      "WHERE t.[is_ms_shipped] = 0 GROUP BY s.[name], t.[name];",
  );
  return new Map(
    rows.map((row) => [`${row["schema_name"]}.${row["table_name"]}`.toLowerCase(), asNumber(row["row_count"]) ?? 0]),
  );
}
