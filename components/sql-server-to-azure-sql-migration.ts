import * as pulumi from "@pulumi/pulumi";
import type { DatabaseMigration } from "./database-migration";
import { dmsClassicEngine, type DmsClassicEngineArgs } from "./engines/dms-classic-engine";
import { dmsEngine, type DmsEngineArgs } from "./engines/dms-engine";
import { replicationEngine, type ReplicationEngineArgs } from "./engines/replication-engine";
import type { ReplicationMigration } from "./replication-migration";
import { ResourceProviderRegistration } from "./resource-provider-registration";
import { SchemaDeployment, type SchemaDeploymentArgs } from "./schema-deployment";
import type { SqlMigrationService } from "./sql-migration-service";
import { headline, reportFiles, type SchemaStepFacts } from "../provider/report";

interface CommonArgs {
  /** Folder of the migration report and the per-table files behind it (default "migration-report", relative to the project). Updated in place. */
  reportDirectory?: string;
  /** Subscription (GUID) of the migration service. Required; changing it replaces the service and what depends on it. */
  subscriptionId: pulumi.Input<string>;
  /** Resource group of the migration service (must exist). Required; changing it replaces the service and what depends on it. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region of the migration service (the target server's region for the current DMS). Required; changing it replaces the service. */
  location: pulumi.Input<string>;
  /** Register Microsoft.DataMigration on the subscription first (default true); false removes the registration resource (the namespace stays registered). */
  registerResourceProvider?: boolean;
}

/** The current Azure DMS (default): offline, through a self-hosted integration runtime; the schema step is required. */
export interface DmsMigrationArgs extends CommonArgs, DmsEngineArgs {
  engine?: "dms";
  /** The schema step of the guide (assess, script, deploy, verify): DMS copies rows only into existing tables. */
  schema: SchemaDeploymentArgs;
}

/** The classic DMS, retired by Microsoft for SQL scenarios on 2026-03-15: offline or online with cutover. */
export interface DmsClassicMigrationArgs extends CommonArgs, DmsClassicEngineArgs {
  engine: "dmsClassic";
  /** The schema step, run before any data moves; omit it when the target schema is deployed another way. */
  schema?: SchemaDeploymentArgs;
}

/**
 * Transactional replication, online: the source publishes, the Azure SQL database is a push subscriber; each
 * database's ReplicationMigration validates and cuts over (`migration.cutover`). No Azure service is created, so
 * subscription, resource group and location are optional (the report and naming do not need them).
 */
export interface TransactionalReplicationMigrationArgs
  extends Partial<Pick<CommonArgs, "subscriptionId" | "resourceGroupName" | "location">>, ReplicationEngineArgs {
  engine: "replication";
  reportDirectory?: string;
  /** Replication needs no resource provider; setting this to true is ignored. */
  registerResourceProvider?: boolean;
  /** The schema step, run before replication starts: the articles deliver rows into existing tables. */
  schema?: SchemaDeploymentArgs;
}

export type SqlServerToAzureSqlMigrationArgs =
  DmsMigrationArgs | DmsClassicMigrationArgs | TransactionalReplicationMigrationArgs;

/** What the report says of the schema step, from its outputs (bounded: counts, ids, paths). */
function schemaStepFacts(schema: SchemaDeployment): pulumi.Output<SchemaStepFacts> {
  return pulumi
    .all([
      schema.assessment,
      schema.appliedFixes,
      schema.omittedObjects,
      schema.heldBack,
      schema.reportPaths,
      schema.deployed,
      schema.plannedBatchCount,
      schema.deployedBatchCount,
    ])
    .apply(([assessment, appliedFixes, omittedObjects, heldBack, reportPaths, deployed, planned, deployedCount]) => ({
      assessment: {
        blocking: assessment.blocking,
        warning: assessment.warning,
        info: assessment.info,
        blockingRuleIds: assessment.blockingRuleIds,
      },
      appliedFixes,
      omittedObjects,
      heldBack: heldBack.map((h) => ({ id: h.id, reason: h.reason })),
      assessmentReport: reportPaths.assessmentMarkdown,
      deployed,
      plannedBatchCount: planned,
      deployedBatchCount: deployedCount,
    }))
    .apply((facts) =>
      pulumi
        .all([schema.anomalies, schema.scriptPath, schema.lastError])
        .apply(([anomalies, scriptPath, lastError]) => ({
          ...facts,
          ...(anomalies ? { anomalies } : {}),
          ...(scriptPath ? { scriptPath } : {}),
          ...(lastError ? { lastError } : {}),
        })),
    );
}

/**
 * Input errors that span fields, named by their path in the component's arguments. Values that are outputs
 * (not known yet) are checked by the resources' own `check` once known.
 */
function refuseUnsupportedCombinations(args: SqlServerToAzureSqlMigrationArgs): void {
  if (args.engine === "dmsClassic") return;
  if (args.engine === "replication") {
    if (args.migration.mode === "offline") {
      throw new Error(
        'migration.mode: engine "replication" is online (it keeps the target in sync until cutover); for an offline copy use engine "dms"',
      );
    }
    return;
  }
  if (!args.schema) {
    throw new Error(
      "schema: the current DMS copies rows only into tables that already exist on the target; give the schema step",
    );
  }
  if (args.migration.mode === "online") {
    throw new Error(
      'migration.mode: the current DMS (engine "dms") migrates to Azure SQL Database offline only; ' +
        'an online migration needs transactional replication, or the retired classic DMS (engine "dmsClassic")',
    );
  }
}

/**
 * One migration of SQL Server databases to Azure SQL Database, wired in the order of Microsoft's guide:
 * register Microsoft.DataMigration, migrate the schema, create the migration service and move the data with
 * the chosen engine, follow it, and (online: replication or classic DMS) cut over when `migration.cutover` is
 * set. The replication engine registers no resource provider and creates no Azure service.
 */
export class SqlServerToAzureSqlMigration extends pulumi.ComponentResource {
  /** The engine moving the data (`dms` unless `engine` says otherwise). */
  readonly engine: "dms" | "dmsClassic" | "replication";
  /** Microsoft.DataMigration's registration state (undefined when `registerResourceProvider` is false or no service is needed). */
  readonly registrationState: pulumi.Output<string | undefined>;
  /** The migration service's ARM name (replication: the publication names). */
  readonly serviceName: pulumi.Output<string>;
  /**
   * Lifecycle phase of the data move: queued, running, readyForCutover, completing, completed, failed, canceled;
   * replication: configuring, initializing, syncing, readyForCutover, cuttingOver, completed, failed.
   */
  readonly phase: pulumi.Output<string>;
  /** The service's own word for where it is (per database when they differ). */
  readonly state: pulumi.Output<string>;
  /** Per database: state, rows and its tables in brief; every table's progress is in its data-move file. */
  readonly databaseProgress: pulumi.Output<unknown[]>;
  /** The data move's errors (empty when none). */
  readonly errors: pulumi.Output<string[]>;
  /** The schema step, when there is one. */
  readonly schemaDeployment?: SchemaDeployment;
  /** Current DMS: the service, its runtime state and the keys that register a runtime node (secret). */
  readonly sqlMigrationService?: SqlMigrationService;
  /** Current DMS: one DatabaseMigration per database. */
  readonly databaseMigrations?: DatabaseMigration[];
  /** Replication: one ReplicationMigration per database. */
  readonly replicationMigrations?: ReplicationMigration[];
  /** Current DMS: NeedRegistration until a SHIR node registers, Online while one is online, Offline otherwise. */
  readonly integrationRuntimeState?: pulumi.Output<string>;
  /** Current DMS: the key that registers a SHIR node (secret). */
  readonly authKey1?: pulumi.Output<string>;
  /** Current DMS: the second key (secret). */
  readonly authKey2?: pulumi.Output<string>;
  /** The migration report (Markdown and JSON) and its headline figures. */
  readonly report: pulumi.Output<{ markdownPath: string; jsonPath: string; phase: string; headline: string }>;
  /** Classic DMS: the project's ARM name. */
  readonly projectName?: pulumi.Output<string>;
  /** Classic DMS: the task's ARM name. */
  readonly taskName?: pulumi.Output<string>;

  constructor(name: string, args: SqlServerToAzureSqlMigrationArgs, opts?: pulumi.ComponentResourceOptions) {
    // Before anything is registered, so a bad combination stops the program with nothing half-declared.
    refuseUnsupportedCombinations(args);
    super("azure-sql-migration:index:SqlServerToAzureSqlMigration", name, {}, opts);
    this.engine = args.engine ?? "dms";
    const registration =
      args.registerResourceProvider === false || args.engine === "replication"
        ? undefined
        : new ResourceProviderRegistration(
            `${name}-datamigration-provider`,
            { subscriptionId: args.subscriptionId },
            { parent: this },
          );
    this.schemaDeployment = args.schema
      ? new SchemaDeployment(`${name}-schema`, args.schema, { parent: this })
      : undefined;
    const reportDirectory = args.reportDirectory ?? "migration-report";
    const scope = {
      name,
      reportDirectory,
      schemaFacts: this.schemaDeployment ? schemaStepFacts(this.schemaDeployment) : undefined,
      subscriptionId: args.subscriptionId ?? "",
      resourceGroupName: args.resourceGroupName ?? "",
      location: args.location ?? "",
      parent: this,
      registration,
      schema: this.schemaDeployment,
    };

    const engine =
      args.engine === "dmsClassic"
        ? dmsClassicEngine(scope, args)
        : args.engine === "replication"
          ? replicationEngine(scope, args)
          : dmsEngine(scope, args as DmsMigrationArgs);
    if ("replicationMigrations" in engine) {
      this.replicationMigrations = engine.replicationMigrations;
    } else if ("taskName" in engine) {
      this.projectName = engine.projectName;
      this.taskName = engine.taskName;
    } else {
      this.sqlMigrationService = engine.sqlMigrationService;
      this.databaseMigrations = engine.databaseMigrations;
      this.integrationRuntimeState = engine.integrationRuntimeState;
      this.authKey1 = engine.authKey1;
      this.authKey2 = engine.authKey2;
    }
    this.registrationState = registration ? registration.registrationState : pulumi.output(undefined);
    this.serviceName = engine.serviceName;
    this.phase = engine.phase;
    this.state = engine.state;
    this.databaseProgress = engine.databaseProgress;
    this.errors = engine.errors;
    const files = reportFiles(reportDirectory, name);
    this.report = pulumi.all([engine.phase, engine.databaseProgress]).apply(([phase, progress]) => {
      const dbs = progress as {
        rowsCopied?: number;
        validation?: { tables: number; mismatched: number; errors: number };
      }[];
      const rows = dbs.reduce((sum, db) => sum + (db.rowsCopied ?? 0), 0);
      const validated = dbs.reduce((sum, db) => sum + (db.validation?.tables ?? 0), 0);
      const differing = dbs.reduce(
        (sum, db) => sum + (db.validation ? db.validation.mismatched + db.validation.errors : 0),
        0,
      );
      return { ...files, phase, headline: headline(phase, dbs.length, rows, validated, differing) };
    });
    this.registerOutputs({ engine: this.engine, serviceName: this.serviceName, phase: this.phase });
  }
}
