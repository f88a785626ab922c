import type * as pulumi from "@pulumi/pulumi";

/** Where validation connects when it is not where the migration service connects (e.g. a CI runner's own route). */
export interface ValidationEndpointArgs {
  /** Host to connect to; default the migration's server for that side. */
  server?: pulumi.Input<string>;
  /** TCP port; default the migration's (1433). */
  port?: pulumi.Input<number>;
  /** Database; default the migration's for that side. */
  database?: pulumi.Input<string>;
  /** "strict", true (default) or false. */
  encrypt?: pulumi.Input<"strict" | boolean>;
  /** Skip certificate validation; default the migration's setting (false). */
  trustServerCertificate?: pulumi.Input<boolean>;
  /** PEM of a CA to trust for this server; default the system's CAs. */
  ca?: pulumi.Input<string>;
  /** Name to validate the certificate against; default `server`. */
  hostNameInCertificate?: pulumi.Input<string>;
}

/**
 * How the copied data is compared with the source once the data move is over (see docs/lifecycle.md). Every
 * field updates in place: a change validates again on the next update, without a new data move.
 */
export interface DataValidationArgs {
  /** `none`, `rowCount` (default) or `checksum` (an aggregate hash per primary-key range). */
  depth?: pulumi.Input<"none" | "rowCount" | "checksum">;
  /** `exact` (COUNT_BIG, default) or `metadata` (sys.partitions: instant, may lag in-flight changes). */
  rowCountMethod?: pulumi.Input<"exact" | "metadata">;
  /** Checksum mode: fraction of key ranges compared, 0..1 (default 1). */
  sample?: pulumi.Input<number>;
  /** Checksum mode: rows per key range (default 1,000,000), so no query reads a large table whole. */
  rowsPerRange?: pulumi.Input<number>;
  /** Tables validated at the same time (default 4). */
  parallelism?: pulumi.Input<number>;
  /** `readUncommitted` (default: takes no locks), `snapshot` or `readCommitted`. */
  isolationLevel?: pulumi.Input<"readUncommitted" | "snapshot" | "readCommitted">;
  /** Timeout of each validation query; default 600 s. */
  queryTimeoutSeconds?: pulumi.Input<number>;
  /** Retries of a query failing with a transient error (default 3). */
  retries?: pulumi.Input<number>;
  /** Tables to compare (`dbo.Orders`); default every user table of the source. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Where validation reaches the source; default where the migration service does. */
  source?: pulumi.Input<ValidationEndpointArgs>;
  /** Where validation reaches the target; default where the migration service does. */
  target?: pulumi.Input<ValidationEndpointArgs>;
}
