/**
 * The current Database Migration Service API (sqlmigration.json): sqlMigrationServices and databaseMigrations
 * of kind SqlDb, on the routes the spec declares, each bound to its named handler. Called by the
 * Microsoft.DataMigration module (../module.ts) with the module's DataMigrationState, so the classic and the
 * current API share one SourceCatalog, one set of DMS faults, one SimulationSettings and the emulator's clock.
 */
import type { ArmRequest, ArmResponse, HttpMethod } from "../../arm/request";
import type { Router } from "../../arm/router";
import type { EmulatorServices } from "../../services";
import type { DataMigrationState } from "../data-migration-state";
import type { SqlMigrationContext } from "./gates";
import * as migrations from "./migration-handlers";
import {
  SQL_DB_MIGRATION,
  SQL_MIGRATION_SERVICE,
  SQL_MIGRATION_SERVICES,
  SUBSCRIPTION_SQL_MIGRATION_SERVICES,
} from "./paths";
import * as services from "./service-handlers";

type Handler = (ctx: SqlMigrationContext, req: ArmRequest) => ArmResponse;

/** operationId → method and template, as sqlmigration.json pairs them. */
const ROUTES: ReadonlyArray<[HttpMethod, string, Handler]> = [
  ["PUT", SQL_MIGRATION_SERVICE, services.SqlMigrationServices_CreateOrUpdate],
  ["GET", SQL_MIGRATION_SERVICE, services.SqlMigrationServices_Get],
  ["PATCH", SQL_MIGRATION_SERVICE, services.SqlMigrationServices_Update],
  ["DELETE", SQL_MIGRATION_SERVICE, services.SqlMigrationServices_Delete],
  ["GET", SQL_MIGRATION_SERVICES, services.SqlMigrationServices_ListByResourceGroup],
  ["GET", SUBSCRIPTION_SQL_MIGRATION_SERVICES, services.SqlMigrationServices_ListBySubscription],
  ["POST", `${SQL_MIGRATION_SERVICE}/listAuthKeys`, services.SqlMigrationServices_listAuthKeys],
  ["POST", `${SQL_MIGRATION_SERVICE}/regenerateAuthKeys`, services.SqlMigrationServices_regenerateAuthKeys],
  ["POST", `${SQL_MIGRATION_SERVICE}/listMonitoringData`, services.SqlMigrationServices_listMonitoringData],
  ["POST", `${SQL_MIGRATION_SERVICE}/deleteNode`, services.SqlMigrationServices_deleteNode],
  ["GET", `${SQL_MIGRATION_SERVICE}/listMigrations`, services.SqlMigrationServices_listMigrations],
  ["PUT", SQL_DB_MIGRATION, migrations.DatabaseMigrationsSqlDb_CreateOrUpdate],
  ["GET", SQL_DB_MIGRATION, migrations.DatabaseMigrationsSqlDb_Get],
  ["DELETE", SQL_DB_MIGRATION, migrations.DatabaseMigrationsSqlDb_Delete],
  ["POST", `${SQL_DB_MIGRATION}/cancel`, migrations.DatabaseMigrationsSqlDb_cancel],
  ["POST", `${SQL_DB_MIGRATION}/retry`, migrations.DatabaseMigrationsSqlDb_retry],
];

export function registerSqlMigrationRoutes(
  router: Router,
  emulatorServices: EmulatorServices,
  state: DataMigrationState,
): void {
  const ctx: SqlMigrationContext = { services: emulatorServices, state };
  for (const [method, template, handler] of ROUTES) router.add(method, template, (req) => handler(ctx, req));
}
