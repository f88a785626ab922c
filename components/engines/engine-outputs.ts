import type * as pulumi from "@pulumi/pulumi";

/** What every data engine hands back to SqlServerToAzureSqlMigration: the same outputs whatever moves the data. */
export interface EngineOutputs {
  serviceName: pulumi.Output<string>;
  /** Lifecycle phase of the whole data move (docs/lifecycle.md). */
  phase: pulumi.Output<string>;
  /** The service's own word for where it is. */
  state: pulumi.Output<string>;
  /** Per database: state and per-table progress. */
  databaseProgress: pulumi.Output<unknown[]>;
  errors: pulumi.Output<string[]>;
}
