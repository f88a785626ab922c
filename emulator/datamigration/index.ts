/**
 * Microsoft.DataMigration for the ARM emulator: the classic model (services, projects, tasks) and the current
 * API (sqlMigrationServices, databaseMigrations of kind SqlDb; see sql-migration/ and README.md).
 *
 *   const clock = new ManualClock();
 *   const dms = createDataMigrationModule({ rowsPerTick: 500 });
 *   const emulator = await startEmulator({ clock, modules: withDataMigrationModule(dms) });
 *   dms.controls.servers.define({ server: "sql01", logins: { sa: "pw" }, databases: { Sales: { tables: { Orders: 1200 } } } });
 *   ... PUT service, project, task over HTTPS ...
 *   clock.advance(dms.controls.simulation.get().tickMs * 3);
 *
 * The default instance (`microsoftDataMigrationModule`) is in emulator/modules.ts; the standalone emulator
 * can load a server catalog from the JSON file named by EMULATOR_DMS_CATALOG (an array of
 * SqlServerDefinition) and is staged over /_emulator/datamigration (admin-routes.ts).
 */
export { createDataMigrationModule } from "./module";
export type { DataMigrationModule, DataMigrationModuleOptions } from "./module";
export { microsoftDataMigrationModule } from "./default-module";
export { withDataMigrationModule } from "./with-module";
export type { DataMigrationControls, SourceChange } from "./controls";
export type { DataMigrationFaultSpec, ActiveDataMigrationFault } from "./faults";
export type { SimulationSettings } from "./settings";
export type { SqlServerDefinition } from "./source-catalog";
export type { IntegrationRuntimeState, NodeRegistration, NodeStatus } from "./sql-migration/integration-runtime";
export { registerSqlMigrationRoutes } from "./sql-migration";
export type { SqlServerBackend } from "./source-catalog";
