/**
 * What the replication simulator keeps, apart from table rows (which stay in each TDS server's DataTables, so
 * validation reads them as it reads any table): per database side, identity columns, sequences, constraints and
 * triggers, procedures and the subscriber's replication metadata; and on the publisher, the distributor,
 * published databases, publications with their articles, subscriptions, agents, queued commands and tracer
 * tokens. An operation the real server refuses throws a SimulatedError with the server's number and text.
 */
import type { CellValue, DataTables } from "../tds";

export class SimulatedError extends Error {
  constructor(
    readonly number: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TableRef {
  schema: string;
  name: string;
}

export const keyOf = (t: TableRef) => `${t.schema}.${t.name}`.toLowerCase();

export type TableObjectKind = "FOREIGN KEY" | "CHECK" | "TRIGGER";

export interface TableObject extends TableRef {
  object: string;
  kind: TableObjectKind;
  disabled: boolean;
  notTrusted: boolean;
}

export interface IdentityColumn extends TableRef {
  column: string;
  increment: bigint;
  /** The last identity value generated (null: none yet). */
  lastValue: bigint | null;
  notForReplication: boolean;
}

export interface Sequence extends TableRef {
  current: bigint;
  increment: bigint;
}

/** The objects of one database (source or target) beside its rows. */
export class DatabaseSide {
  readonly identities: IdentityColumn[] = [];
  readonly sequences: Sequence[] = [];
  readonly objects: TableObject[] = [];
  /** `schema.procedure` names (the subscriber's sp_MSins_/upd_/del_ procedures). */
  readonly procedures = new Set<string>();
  /** dbo.MSreplication_subscriptions rows; undefined while the table does not exist. */
  replicationSubscriptions: { publisher: string; publisherDb: string; publication: string }[] | undefined;

  constructor(
    readonly database: string,
    readonly data: DataTables,
  ) {}

  identityOf(table: TableRef): IdentityColumn | undefined {
    return this.identities.find((i) => keyOf(i) === keyOf(table));
  }

  objectsOf(table: TableRef): TableObject[] {
    return this.objects.filter((o) => keyOf(o) === keyOf(table));
  }

  tables(): { schema: string; name: string; rows: CellValue[][]; hasPrimaryKey: boolean }[] {
    return this.data.list().map(({ schema, name, table }) => ({
      schema,
      name,
      rows: table.rows,
      hasPrimaryKey: Boolean(table.primaryKey?.length),
    }));
  }

  /** The highest value of the identity column in the rows. */
  maxIdentity(table: TableRef): bigint | null {
    const identity = this.identityOf(table);
    const data = this.data.get(table.schema, table.name);
    if (!identity || !data) return null;
    const index = data.columns.indexOf(identity.column);
    let max: bigint | null = null;
    for (const row of data.rows) {
      const value = row[index];
      if (value === null || value === undefined) continue;
      const n = BigInt(value as never);
      if (max === null || n > max) max = n;
    }
    return max;
  }
}

export interface DistributionPublisher {
  name: string;
  distributionDb: string;
  securityMode: number;
  login?: string;
  workingDirectory?: string;
}

export interface Distributor {
  server: string;
  distributionDbs: string[];
  publishers: DistributionPublisher[];
}

export interface Article {
  id: number;
  name: string;
  source: TableRef;
  destination: TableRef;
  preCreation: string;
  schemaOption: bigint;
}

export interface DistributionAgent {
  id: number;
  jobId: Buffer;
  name: string;
  /** sp_replmonitorhelpsubscription status: 1 started, 2 succeeded, 3 in progress, 4 idle, 5 retrying, 6 failed. */
  status: number;
  login: string;
  lastSync?: Date;
}

export interface ReplicationErrorRow {
  id: number;
  time: Date;
  sourceName: string;
  code: string;
  text: string;
}

export type QueueEntry =
  | {
      kind: "command";
      article: string;
      table: TableRef;
      op: "insert" | "update" | "delete";
      row?: CellValue[];
      key?: CellValue;
    }
  | { kind: "token"; tokenId: number };

export interface Subscription {
  subscriber: string;
  destinationDb: string;
  /** Per article (lower-case name): 0 inactive, 1 subscribed, 2 active. */
  articleStatus: Map<string, number>;
  agent?: DistributionAgent;
  errors: ReplicationErrorRow[];
  queue: QueueEntry[];
}

export interface SnapshotRun {
  runstatus: number;
  time: Date;
  comments: string;
}

export interface Publication {
  id: number;
  name: string;
  database: string;
  description: string;
  allowPush: boolean;
  independentAgent: boolean;
  immediateSync: boolean;
  retention: number;
  snapshotAgent?: { id: number; name: string; jobId: string };
  articles: Article[];
  subscriptions: Subscription[];
  snapshotRuns: SnapshotRun[];
  /** sp_startpublication_snapshot was called and the Snapshot agent has not run since. */
  snapshotRequested: boolean;
  /** A snapshot exists for the articles (delivered to new subscriptions by their Distribution Agent). */
  snapshotReady: boolean;
}

export interface TracerToken {
  id: number;
  publication: string;
  postedAt: Date;
  /** Per subscription (`subscriber/db`, lower-case): when the token arrived. */
  arrivals: Map<string, Date>;
}

export const subscriptionKey = (s: { subscriber: string; destinationDb: string }) =>
  `${s.subscriber}/${s.destinationDb}`.toLowerCase();
