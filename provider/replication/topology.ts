/** Who is who in one replication: the names every procedure call of the adapter is made with. */
export interface ReplicationTopology {
  /** The source instance's @@SERVERNAME (replication names the publisher by it). */
  publisher: string;
  /** The source database, published. */
  publicationDatabase: string;
  publication: string;
  /** The distribution database at the distributor (local: on the source instance). */
  distributionDatabase: string;
  /** The target server as the distributor reaches it (`<server>.database.windows.net`, or `host,port`). */
  subscriber: string;
  /** The target database (the push subscription's destination). */
  subscriptionDatabase: string;
}

/** How the Log Reader and Snapshot agents connect to the publisher. */
export type PublisherSecurity =
  /** SQL authentication with the given login (works on Linux and in containers); the password is a parameter. */
  | { mode: "sql"; login: string; password: string }
  /** Windows authentication as the SQL Server Agent service account. */
  | { mode: "windows" };

/** How the push Distribution Agent connects to the Azure SQL Database subscriber: SQL authentication. */
export interface SubscriberCredentials {
  login: string;
  password: string;
}
