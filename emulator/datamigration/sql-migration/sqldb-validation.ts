/**
 * What the create LRO of a SqlDb migration checks before the copy starts (the service's validation, run on
 * the SHIR): both connections through the module's SourceCatalog (SQL Server's own messages; the
 * `connectionFails` fault applies), the source and target databases, the tables to copy on both sides. A
 * failure is the ArmErrorResponse the operation ends with; success is the list of tables to copy, with any
 * `tableFails` faults planted.
 */
import type { ArmErrorResponse } from "../../arm/errors";
import type { DataMigrationFaults } from "../faults";
import {
  findDatabase,
  parseDataSource,
  SQL_EXCEPTION_HRESULT,
  type ConnectionAttempt,
  type ConnectionCheck,
  type SourceCatalog,
} from "../source-catalog";
import { sqlMigrationErrors } from "./errors";
import type { SqlDbRunInput, TableCopy, TableFailure } from "./sqldb-run";
import { sameTable } from "./table-names";

export type SqlDbValidation = { ok: true; tables: TableCopy[] } | { ok: false; error: ArmErrorResponse };

/**
 * Connects as the SHIR would. SqlAuthentication and WindowsAuthentication (resolved on the SHIR host) both
 * log in with a user and password, so both are looked up in the catalog's logins (the handler has already
 * refused any other kind).
 */
function connect(catalog: SourceCatalog, faults: DataMigrationFaults, attempt: ConnectionAttempt): ConnectionCheck {
  const host = parseDataSource(attempt.dataSource).host;
  const fault = faults.takeConnectionFailure(host);
  if (fault)
    return {
      ok: false,
      hResult: SQL_EXCEPTION_HRESULT,
      message: fault.message ?? `Connection to '${host}' failed (injected fault).`,
    };
  return catalog.connect({ ...attempt, authentication: "SqlAuthentication" });
}

const cannotOpen = (database: string) => `Cannot open database "${database}" requested by the login. The login failed.`;

/** A `tableFails` fault for the source database and table, as the run's failure point. */
export function plantTableFailure(
  faults: DataMigrationFaults,
  sourceDatabase: string,
  tableName: string,
): TableFailure | undefined {
  const fault = faults.takeTableFailure(sourceDatabase, tableName);
  if (!fault) return undefined;
  return {
    atRows: fault.afterRows,
    message: fault.message ?? `Copying table ${tableName} failed (injected fault).`,
    retriable: fault.retriable ?? true,
  };
}

export function validateSqlDbRun(
  input: SqlDbRunInput,
  catalog: SourceCatalog,
  faults: DataMigrationFaults,
): SqlDbValidation {
  const fail = (error: ArmErrorResponse): SqlDbValidation => ({ ok: false, error });

  const source = connect(catalog, faults, input.sourceConnection);
  if (!source.ok) return fail(sqlMigrationErrors.testConnectionFailed(`Source: ${source.message}`));
  const sourceDb = findDatabase(source.server, input.sourceDatabaseName);
  if (!sourceDb)
    return fail(sqlMigrationErrors.testConnectionFailed(`Source: ${cannotOpen(input.sourceDatabaseName)}`));

  const target = connect(catalog, faults, input.targetConnection);
  if (!target.ok) return fail(sqlMigrationErrors.testConnectionFailed(`Target: ${target.message}`));
  const targetDb = findDatabase(target.server, input.targetDbName);
  if (!targetDb) return fail(sqlMigrationErrors.testConnectionFailed(`Target: ${cannotOpen(input.targetDbName)}`));

  const sourceTables = Object.keys(sourceDb.tables);
  const selected = input.tables && input.tables.length > 0 ? input.tables : sourceTables;
  const notInSource = selected.filter((t) => !sourceTables.some((s) => sameTable(s, t)));
  if (notInSource.length > 0) {
    return fail(
      sqlMigrationErrors.sqlInfoValidationFailed(
        "NoTablesFound",
        `The following tables of tableList were not found in source database '${sourceDb.name}': ${notInSource.join(", ")}.`,
      ),
    );
  }
  const toCopy = selected.map((t) => sourceTables.find((s) => sameTable(s, t))!);
  const targetTables = Object.keys(targetDb.tables);
  const notInTarget = toCopy.filter((t) => !targetTables.some((s) => sameTable(s, t)));
  if (notInTarget.length > 0) {
    return fail(
      sqlMigrationErrors.sqlInfoValidationFailed(
        "TableMappingMismatch",
        `The following tables were not found in target database '${targetDb.name}': ${notInTarget.join(", ")}. ` +
          "Deploy the schema to the target database before migrating data.",
      ),
    );
  }

  // Tables without rows are skipped and never reported (Learn: "0-row tables won't be listed").
  const tables: TableCopy[] = [];
  for (const name of toCopy) {
    const rows = sourceDb.tables[name]!;
    if (rows === 0) continue;
    const failure = plantTableFailure(faults, sourceDb.name, name);
    tables.push({
      tableName: name,
      totalRows: rows,
      rowsCopied: 0,
      status: "PreparingForCopy",
      ...(failure ? { failure } : {}),
    });
  }
  return { ok: true, tables };
}
