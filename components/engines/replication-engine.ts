/**
 * Transactional replication, the online engine: one ReplicationMigration per database once the schema step has
 * created the tables (replication delivers rows into existing tables; the articles leave the schema alone). No
 * Azure service is involved: the source publishes and pushes to the Azure SQL database. Validation and cutover
 * happen inside each ReplicationMigration.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ValidationFacts } from "../../provider/report";
import { combinedPhase } from "../../provider/resources/migration-phase";
import { defaultPublicationName } from "../../provider/replication/names";
import {
  ReplicationMigration,
  type ReplicationEndpointArgs,
  type ReplicationMigrationArgs,
} from "../replication-migration";
import { perDatabase, type EngineOutputs, type EngineScope } from "./engine-outputs";

export interface ReplicationDatabaseArgs {
  sourceName: pulumi.Input<string>;
  /** The target database; it must exist (the schema step deploys its tables). */
  targetName: pulumi.Input<string>;
  /** Tables to publish (`dbo.Orders`); default every table with a primary key. */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
  /** Default `pulumi_<migration>_<sourceName>`. */
  publicationName?: pulumi.Input<string>;
}

type PerDatabase =
  | "source"
  | "target"
  | "sourceDatabaseName"
  | "targetDatabaseName"
  | "publicationName"
  | "tables"
  | "report"
  | "reportDirectory";

export interface ReplicationEngineArgs {
  migration: Omit<ReplicationMigrationArgs, PerDatabase> & {
    /** Replication is online: `online` (the default here); `offline` fails preview naming this field. */
    mode?: pulumi.Input<"offline" | "online">;
    /** The publisher, as `pulumi up` reaches it. */
    source: pulumi.Input<ReplicationEndpointArgs>;
    /** The Azure SQL logical server (`subscriber`: its name as the distributor reaches it, if not `server`). */
    target: pulumi.Input<ReplicationEndpointArgs & { subscriber?: pulumi.Input<string> }>;
    /** One ReplicationMigration each; a plain list (its entries may hold outputs). */
    databases: ReplicationDatabaseArgs[];
  };
}

export interface ReplicationEngineOutputs extends EngineOutputs {
  replicationMigrations: ReplicationMigration[];
}

interface DatabaseParts {
  source: string;
  target: string;
  phase: string;
  agent?: string;
  rows: number;
  pending?: number;
  estimated?: number;
  latency?: number;
  gate: { ready: boolean; reasons: string[] };
  errors: string[];
  tables: unknown[];
  validation?: ValidationFacts;
  steps: unknown[];
}

export function replicationEngine(scope: EngineScope, args: ReplicationEngineArgs): ReplicationEngineOutputs {
  const { name, parent } = scope;
  const { databases, mode: _mode, ...migration } = args.migration;
  const migrations = databases.map((db, i) => {
    const publicationName =
      db.publicationName ?? pulumi.output(db.sourceName).apply((source) => defaultPublicationName(name, source));
    return new ReplicationMigration(
      `${name}-replication-${typeof db.sourceName === "string" ? db.sourceName : i}`,
      {
        ...migration,
        sourceDatabaseName: db.sourceName,
        targetDatabaseName: db.targetName,
        publicationName,
        tables: db.tables,
        reportDirectory: scope.reportDirectory,
        report: { migration: scope.name, engine: "replication", apiVersions: [], schema: scope.schemaFacts },
      },
      // Replication delivers rows into tables that must exist on the target: the schema step goes first.
      { parent, dependsOn: scope.schema ? [scope.schema] : [] },
    );
  });
  const progress = perDatabase<ReplicationMigration, DatabaseParts>(migrations, databases, (m) => ({
    phase: m.phase,
    agent: m.agentStatus,
    rows: m.rowsOnTarget,
    pending: m.pendingCommands,
    estimated: m.estimatedSeconds,
    latency: m.latencySeconds,
    gate: m.gate,
    errors: m.lastErrors,
    tables: m.tableProgress,
    validation: m.validationResult,
    steps: m.cutoverSteps,
  }));
  return {
    replicationMigrations: migrations,
    serviceName: pulumi.all(migrations.map((m) => m.publicationName)).apply((names) => names.join(", ")),
    phase: progress.apply((list) => combinedPhase(list.map((db) => db.phase))),
    state: progress.apply((list) => {
      const states = [...new Set(list.map((db) => db.agent ?? db.phase))];
      return states.length === 1 ? states[0]! : list.map((db) => `${db.source}: ${db.agent ?? db.phase}`).join(", ");
    }),
    databaseProgress: progress.apply((list) =>
      list.map((db) => ({
        database: db.source,
        targetDatabase: db.target,
        phase: db.phase,
        state: db.agent,
        rowsCopied: db.rows,
        pendingCommands: db.pending,
        estimatedSeconds: db.estimated,
        latencySeconds: db.latency,
        gate: db.gate,
        ...(db.validation ? { validation: db.validation } : {}),
        tables: db.tables,
        cutoverSteps: db.steps,
      })),
    ),
    errors: progress.apply((list) => list.flatMap((db) => db.errors.map((e) => `${db.source}: ${e}`))),
  };
}
