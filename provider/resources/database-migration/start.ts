/**
 * Starting a run: a PUT on a databaseMigration starts a new run in Azure every time, so this is the only place
 * that sends one, and only when the resource decided a new run is wanted.
 */
import { ArmClient } from "../../arm";
import {
  bracketedTableName,
  buildSqlDbMigrationBody,
  databaseMigrationPath,
  parseSqlMigrationServiceId,
  SQL_MIGRATION_API_VERSION,
  type SqlConnectionSpec,
} from "../../dms";
import { logInfo } from "../log";
import { fetchSqlMigrationService, runtimeNotOnlineMessage, runtimeState } from "../sql-migration-service/runtime";
import { dataSource, type DatabaseMigrationInputs } from "./inputs";

/** The service refuses a run while no runtime node is online (IntegrationRuntimeIsNotOnline); say what to do first. */
async function requireRuntimeOnline(arm: ArmClient, inputs: DatabaseMigrationInputs): Promise<void> {
  const address = parseSqlMigrationServiceId(inputs.migrationServiceId)!;
  const service = await fetchSqlMigrationService(arm, address);
  if (!service) throw new Error(`sqlMigrationService ${address.serviceName} does not exist; the migration needs it`);
  const state = runtimeState(service);
  if (state !== "Online")
    throw new Error(
      `the migration to ${inputs.targetDatabaseName} was not started: ${runtimeNotOnlineMessage(address, state, [])}`,
    );
}

function connection(
  endpoint: DatabaseMigrationInputs["target"],
  authentication: SqlConnectionSpec["authentication"],
): SqlConnectionSpec {
  return {
    dataSource: dataSource(endpoint),
    authentication,
    userName: endpoint.userName,
    password: endpoint.password,
    encryptConnection: endpoint.encrypt,
    trustServerCertificate: endpoint.trustServerCertificate,
  };
}

/** Sends the PUT that starts a new run. The service validates it asynchronously; following reads the outcome. */
export async function startRun(arm: ArmClient, inputs: DatabaseMigrationInputs, why: string): Promise<void> {
  await requireRuntimeOnline(arm, inputs);
  logInfo(
    `${why}: migrating ${inputs.sourceDatabaseName} to ${inputs.targetDatabaseName} (${inputs.tables.length || "all"} tables)`,
  );
  const body = buildSqlDbMigrationBody({
    targetServerResourceId: inputs.targetServerResourceId,
    migrationServiceId: inputs.migrationServiceId,
    sourceDatabaseName: inputs.sourceDatabaseName,
    source: connection(
      inputs.source,
      inputs.source.authentication === "windows" ? "WindowsAuthentication" : "SqlAuthentication",
    ),
    target: connection(inputs.target, "SqlAuthentication"),
    tableList: inputs.tables.map(bracketedTableName),
  });
  await arm.request({
    method: "PUT",
    path: databaseMigrationPath(inputs),
    apiVersion: SQL_MIGRATION_API_VERSION,
    body,
  });
}
