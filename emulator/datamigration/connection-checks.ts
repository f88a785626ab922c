/**
 * The three connection tasks (`ConnectToSource.SqlServer`, `ConnectToTarget.SqlDb`, `GetUserTables.Sql`):
 * given the task input (with its password, kept only in memory), produce the task's final state, errors and
 * output the way the spec shapes them.
 */
import { TASK_TYPE } from "./task-types";
import type { DataMigrationFaults } from "./faults";
import {
  findDatabase,
  parseDataSource,
  SQL_EXCEPTION_HRESULT,
  type ConnectionAttempt,
  type ConnectionCheck,
  type SourceCatalog,
  type SqlServer,
} from "./source-catalog";

export interface ConnectionTaskResult {
  state: "Succeeded" | "Failed";
  errors: Array<{ code: string; message: string }>;
  output: unknown[];
}

/** Connects through the catalog, unless a `connectionFails` fault for that server says otherwise. */
export function connectWithFaults(
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
  info: ConnectionAttempt,
): ConnectionCheck {
  const host = parseDataSource(info.dataSource).host;
  const fault = faults.takeConnectionFailure(host);
  if (fault) {
    return {
      ok: false,
      hResult: SQL_EXCEPTION_HRESULT,
      message: fault.message ?? `Connection to '${host}' failed (injected fault).`,
    };
  }
  return catalog.connect(info);
}

const failed = (message: string, output: unknown[]): ConnectionTaskResult => ({
  state: "Failed",
  errors: [{ code: "SqlConnectionFailed", message }],
  output,
});

function databaseIds(server: SqlServer): Record<string, string> {
  return Object.fromEntries(Object.keys(server.databases).map((name, i) => [name, `db-${i + 1}`]));
}

/** Runs one connection task to its final state: one named step per task type. */
export function runConnectionTask(
  taskType: string,
  input: Record<string, unknown>,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): ConnectionTaskResult {
  if (taskType === TASK_TYPE.connectToSource) return connectToSource(input, catalog, faults);
  if (taskType === TASK_TYPE.connectToTarget) return connectToTarget(input, catalog, faults);
  return getUserTables(input, catalog, faults);
}

/** `ConnectToSource.SqlServer`: the server's version and one database-level output per database. */
function connectToSource(
  input: Record<string, unknown>,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): ConnectionTaskResult {
  const check = connectWithFaults(catalog, faults, input["sourceConnectionInfo"] as ConnectionAttempt);
  if (!check.ok) {
    return failed(check.message, [
      {
        id: "task",
        resultType: "TaskLevelOutput",
        validationErrors: [{ message: check.message, hResult: check.hResult }],
      },
    ]);
  }
  const ids = databaseIds(check.server);
  return {
    state: "Succeeded",
    errors: [],
    output: [
      {
        id: "task",
        resultType: "TaskLevelOutput",
        databases: JSON.stringify(ids),
        sourceServerVersion: check.server.version,
        sourceServerBrandVersion: check.server.brandVersion,
        validationErrors: [],
      },
      ...Object.entries(ids).map(([name, id]) => ({
        id,
        resultType: "DatabaseLevelOutput",
        name,
        sizeMB: 10,
        compatibilityLevel: "CompatLevel140",
        databaseState: "Online",
      })),
    ],
  };
}

/** `ConnectToTarget.SqlDb`: the target server's version and its databases. */
function connectToTarget(
  input: Record<string, unknown>,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): ConnectionTaskResult {
  const check = connectWithFaults(catalog, faults, input["targetConnectionInfo"] as ConnectionAttempt);
  if (!check.ok) return failed(check.message, []);
  return {
    state: "Succeeded",
    errors: [],
    output: [
      {
        id: "task",
        databases: JSON.stringify(databaseIds(check.server)),
        targetServerVersion: check.server.version,
        targetServerBrandVersion: check.server.brandVersion,
      },
    ],
  };
}

/** `GetUserTables.Sql`: the tables of each selected database; a database that is not there fails the task. */
function getUserTables(
  input: Record<string, unknown>,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): ConnectionTaskResult {
  const check = connectWithFaults(catalog, faults, input["connectionInfo"] as ConnectionAttempt);
  if (!check.ok)
    return failed(check.message, [
      { id: "task", validationErrors: [{ message: check.message, hResult: check.hResult }] },
    ]);
  const tables: Record<string, Array<{ hasRows: boolean; name: string }>> = {};
  const validationErrors: Array<{ message: string; hResult: number }> = [];
  for (const name of (input["selectedDatabases"] as string[] | undefined) ?? []) {
    const db = findDatabase(check.server, name);
    if (!db) {
      validationErrors.push({
        message: `Cannot open database "${name}" requested by the login. The login failed.`,
        hResult: SQL_EXCEPTION_HRESULT,
      });
      continue;
    }
    tables[name] = Object.entries(db.tables).map(([table, rows]) => ({ hasRows: rows > 0, name: table }));
  }
  const output = [{ id: "task", databasesToTables: JSON.stringify(tables), validationErrors }];
  return validationErrors.length
    ? {
        state: "Failed",
        errors: validationErrors.map((e) => ({ code: "SqlConnectionFailed", message: e.message })),
        output,
      }
    : { state: "Succeeded", errors: [], output };
}
