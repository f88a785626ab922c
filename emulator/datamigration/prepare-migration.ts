/**
 * What a migration task does when it starts running: connect to both servers, check that every selected
 * database and table exists, and lay out the progress model (with any `tableFails` faults planted).
 * Failures come back as the task state the service would end in: `Failed` for a connection that cannot be
 * made, `FailedInputValidation` for a database or table that is not there.
 */
import { qualifiedTableName } from "./table-names";
import { connectWithFaults } from "./connection-checks";
import type { DataMigrationFaults } from "./faults";
import { newTable, type DatabaseProgress, type MigrationProgress } from "./migration-progress";
import type { ServerVersions } from "./output-builders";
import { findDatabase, parseDataSource, type ConnectionAttempt, type SourceCatalog } from "./source-catalog";

interface SelectedDatabase {
  name?: string;
  targetDatabaseName?: string;
  tableMap?: Record<string, string>;
}

export type PreparedMigration =
  | { ok: true; progress: MigrationProgress; versions: ServerVersions; sourceHost: string }
  | { ok: false; state: "Failed" | "FailedInputValidation"; message: string };

export function prepareMigration(
  mode: "offline" | "online",
  input: Record<string, unknown>,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): PreparedMigration {
  const sourceInfo = input["sourceConnectionInfo"] as ConnectionAttempt;
  const targetInfo = input["targetConnectionInfo"] as ConnectionAttempt;
  const source = connectWithFaults(catalog, faults, sourceInfo);
  if (!source.ok) return { ok: false, state: "Failed", message: `Source: ${source.message}` };
  const target = connectWithFaults(catalog, faults, targetInfo);
  if (!target.ok) return { ok: false, state: "Failed", message: `Target: ${target.message}` };

  const sourceHost = parseDataSource(sourceInfo.dataSource).host;
  const databases: DatabaseProgress[] = [];
  const selected = (input["selectedDatabases"] as SelectedDatabase[] | undefined) ?? [];
  for (const [i, sel] of selected.entries()) {
    const name = sel.name ?? "";
    const db = findDatabase(source.server, name);
    if (!db) {
      return {
        ok: false,
        state: "FailedInputValidation",
        message: `Database '${name}' does not exist on source server '${sourceHost}'.`,
      };
    }
    const targetName = sel.targetDatabaseName ?? name;
    // Target databases are only checked when the test described some on the target server.
    if (Object.keys(target.server.databases).length > 0 && !findDatabase(target.server, targetName)) {
      return {
        ok: false,
        state: "FailedInputValidation",
        message: `Database '${targetName}' does not exist on target server '${target.server.server}'.`,
      };
    }
    const wanted = sel.tableMap ? Object.keys(sel.tableMap).map(qualifiedTableName) : Object.keys(db.tables);
    const tables = [];
    for (const tableName of wanted) {
      const key = Object.keys(db.tables).find((t) => t.toLowerCase() === tableName.toLowerCase());
      if (key === undefined) {
        return {
          ok: false,
          state: "FailedInputValidation",
          message: `Table '${tableName}' does not exist in source database '${db.name}'.`,
        };
      }
      const table = newTable(key, db.tables[key]!);
      const fault = faults.takeTableFailure(db.name, key);
      if (fault)
        table.failure = {
          atRows: fault.afterRows,
          message: fault.message ?? `Copying table ${key} failed (injected fault).`,
        };
      tables.push(table);
    }
    databases.push({
      id: `db-${i + 1}`,
      sourceName: db.name,
      targetName,
      stage: "Queued",
      tables,
      incoming: 0,
      appliedTotal: 0,
      errors: [],
    });
  }
  return {
    ok: true,
    sourceHost,
    progress: { mode, databases },
    versions: {
      sourceServer: source.server.server,
      sourceServerVersion: source.server.version,
      sourceServerBrandVersion: source.server.brandVersion,
      targetServer: target.server.server,
      targetServerVersion: target.server.version,
      targetServerBrandVersion: target.server.brandVersion,
    },
  };
}
