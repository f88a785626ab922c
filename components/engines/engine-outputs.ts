import type * as pulumi from "@pulumi/pulumi";
import type { SchemaStepFacts } from "../../provider/report";

/** Where an engine builds its chain, and what it waits for. */
export interface EngineScope {
  /** The component's name; children are named after it. */
  name: string;
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  parent: pulumi.Resource;
  /** The provider registration the service waits for. */
  registration?: pulumi.Resource;
  /** The schema step the data move waits for (DMS copies rows into tables that must already exist). */
  schema?: pulumi.Resource;
  /** Folder of the report and of the per-table files the steps write. */
  reportDirectory?: pulumi.Input<string>;
  /** The schema step's facts for the report. */
  schemaFacts?: pulumi.Input<SchemaStepFacts>;
}

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
