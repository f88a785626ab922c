/**
 * The current Azure Database Migration Service, the default engine: a SqlMigrationService (with its
 * self-hosted integration runtime), then one DatabaseMigration (kind SqlDb) per database once the schema step
 * has created the tables. Offline only: the current DMS has no online migration to Azure SQL Database.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ValidationFacts } from "../../provider/report";
import { combinedPhase } from "../../provider/resources/migration-phase";
import type { TableSummary } from "../../provider/resources/table-summary";
import { SQL_MIGRATION_API_VERSION } from "../../provider/dms/sql-migration/api";
import type { DataValidationArgs } from "../data-validation-args";
import { DatabaseMigration } from "../database-migration";
import type { SqlEndpointArgs } from "../migration-task";
import { SqlMigrationService, type SqlMigrationServiceArgs } from "../sql-migration-service";
import { perDatabase, type EngineOutputs, type EngineScope } from "./engine-outputs";

export interface DmsDatabaseArgs {
  /** The source database. Required; changing it replaces its DatabaseMigration. */
  sourceName: pulumi.Input<string>;
  /** The target database on the target server; it must exist (DMS does not create it). Required; changing it replaces. */
  targetName: pulumi.Input<string>;
  /** Tables to copy (`dbo.Orders`); default every table. Changing it replaces (a new run). */
  tables?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface DmsEngineArgs {
  /** The SqlMigrationService's settings (see SqlMigrationServiceArgs); default name derived from the component's. */
  service?: Omit<SqlMigrationServiceArgs, "subscriptionId" | "resourceGroupName" | "location">;
  migration: {
    /** Only `offline` (the default); `online` fails preview naming this field. */
    mode?: pulumi.Input<"offline" | "online">;
    /** The source SQL Server as the self-hosted integration runtime reaches it. Required; changing it (password aside) replaces the migrations. */
    source: pulumi.Input<SqlEndpointArgs & { authentication?: pulumi.Input<"sql" | "windows"> }>;
    /**
     * The target logical server. `resourceId` (its ARM id) defaults to the server named by
     * `<name>.database.windows.net` in the migration's subscription and resource group. Required; changing it
     * (password aside) replaces the migrations.
     */
    target: pulumi.Input<SqlEndpointArgs & { resourceId?: pulumi.Input<string> }>;
    /** One DatabaseMigration each; a plain list (its entries may hold outputs). Required. */
    databases: DmsDatabaseArgs[];
    /** How far one update follows each run: `completed` (default) or `started`. Updated in place. */
    wait?: pulumi.Input<"started" | "completed">;
    /** Fail (instead of warn) when the wait budget runs out first; default false. Updated in place. */
    strictWait?: pulumi.Input<boolean>;
    /** Wait budget of one update, default 3600 s. Updated in place. */
    waitTimeoutSeconds?: pulumi.Input<number>;
    /** Bump (default 0) after a failure: resumes a Retriable run, otherwise starts a new run. Updated in place. */
    retry?: pulumi.Input<number>;
    /** Least seconds between two progress reports (default 30). Updated in place. */
    progressLogIntervalSeconds?: pulumi.Input<number>;
    /** Compare source and target once each copy succeeded; default exact row counts of every table. Updated in place. */
    validation?: pulumi.Input<DataValidationArgs>;
    /** Bump (default 0) to validate again (after fixing data) without a new data move. Updated in place. */
    revalidate?: pulumi.Input<number>;
  };
}

export interface DmsEngineOutputs extends EngineOutputs {
  sqlMigrationService: SqlMigrationService;
  databaseMigrations: DatabaseMigration[];
  integrationRuntimeState: pulumi.Output<string>;
  /** Keys that register the self-hosted integration runtime. Secret. */
  authKey1: pulumi.Output<string>;
  authKey2: pulumi.Output<string>;
}

/** The target server's ARM id: given, or derived from `<name>.database.windows.net`. */
function targetServerResourceId(
  scope: EngineScope,
  target: { server: string; resourceId?: string },
): pulumi.Output<string> {
  return pulumi.all([scope.subscriptionId, scope.resourceGroupName]).apply(([subscriptionId, resourceGroupName]) => {
    if (target.resourceId) return target.resourceId;
    const match = /^([a-z0-9][a-z0-9-]*)\.database\.windows\.net$/i.exec(target.server);
    if (!match) {
      throw new Error(
        `migration.target.resourceId: the ARM id of the target server cannot be derived from "${target.server}"; ` +
          "give it (/subscriptions/…/resourceGroups/…/providers/Microsoft.Sql/servers/…)",
      );
    }
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Sql/servers/${match[1]}`;
  });
}

/** What the component reports of one database, gathered from its DatabaseMigration. */
interface DatabaseProgressParts {
  source: string;
  target: string;
  phase: string;
  status?: string;
  provisioning: string;
  rowsCopied: number;
  tableSummary: TableSummary;
  dataMoveFile?: string;
  errors: string[];
  validation?: ValidationFacts;
}

export function dmsEngine(scope: EngineScope, args: DmsEngineArgs): DmsEngineOutputs {
  const { name, subscriptionId, resourceGroupName, parent } = scope;
  const { databases, target, ...migration } = args.migration;
  const service = new SqlMigrationService(
    `${name}-sqlms`,
    { ...args.service, subscriptionId, resourceGroupName, location: scope.location },
    { parent, dependsOn: scope.registration ? [scope.registration] : [] },
  );
  const targetEndpoint = pulumi.output(target);
  const serverId = targetEndpoint.apply((t) => targetServerResourceId(scope, t));
  const migrations = databases.map(
    (db, i) =>
      new DatabaseMigration(
        // Named after the source database when it is known now, so adding or reordering databases replaces nothing.
        `${name}-db-${typeof db.sourceName === "string" ? db.sourceName : i}`,
        {
          ...migration,
          migrationServiceId: service.resourceId,
          targetServerResourceId: serverId,
          targetDatabaseName: db.targetName,
          sourceDatabaseName: db.sourceName,
          tables: db.tables,
          target: targetEndpoint.apply(({ resourceId: _id, ...endpoint }) => endpoint),
          reportDirectory: scope.reportDirectory,
          report: {
            migration: scope.name,
            engine: "dms",
            apiVersions: [SQL_MIGRATION_API_VERSION],
            schema: scope.schemaFacts,
          },
        },
        // DMS copies rows into tables that must already exist: the schema step goes first.
        { parent, dependsOn: scope.schema ? [scope.schema] : [] },
      ),
  );
  const progress = perDatabase<DatabaseMigration, DatabaseProgressParts>(migrations, databases, (m) => ({
    phase: m.phase,
    status: m.migrationStatus,
    provisioning: m.provisioningState,
    rowsCopied: m.rowsCopied,
    tableSummary: m.tableSummary,
    dataMoveFile: m.dataMoveFile,
    errors: m.errors,
    validation: m.validationResult,
  }));
  return {
    serviceName: service.serviceName,
    sqlMigrationService: service,
    databaseMigrations: migrations,
    integrationRuntimeState: service.integrationRuntimeState,
    authKey1: service.authKey1,
    authKey2: service.authKey2,
    phase: progress.apply((list) => combinedPhase(list.map((db) => db.phase))),
    state: progress.apply((list) => {
      const states = [...new Set(list.map((db) => db.status ?? db.provisioning))];
      return states.length === 1
        ? states[0]!
        : list.map((db) => `${db.source}: ${db.status ?? db.provisioning}`).join(", ");
    }),
    databaseProgress: progress.apply((list) =>
      list.map((db) => ({
        database: db.source,
        targetDatabase: db.target,
        phase: db.phase,
        state: db.status,
        rowsCopied: db.rowsCopied,
        ...(db.validation ? { validation: db.validation } : {}),
        // Bounded whatever the table count; every table's progress is in the data-move file.
        tableSummary: db.tableSummary,
        ...(db.dataMoveFile ? { dataMoveFile: db.dataMoveFile } : {}),
      })),
    ),
    errors: progress.apply((list) => list.flatMap((db) => db.errors.map((e) => `${db.source}: ${e}`))),
  };
}
