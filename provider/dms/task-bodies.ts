import { sqlConnectionInfoFor } from "./connection-info";
import type { CompleteSyncCommand } from "./command-shapes";
import type { OfflineDatabaseInput, SyncDatabaseInput } from "./task-input-shapes";
import {
  migrationSpecSchema,
  type MigrationSpec,
  type SqlServerEndpoint,
  type ValidMigrationSpec,
} from "./migration-spec";
import { qualifiedTableName } from "./table-names";
import { COMMAND_TYPE, TASK_TYPE } from "./task-types";

/**
 * Builders for the PUT bodies of Microsoft.DataMigration resources. They return plain JSON objects ready for
 * the ARM client. Bodies carry passwords: pass them through `stripSecrets` before logging or storing.
 */

export interface TaskBody<P = Record<string, unknown>> {
  properties: { taskType: string; input: P; clientData?: Record<string, string> };
}

/** Same-name table map for the selected tables; undefined (= all tables) when none were selected. */
function tableMapFor(tables: readonly string[] | undefined): Record<string, string> | undefined {
  if (!tables) return undefined;
  const map: Record<string, string> = {};
  for (const t of tables) {
    const name = qualifiedTableName(t);
    map[name] = name;
  }
  return map;
}

function offlineDatabases(spec: ValidMigrationSpec): OfflineDatabaseInput[] {
  return spec.databases.map((db) => ({
    name: db.sourceName,
    targetDatabaseName: db.targetName,
    ...(db.makeSourceDbReadOnly !== undefined ? { makeSourceDbReadOnly: db.makeSourceDbReadOnly } : {}),
    ...(db.tables ? { tableMap: tableMapFor(db.tables) } : {}),
  }));
}

function syncDatabases(spec: ValidMigrationSpec): SyncDatabaseInput[] {
  return spec.databases.map((db) => ({
    name: db.sourceName,
    targetDatabaseName: db.targetName,
    ...(db.tables ? { tableMap: tableMapFor(db.tables) } : {}),
  }));
}

/**
 * The migration task for a spec: `Migrate.SqlServer.SqlDb` (offline) or `Migrate.SqlServer.AzureSqlDb.Sync`
 * (online). Throws a ZodError with field paths when the spec is invalid.
 */
export function buildMigrationTaskBody(spec: MigrationSpec, clientData?: Record<string, string>): TaskBody {
  const valid = migrationSpecSchema.parse(spec);
  const common = {
    sourceConnectionInfo: sqlConnectionInfoFor(valid.source),
    targetConnectionInfo: sqlConnectionInfoFor(valid.target),
  };
  const input =
    valid.mode === "offline"
      ? { ...common, selectedDatabases: offlineDatabases(valid) }
      : { ...common, selectedDatabases: syncDatabases(valid) };
  return {
    properties: {
      taskType: valid.mode === "offline" ? TASK_TYPE.migrateOffline : TASK_TYPE.migrateOnline,
      input,
      ...(clientData ? { clientData } : {}),
    },
  };
}

/**
 * `ConnectToSource.SqlServer`: checks the source is reachable with these credentials and lists its databases.
 * The permission group is the one for SQL Server → Azure SQL Database.
 */
export function buildConnectToSourceTaskBody(source: SqlServerEndpoint): TaskBody {
  return {
    properties: {
      taskType: TASK_TYPE.connectToSource,
      input: {
        sourceConnectionInfo: sqlConnectionInfoFor(source),
        checkPermissionsGroup: "MigrationFromSqlServerToAzureDB",
        collectDatabases: true,
      },
    },
  };
}

/** `ConnectToTarget.SqlDb`: checks the target logical server is reachable and lists its databases. */
export function buildConnectToTargetTaskBody(target: SqlServerEndpoint): TaskBody {
  return {
    properties: { taskType: TASK_TYPE.connectToTarget, input: { targetConnectionInfo: sqlConnectionInfoFor(target) } },
  };
}

/** `GetUserTables.Sql`: lists user tables of the given source databases (input field is `connectionInfo`). */
export function buildGetUserTablesTaskBody(source: SqlServerEndpoint, databases: readonly string[]): TaskBody {
  return {
    properties: {
      taskType: TASK_TYPE.getUserTables,
      input: { connectionInfo: sqlConnectionInfoFor(source), selectedDatabases: [...databases] },
    },
  };
}

/** Body of POST …/command that completes (cuts over) one database of an online migration. */
export function buildCompleteSyncCommandBody(databaseName: string, commitTimeStamp?: string): CompleteSyncCommand {
  return {
    commandType: COMMAND_TYPE.completeSyncDatabase,
    input: { databaseName, ...(commitTimeStamp ? { commitTimeStamp } : {}) },
  };
}

/** PUT body of a project: SQL → SQLDB, with the source databases listed in `databasesInfo`. */
export function buildProjectBody(args: {
  location: string;
  sourceDatabases?: readonly string[];
  tags?: Record<string, string>;
}) {
  return {
    location: args.location,
    ...(args.tags ? { tags: args.tags } : {}),
    properties: {
      sourcePlatform: "SQL",
      targetPlatform: "SQLDB",
      ...(args.sourceDatabases
        ? { databasesInfo: args.sourceDatabases.map((name) => ({ sourceDatabaseName: name })) }
        : {}),
    },
  };
}

/** PUT body of a DMS instance. `skuName` e.g. `Premium_4vCores` (online needs Premium), `Standard_1vCores`. */
export function buildServiceBody(args: {
  location: string;
  virtualSubnetId: string;
  skuName: string;
  tags?: Record<string, string>;
}) {
  return {
    location: args.location,
    ...(args.tags ? { tags: args.tags } : {}),
    kind: "vm",
    sku: { name: args.skuName },
    properties: { virtualSubnetId: args.virtualSubnetId },
  };
}
