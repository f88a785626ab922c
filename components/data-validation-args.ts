import type * as pulumi from "@pulumi/pulumi";

/** Where validation connects when it is not where the migration service connects (e.g. a CI runner's own route). */
export interface ValidationEndpointArgs {
  server?: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  database?: pulumi.Input<string>;
  encrypt?: pulumi.Input<"strict" | boolean>;
  trustServerCertificate?: pulumi.Input<boolean>;
  /** PEM of a CA to trust for this server. */
  ca?: pulumi.Input<string>;
  hostNameInCertificate?: pulumi.Input<string>;
}

/** How the copied data is compared with the source once the data move is over (see docs/lifecycle.md). */
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
  queryTimeoutSeconds?: pulumi.Input<number>;
  /** Retries of a query failing with a transient error (default 3). */
  retries?: pulumi.Input<number>;
  /** Tables to compare (`dbo.Orders`); default every user table of the source. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  source?: pulumi.Input<ValidationEndpointArgs>;
  target?: pulumi.Input<ValidationEndpointArgs>;
}
