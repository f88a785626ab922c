/**
 * The distributor: read with sp_get_distributor (idempotency), created locally on the source instance when
 * absent (sp_adddistributor → sp_adddistributiondb → sp_adddistpublisher, each only when its part is missing),
 * or an existing remote one used as it is. Removal takes it apart in the reverse order, and only when nothing
 * else on the instance publishes through it.
 */
import { asFlag, asText, callProcedure, int, name, procedureRows, queryRows, sameName, secret, text } from "./calls";
import { REPLICATION_MARKERS } from "./names";
import type { PublisherSecurity } from "./topology";
import type { SqlSession } from "../sql/session";

export interface DistributorState {
  installed: boolean;
  server?: string;
  distributionDatabaseInstalled: boolean;
  isDistributionPublisher: boolean;
  hasRemoteDistributionPublisher: boolean;
}

export async function readDistributor(session: SqlSession): Promise<DistributorState> {
  const [row = {}] = await procedureRows(session, "master", "sp_get_distributor");
  return {
    installed: asFlag(row["installed"]),
    ...(asText(row["distribution server"]) ? { server: asText(row["distribution server"]) } : {}),
    distributionDatabaseInstalled: asFlag(row["distribution db installed"]),
    isDistributionPublisher: asFlag(row["is distribution publisher"]),
    hasRemoteDistributionPublisher: asFlag(row["has remote distribution publisher"]),
  };
}

/** The distribution databases of this instance. */
export async function distributionDatabases(session: SqlSession): Promise<string[]> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.distributionDatabases}\nSELECT [name] FROM sys.databases WHERE [is_distributor] = 1 ORDER BY [name];`,
  );
  return rows.map((row) => String(row["name"]));
}

/** Publishers registered at this distributor, with their distribution database. */
export async function distributionPublishers(
  session: SqlSession,
): Promise<{ publisher: string; distributionDatabase: string }[]> {
  const rows = await procedureRows(session, "master", "sp_helpdistpublisher");
  return rows.map((row) => ({ publisher: String(row["name"]), distributionDatabase: String(row["distribution_db"]) }));
}

/**
 * Serialises distributor setup across migrations of the same instance (two databases migrated at once would
 * otherwise both find no distributor and both create one): an exclusive session-owned application lock in
 * master, released when `work` ends (or with the connection).
 */
export async function withDistributorLock<T>(
  session: SqlSession,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const resource = name("pulumi-azure-sql-migration:distributor");
  const [row = {}] = await queryRows(
    session,
    `${REPLICATION_MARKERS.applicationLock}\nDECLARE @result int; EXEC @result = [master].sys.sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = @timeout, @DbPrincipal = N'public'; SELECT @result AS [result];`,
    { resource, timeout: int(timeoutMs) },
  );
  const result = Number(row["result"] ?? 0);
  if (result < 0)
    throw new Error(
      `could not take the distributor setup lock on the source within ${Math.round(timeoutMs / 1000)}s (sp_getapplock answered ${result}); another migration of this instance is configuring it — run up again`,
    );
  try {
    return await work();
  } finally {
    await queryRows(
      session,
      `${REPLICATION_MARKERS.applicationLock}\nEXEC [master].sys.sp_releaseapplock @Resource = @resource, @LockOwner = N'Session', @DbPrincipal = N'public';`,
      { resource },
    ).catch(() => undefined);
  }
}

export interface LocalDistributorRequest {
  publisher: string;
  distributionDatabase: string;
  /** Snapshot folder; default the instance's ReplData folder. */
  workingDirectory?: string;
  security: PublisherSecurity;
}

export interface LocalDistributorResult {
  /** The distribution database the publisher uses (an existing registration wins over the one asked for). */
  distributionDatabase: string;
  /** What this call created: `distributor`, `distributionDatabase`, `distPublisher`. */
  created: string[];
}

/** Makes the source instance its own distributor, creating only the parts that are missing. */
export async function ensureLocalDistributor(
  session: SqlSession,
  request: LocalDistributorRequest,
): Promise<LocalDistributorResult> {
  const created: string[] = [];
  let state = await readDistributor(session);
  if (state.installed && state.server && !sameName(state.server, request.publisher)) {
    throw new Error(
      `the source already uses the remote distributor ${state.server}; set distributor.mode to "remote" with distributor.server "${state.server}" (and its connection), or remove that distributor first`,
    );
  }
  if (!state.installed) {
    // No @password: the distributor_admin link password is set to a random value, which a local distributor never needs.
    await callProcedure(session, "master", "sp_adddistributor", { distributor: name(request.publisher) });
    created.push("distributor");
    state = await readDistributor(session);
  }
  let distributionDatabase = request.distributionDatabase;
  if (state.isDistributionPublisher) {
    const registered = (await distributionPublishers(session)).find((p) => sameName(p.publisher, request.publisher));
    if (registered) distributionDatabase = registered.distributionDatabase;
  }
  const existing = await distributionDatabases(session);
  if (!existing.some((db) => sameName(db, distributionDatabase))) {
    await callProcedure(session, "master", "sp_adddistributiondb", {
      database: name(distributionDatabase),
      security_mode: int(1),
    });
    created.push("distributionDatabase");
  }
  if (!state.isDistributionPublisher) {
    const security = request.security;
    await callProcedure(session, "master", "sp_adddistpublisher", {
      publisher: name(request.publisher),
      distribution_db: name(distributionDatabase),
      security_mode: int(security.mode === "sql" ? 0 : 1),
      login: security.mode === "sql" ? name(security.login) : undefined,
      password: security.mode === "sql" ? secret(security.password) : undefined,
      working_directory: request.workingDirectory ? text(request.workingDirectory, 255) : undefined,
    });
    created.push("distPublisher");
  }
  return { distributionDatabase, created };
}

/** A remote distributor must already serve this publisher: configuring it needs the distributor's administrator. */
export async function requireRemoteDistributor(session: SqlSession, server: string): Promise<void> {
  const state = await readDistributor(session);
  if (state.installed && state.server && sameName(state.server, server)) return;
  const now = state.installed ? `it uses ${state.server ?? "another distributor"}` : "it has no distributor";
  throw new Error(
    `the source is not configured to use the remote distributor ${server} (${now}). Fix: at ${server}, register this publisher (sp_adddistpublisher); ` +
      `then, on the source, run sp_adddistributor @distributor = N'${server.replace(/'/g, "''")}', @password = <the distributor_admin password>; or use distributor.mode "local"`,
  );
}

export interface DistributorRemoval {
  removed: string[];
  /** Why the distributor was left in place, when it was. */
  leftBecause?: string;
}

/** Published databases of the instance (transactional/snapshot or merge), other than `except`. */
export async function otherPublishedDatabases(session: SqlSession, except: string): Promise<string[]> {
  const rows = await queryRows(
    session,
    `${REPLICATION_MARKERS.publishedDatabases}\nSELECT [name] FROM sys.databases WHERE ([is_published] = 1 OR [is_merge_published] = 1) AND [name] <> @except ORDER BY [name];`,
    { except: name(except) },
  );
  return rows.map((row) => String(row["name"]));
}

/**
 * Removes the local distributor (publisher registration, distribution database, distributor) when nothing else
 * uses it: no other published database on the instance and no other publisher registered.
 */
export async function removeLocalDistributor(
  session: SqlSession,
  publisher: string,
  publicationDatabase: string,
): Promise<DistributorRemoval> {
  const state = await readDistributor(session);
  if (!state.installed) return { removed: [] };
  if (state.server && !sameName(state.server, publisher))
    return { removed: [], leftBecause: `the distributor is the remote ${state.server}` };
  const published = await otherPublishedDatabases(session, publicationDatabase);
  if (published.length)
    return {
      removed: [],
      leftBecause: `${published.join(", ")} still ${published.length === 1 ? "publishes" : "publish"} through it`,
    };
  const publishers = await distributionPublishers(session);
  const others = publishers.filter((p) => !sameName(p.publisher, publisher));
  if (others.length)
    return { removed: [], leftBecause: `other publishers use it: ${others.map((p) => p.publisher).join(", ")}` };
  const removed: string[] = [];
  const ours = publishers.find((p) => sameName(p.publisher, publisher));
  if (ours) {
    await callProcedure(session, "master", "sp_dropdistpublisher", { publisher: name(publisher) });
    removed.push("distPublisher");
  }
  for (const db of await distributionDatabases(session)) {
    await callProcedure(session, "master", "sp_dropdistributiondb", { database: name(db) });
    removed.push(`distributionDatabase ${db}`);
  }
  await callProcedure(session, "master", "sp_dropdistributor");
  removed.push("distributor");
  return { removed };
}
