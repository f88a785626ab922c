/**
 * Publishing in the source database: the database enabled for publishing (sp_replicationdboption), its Log
 * Reader agent, one continuous transactional publication with its Snapshot agent, and one log-based article per
 * table. Every part is read first and created only when missing, so a re-run, or a setup an interrupted update
 * left half done, converges without duplicates.
 *
 * Articles leave the schema alone: the tables exist on the target (the schema step created them), so the
 * snapshot only empties them (`pre_creation_cmd` 'delete', or 'none' for targets known empty) and the schema
 * option generates the change procedures and nothing else (ARTICLE_SCHEMA_OPTION).
 */
import { articleNames, ARTICLE_SCHEMA_OPTION, tableKey, type TableName } from "./names";
import {
  asFlag,
  asNumber,
  asText,
  binary8,
  callProcedure,
  int,
  name,
  procedureRows,
  sameName,
  secret,
  text,
} from "./calls";
import type { PublisherSecurity, ReplicationTopology } from "./topology";
import type { SqlSession } from "../sql/session";

/** Whether the database is enabled for transactional publishing. */
export async function isPublishingEnabled(session: SqlSession, database: string): Promise<boolean> {
  const rows = await procedureRows(session, "master", "sp_helpreplicationdboption", { dbname: name(database) });
  const row = rows.find((r) => sameName(asText(r["name"]), database));
  return row ? asFlag(row["transpublish"]) : false;
}

/** Enables the database for publishing when it is not; answers whether it changed anything. */
export async function enablePublishing(session: SqlSession, database: string): Promise<boolean> {
  if (await isPublishingEnabled(session, database)) return false;
  await callProcedure(session, "master", "sp_replicationdboption", {
    dbname: name(database),
    optname: name("publish"),
    value: name("true"),
  });
  return true;
}

function securityArguments(security: PublisherSecurity) {
  return security.mode === "sql"
    ? {
        publisher_security_mode: int(0),
        publisher_login: name(security.login),
        publisher_password: secret(security.password),
      }
    : { publisher_security_mode: int(1) };
}

/** The database's Log Reader agent (one per published database), created when there is none. */
export async function ensureLogReaderAgent(
  session: SqlSession,
  database: string,
  security: PublisherSecurity,
): Promise<boolean> {
  const agents = await procedureRows(session, database, "sp_helplogreader_agent");
  if (agents.length) return false;
  // No @job_login: the job runs as the SQL Server Agent service account (the practical default on Linux and in containers).
  await callProcedure(session, database, "sp_addlogreader_agent", securityArguments(security));
  return true;
}

export interface PublicationInfo {
  name: string;
  description: string;
  status: number;
  /** 0 transactional, 1 snapshot. */
  replicationFrequency: number;
  allowPush: boolean;
  independentAgent: boolean;
  hasSubscription: boolean;
}

/** Every publication of the database. */
export async function listPublications(session: SqlSession, database: string): Promise<PublicationInfo[]> {
  const rows = await procedureRows(session, database, "sp_helppublication");
  return rows.map((row) => ({
    name: String(row["name"]),
    description: asText(row["description"]) ?? "",
    status: asNumber(row["status"]) ?? 0,
    replicationFrequency: asNumber(row["replication frequency"]) ?? 0,
    allowPush: asFlag(row["allow_push"]),
    independentAgent: asFlag(row["independent_agent"]),
    hasSubscription: asFlag(row["has subscription"]),
  }));
}

export async function findPublication(
  session: SqlSession,
  topology: ReplicationTopology,
): Promise<PublicationInfo | undefined> {
  return (await listPublications(session, topology.publicationDatabase)).find((p) =>
    sameName(p.name, topology.publication),
  );
}

/**
 * The publication: continuous transactional, push allowed, its own Distribution Agent, no expiry (a migration
 * may sync for days), snapshot taken without table locks, schema changes made at the source replicated.
 * An existing publication of that name is adopted when it is of that kind; otherwise the call fails saying why.
 */
export async function ensurePublication(
  session: SqlSession,
  topology: ReplicationTopology,
  description: string,
): Promise<boolean> {
  const existing = await findPublication(session, topology);
  if (existing) {
    const problems: string[] = [];
    if (existing.replicationFrequency !== 0) problems.push("it is a snapshot publication, not a transactional one");
    if (!existing.allowPush) problems.push("it does not allow push subscriptions");
    if (problems.length) {
      throw new Error(
        `publication ${topology.publication} already exists in ${topology.publicationDatabase} and cannot be used: ${problems.join("; ")}. ` +
          "Nothing was changed; drop it (sp_droppublication) or choose another publicationName",
      );
    }
    return false;
  }
  await callProcedure(session, topology.publicationDatabase, "sp_addpublication", {
    publication: name(topology.publication),
    description: text(description, 255),
    sync_method: name("concurrent"),
    retention: int(0),
    allow_push: name("true"),
    allow_pull: name("false"),
    allow_anonymous: name("false"),
    immediate_sync: name("false"),
    independent_agent: name("true"),
    repl_freq: name("continuous"),
    status: name("active"),
    replicate_ddl: int(1),
    allow_initialize_from_backup: name("false"),
  });
  return true;
}

/** The publication's Snapshot agent (run once, started explicitly), created when there is none. */
export async function ensureSnapshotAgent(
  session: SqlSession,
  topology: ReplicationTopology,
  security: PublisherSecurity,
): Promise<boolean> {
  const agents = await procedureRows(session, topology.publicationDatabase, "sp_helppublication_snapshot", {
    publication: name(topology.publication),
  });
  if (agents.length) return false;
  await callProcedure(session, topology.publicationDatabase, "sp_addpublication_snapshot", {
    publication: name(topology.publication),
    frequency_type: int(1),
    ...securityArguments(security),
  });
  return true;
}

export interface ArticleInfo {
  article: string;
  source: TableName;
  destination: TableName;
}

export async function listArticles(session: SqlSession, topology: ReplicationTopology): Promise<ArticleInfo[]> {
  const rows = await procedureRows(session, topology.publicationDatabase, "sp_helparticle", {
    publication: name(topology.publication),
  });
  return rows.map((row) => {
    const source = {
      schema: asText(row["source_owner"]) ?? "dbo",
      name: asText(row["unqua_source_object"]) ?? String(row["base object"] ?? ""),
    };
    return {
      article: String(row["article name"]),
      source,
      destination: {
        schema: asText(row["dest_owner"]) ?? source.schema,
        name: asText(row["destination object"]) ?? source.name,
      },
    };
  });
}

export type PreCreationCommand = "delete" | "none";

/** One article per table not yet published; answers the articles added. */
export async function ensureArticles(
  session: SqlSession,
  topology: ReplicationTopology,
  tables: readonly TableName[],
  preCreation: PreCreationCommand,
): Promise<string[]> {
  const existing = await listArticles(session, topology);
  const names = articleNames(tables);
  const added: string[] = [];
  for (const table of tables) {
    const published = existing.some(
      (a) => sameName(a.source.schema, table.schema) && sameName(a.source.name, table.name),
    );
    if (published) continue;
    const article = names.get(tableKey(table))!;
    await callProcedure(session, topology.publicationDatabase, "sp_addarticle", {
      publication: name(topology.publication),
      article: name(article),
      source_owner: name(table.schema),
      source_object: name(table.name),
      type: name("logbased"),
      destination_owner: name(table.schema),
      destination_table: name(table.name),
      pre_creation_cmd: name(preCreation),
      schema_option: binary8(ARTICLE_SCHEMA_OPTION),
      identityrangemanagementoption: name("manual"),
      status: int(24),
      force_invalidate_snapshot: int(1),
    });
    added.push(article);
  }
  return added;
}

/** Drops the publication (its articles and Snapshot agent with it) when it exists. Subscriptions must be gone. */
export async function dropPublication(session: SqlSession, topology: ReplicationTopology): Promise<boolean> {
  if (!(await findPublication(session, topology))) return false;
  await callProcedure(session, topology.publicationDatabase, "sp_droppublication", {
    publication: name(topology.publication),
  });
  return true;
}

/** Disables publishing on the database when no publication is left in it; answers what it did. */
export async function disablePublishing(
  session: SqlSession,
  database: string,
): Promise<{ disabled: boolean; leftBecause?: string }> {
  if (!(await isPublishingEnabled(session, database))) return { disabled: false };
  const remaining = await listPublications(session, database);
  if (remaining.length)
    return {
      disabled: false,
      leftBecause: `publications ${remaining.map((p) => p.name).join(", ")} remain in ${database}`,
    };
  await callProcedure(session, "master", "sp_replicationdboption", {
    dbname: name(database),
    optname: name("publish"),
    value: name("false"),
  });
  return { disabled: true };
}
