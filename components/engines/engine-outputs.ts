import * as pulumi from "@pulumi/pulumi";
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
  /** Per database: state, rows and its tables in brief; every table's progress is in its data-move file. */
  databaseProgress: pulumi.Output<unknown[]>;
  errors: pulumi.Output<string[]>;
}

/**
 * Each database's migration outputs gathered into one value, in the order the databases were given: its source
 * and target names, and what `fields` picks of its migration (each engine reports its own).
 */
export function perDatabase<Migration, Parts>(
  migrations: readonly Migration[],
  databases: readonly { sourceName: pulumi.Input<string>; targetName: pulumi.Input<string> }[],
  fields: (migration: Migration) => Record<string, pulumi.Input<unknown>>,
): pulumi.Output<Parts[]> {
  const each = migrations.map((m, i) =>
    pulumi.all({ source: databases[i]!.sourceName, target: databases[i]!.targetName, ...fields(m) }),
  );
  // The engine names the shape it reads back; pulumi.all's own type is the unwrapped record of `fields`.
  return pulumi.all(each) as unknown as pulumi.Output<Parts[]>;
}
