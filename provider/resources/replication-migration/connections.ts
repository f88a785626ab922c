/**
 * The connections one ReplicationMigration opens — the source (publisher, in the publication database), the
 * distributor (the source itself unless remote) and the target — and the replication topology named from them.
 * Connections are opened for each step and closed after it, so a poll that loses its connection costs one poll.
 */
import { subscriberName, type PublisherSecurity, type ReplicationTopology } from "../../replication";
import { withConnection, type SqlSession } from "../../sql/connection";
import type { SqlConnectionSpec } from "../../sql/connection-spec";
import { sqlLoginConnection } from "../sql-endpoint";
import type { ReplicationMigrationInputs } from "./inputs";

/** The connection to one of the migration's databases (shared with the other engines). */
export const connectionSpec = sqlLoginConnection;

export const sourceSpec = (inputs: ReplicationMigrationInputs, overrides?: Partial<SqlConnectionSpec>) =>
  connectionSpec(inputs.source, inputs.sourceDatabaseName, overrides);
export const targetSpec = (inputs: ReplicationMigrationInputs, overrides?: Partial<SqlConnectionSpec>) =>
  connectionSpec(inputs.target, inputs.targetDatabaseName, overrides);

/** The subscriber's name for the distributor. */
export const subscriberOf = (inputs: ReplicationMigrationInputs) =>
  inputs.target.subscriber ?? subscriberName(inputs.target.server, inputs.target.port);

export function publisherSecurity(inputs: ReplicationMigrationInputs): PublisherSecurity {
  return inputs.publisherSecurity === "windows"
    ? { mode: "windows" }
    : { mode: "sql", login: inputs.source.userName, password: inputs.source.password };
}

export function topologyOf(
  inputs: ReplicationMigrationInputs,
  publisher: string,
  distributionDatabase: string,
): ReplicationTopology {
  return {
    publisher,
    publicationDatabase: inputs.sourceDatabaseName,
    publication: inputs.publicationName,
    distributionDatabase,
    subscriber: subscriberOf(inputs),
    subscriptionDatabase: inputs.targetDatabaseName,
  };
}

/** Runs `work` with a session on the source and one on the distributor (the same session for a local distributor). */
export async function withSourceAndDistributor<T>(
  inputs: ReplicationMigrationInputs,
  work: (source: SqlSession, distributor: SqlSession) => Promise<T>,
): Promise<T> {
  return withConnection(sourceSpec(inputs), async (source) => {
    const remote = inputs.distributor.mode === "remote" ? inputs.distributor.connection : undefined;
    if (!remote) return work(source, source);
    return withConnection(connectionSpec(remote, inputs.distributor.distributionDatabase), (distributor) =>
      work(source, distributor),
    );
  });
}

/** Source, distributor and target sessions at once. */
export async function withAllSessions<T>(
  inputs: ReplicationMigrationInputs,
  work: (source: SqlSession, distributor: SqlSession, target: SqlSession) => Promise<T>,
): Promise<T> {
  return withSourceAndDistributor(inputs, (source, distributor) =>
    withConnection(targetSpec(inputs), (target) => work(source, distributor, target)),
  );
}
