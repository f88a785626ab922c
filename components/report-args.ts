import type * as pulumi from "@pulumi/pulumi";
import type { SchemaStepFacts } from "../provider/report";

/**
 * Which migration report a data-move resource contributes to, and what the report says of the migration as a
 * whole (SqlServerToAzureSqlMigration sets it; a resource used on its own writes no report without it).
 */
export interface MigrationReportArgs {
  /** The migration's name: the report file's name. */
  migration: string;
  /** The data engine, as the report names it (`dms`, `replication`, `dmsClassic`). */
  engine: string;
  /** The Microsoft.DataMigration API versions the engine spoke. */
  apiVersions?: string[];
  /** What the schema step did, when the migration has one. */
  schema?: pulumi.Input<SchemaStepFacts>;
}
