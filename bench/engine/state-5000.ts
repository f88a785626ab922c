/**
 * What state holds for a migration of 5,000 tables: the provider's own outputs (`outputsOf`) for a run as the
 * service answers it (5,000 tables, some failed), next to the data-move file that keeps every table — for the
 * current DMS's DatabaseMigration and the classic DMS's MigrationTask. No engine needed: the outputs are what
 * the engine would checkpoint.
 */
import { databaseMigrationSchema, parseDms, parseProjectTask, TASK_TYPE } from "../../provider/dms";
import { dataMoveFilePath, dataMoveFileText } from "../../provider/resources/data-move-file";
import { outputsOf } from "../../provider/resources/database-migration";
import { databaseMigrationInputs } from "../../provider/resources/database-migration/inputs";
import { readingOf } from "../../provider/resources/database-migration/run";
import { outputsOf as taskOutputsOf } from "../../provider/resources/migration-task";
import { migrationTaskInputs } from "../../provider/resources/migration-task/inputs";
import { readingOf as taskReadingOf } from "../../provider/resources/migration-task/phase";
import { dataMoveContent } from "../../provider/resources/migration-task/progress-in-state";

export interface LargeMigrationState {
  tables: number;
  failedTables: number;
  /** The resource's inputs and outputs as a state entry holds them. */
  stateBytes: number;
  /** The same run written to the data-move file (every table). */
  dataMoveFileBytes: number;
  goalBytes: number;
}

const SERVICE =
  "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.DataMigration/sqlMigrationServices/dms";
const SERVER =
  "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql/servers/s";

/** A finished run of `tables` tables as the service answers a GET with `$expand=MigrationStatusDetails`. */
export function largeRunAnswer(tables: number, failed: number): unknown {
  const progress = Array.from({ length: tables }, (_, i) => ({
    tableName: `Schema${i % 40}.Table_${String(i).padStart(5, "0")}_with_a_realistic_name`,
    status: i < failed ? "Failed" : "Succeeded",
    rowsRead: 10_000 + i,
    rowsCopied: i < failed ? 0 : 10_000 + i,
    copyThroughput: 812.5,
    copyDuration: 12,
    copyStart: "2026-01-01T00:00:00Z",
  }));
  return {
    id: `${SERVER}/providers/Microsoft.DataMigration/databaseMigrations/SalesDb`,
    name: "SalesDb",
    properties: {
      kind: "SqlDb",
      provisioningState: "Succeeded",
      migrationStatus: failed ? "Failed" : "Succeeded",
      migrationOperationId: "11111111-2222-3333-4444-555555555555",
      startedOn: "2026-01-01T00:00:00Z",
      endedOn: "2026-01-01T02:00:00Z",
      migrationStatusDetails: {
        migrationState: failed ? "Failed" : "Succeeded",
        sqlDataCopyErrors: progress.slice(0, failed).map((t) => `${t.tableName}: Violation of PRIMARY KEY constraint`),
        listOfCopyProgressDetails: progress,
      },
    },
  };
}

export function largeMigrationInputs() {
  return databaseMigrationInputs.parse({
    migrationServiceId: SERVICE,
    targetServerResourceId: SERVER,
    targetDatabaseName: "SalesDb",
    sourceDatabaseName: "Sales",
    source: { server: "sql01.contoso.local", userName: "migrator", password: "not-a-real-password" },
    target: { server: "s.database.windows.net", userName: "azadmin", password: "not-a-real-password" },
    reportDirectory: "migration-report",
  });
}

export function stateOf5000TableMigration(tables = 5000, failed = 50): LargeMigrationState {
  const inputs = largeMigrationInputs();
  const migration = parseDms(databaseMigrationSchema, largeRunAnswer(tables, failed), "DatabaseMigrationSqlDb");
  const reading = readingOf(migration);
  const outputs = outputsOf(inputs, migration, reading);
  return {
    tables,
    failedTables: failed,
    stateBytes: Buffer.byteLength(JSON.stringify({ inputs, outputs })),
    dataMoveFileBytes: reading.summary ? Buffer.byteLength(dataMoveFileText(reading.summary)) : 0,
    goalBytes: 2 * 1024 * 1024,
  };
}

const TASK =
  "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.DataMigration/services/dms/projects/sales-project/tasks/sales-task";

/** A finished classic offline task (`Migrate.SqlServer.SqlDb`) of `tables` tables as the service answers a GET. */
export function largeTaskAnswer(tables: number, failed: number): unknown {
  const table = (i: number) => ({
    id: `db-1/tables/${i}`,
    resultType: "TableLevelOutput",
    objectName: `Schema${i % 40}.Table_${String(i).padStart(5, "0")}_with_a_realistic_name`,
    startedOn: "2026-01-01T00:00:00Z",
    endedOn: "2026-01-01T00:00:12Z",
    state: i < failed ? "Failed" : "Completed",
    ...(i < failed ? { statusMessage: "Violation of PRIMARY KEY constraint" } : {}),
    itemsCount: 10_000 + i,
    itemsCompletedCount: i < failed ? 0 : 10_000 + i,
  });
  const output = [
    {
      id: "migration",
      resultType: "MigrationLevelOutput",
      startedOn: "2026-01-01T00:00:00Z",
      endedOn: "2026-01-01T02:00:00Z",
      status: failed ? "CompletedWithWarnings" : "Completed",
      databases: JSON.stringify({ Sales: "db-1" }),
    },
    {
      id: "db-1",
      resultType: "DatabaseLevelOutput",
      databaseName: "Sales",
      startedOn: "2026-01-01T00:00:00Z",
      endedOn: "2026-01-01T02:00:00Z",
      state: failed ? "Failed" : "Completed",
      resultPrefix: "db-1/tables/",
      numberOfObjects: tables,
      numberOfObjectsCompleted: tables - failed,
      errorCount: failed,
    },
    ...Array.from({ length: tables }, (_, i) => table(i)),
  ];
  return {
    id: TASK,
    name: "sales-task",
    properties: { taskType: TASK_TYPE.migrateOffline, state: failed ? "Failed" : "Succeeded", output, errors: [] },
  };
}

export function largeTaskInputs() {
  return migrationTaskInputs.parse({
    subscriptionId: "00000000-0000-0000-0000-0000000000aa",
    resourceGroupName: "rg",
    serviceName: "dms",
    projectName: "sales-project",
    taskName: "sales-task",
    mode: "offline",
    source: { server: "sql01.contoso.local", userName: "migrator", password: "not-a-real-password" },
    target: { server: "s.database.windows.net", userName: "azadmin", password: "not-a-real-password" },
    databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
    reportDirectory: "migration-report",
  });
}

/** The classic MigrationTask's state for one database of `tables` tables, and its data-move file (not written). */
export function stateOf5000TableTask(tables = 5000, failed = 50): LargeMigrationState {
  const inputs = largeTaskInputs();
  const task = parseProjectTask(largeTaskAnswer(tables, failed));
  const reading = taskReadingOf(task, inputs);
  const databases = reading.summary?.databases ?? [];
  const files = { sales: dataMoveFilePath(inputs.reportDirectory, "SalesDb") };
  const outputs = taskOutputsOf(inputs, task, reading, files);
  const fileBytes = databases.reduce(
    (sum, db) => sum + Buffer.byteLength(dataMoveFileText(dataMoveContent(inputs, db).content)),
    0,
  );
  return {
    tables,
    failedTables: failed,
    stateBytes: Buffer.byteLength(JSON.stringify({ inputs, outputs })),
    dataMoveFileBytes: fileBytes,
    goalBytes: 2 * 1024 * 1024,
  };
}
