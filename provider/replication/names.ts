/**
 * The names replication works with: what a publication may be called, how articles are named from tables, how
 * the subscriber is named to the distributor, and the marker comments that start every catalog query (so a
 * server trace — and the project's replication simulator — can tell what a query is for without parsing it).
 */
import { plainNameProblem } from "../sql/name-rules";

export const REPLICATION_MARKERS = {
  serverFacts: "/* replication:server-facts */",
  tables: "/* replication:tables */",
  distributionDatabases: "/* replication:distribution-databases */",
  publishedDatabases: "/* replication:published-databases */",
  snapshotHistory: "/* replication:snapshot-history */",
  rowCounts: "/* replication:row-counts */",
  targetFacts: "/* replication:target-facts */",
  identityColumns: "/* replication:identity-columns */",
  identityMaximum: "/* replication:identity-maximum */",
  identityNotForReplication: "/* replication:identity-not-for-replication */",
  reseedIdentity: "/* replication:reseed-identity */",
  sequences: "/* replication:sequences */",
  restartSequence: "/* replication:restart-sequence */",
  constraints: "/* replication:constraints */",
  disableConstraint: "/* replication:disable-constraint */",
  enableConstraint: "/* replication:enable-constraint */",
  leftoverProcedures: "/* replication:leftover-procedures */",
  dropProcedure: "/* replication:drop-procedure */",
  subscriptionTables: "/* replication:subscription-tables */",
  cleanSubscriptionTables: "/* replication:clean-subscription-tables */",
  applicationLock: "/* replication:application-lock */",
} as const;

/** Characters a publication name must not contain (sp_addpublication refuses them). */
export const PUBLICATION_NAME_FORBIDDEN = /[%*[\]|:"?\\/<>]/;

export function publicationNameProblem(name: string): string | undefined {
  if (!name.trim()) return "must not be empty";
  if (name.length > 128) return "must be at most 128 characters";
  if (PUBLICATION_NAME_FORBIDDEN.test(name)) return 'must not contain % * [ ] | : " ? \\ / < >';
  return plainNameProblem(name);
}

/**
 * A publication name derived from a migration's name and its database: deterministic (the same stack finds the
 * same publication again), in the allowed character set, at most 128 characters.
 */
export function defaultPublicationName(migration: string, database: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");
  return `pulumi_${clean(migration)}_${clean(database)}`.slice(0, 128);
}

export interface TableName {
  schema: string;
  name: string;
}

export const tableKey = (t: TableName) => `${t.schema}.${t.name}`;
export const sameTable = (a: TableName, b: TableName) =>
  a.schema.toLowerCase() === b.schema.toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();

/**
 * Article names for the published tables: the table's name, or `schema_table` when two chosen tables share a
 * name (an article name is unique within its publication). Deterministic for a given table list.
 */
export function articleNames(tables: readonly TableName[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const t of tables) counts.set(t.name.toLowerCase(), (counts.get(t.name.toLowerCase()) ?? 0) + 1);
  return new Map(
    tables.map((t) => [tableKey(t), (counts.get(t.name.toLowerCase()) ?? 0) > 1 ? `${t.schema}_${t.name}` : t.name]),
  );
}

/** The subscriber as the distributor reaches it: `host` or `host,port` (a non-default port). */
export function subscriberName(server: string, port?: number): string {
  return port && port !== 1433 ? `${server},${port}` : server;
}

/**
 * The schema option of every article: 0x02 only — generate the change procedures (sp_MSins_/upd_/del_) at the
 * subscriber and nothing else. The tables exist already (SchemaDeployment made them), so no object is created
 * or altered by the snapshot, and none of the options Azure SQL Database rejects (extended properties,
 * permissions, filegroups, partition schemes, statistics, bindings, XML/spatial/filtered indexes, compression,
 * sparse) is set.
 */
export const ARTICLE_SCHEMA_OPTION = 0x02n;

/** Schema option bits Azure SQL Database subscribers do not support (see docs/lifecycle.md). */
export const AZURE_SQL_DATABASE_REJECTED_SCHEMA_OPTIONS = [
  0x2000n,
  0x40000n,
  0x80000n,
  0x100000n,
  0x200000n,
  0x400000n,
  0x800000n,
  0x1000000n,
  0x4000000n,
  0x40000000n,
  0x400000000n,
  0x4000000000n,
  0x10000000000n,
  0x20000000000n,
] as const;

/** The change procedures replication generates for an article at the subscriber (name prefixes). */
export function changeProcedurePrefixes(destination: TableName): string[] {
  const stem = `${destination.schema}${destination.name}`;
  return [`sp_MSins_${stem}`, `sp_MSupd_${stem}`, `sp_MSdel_${stem}`];
}
