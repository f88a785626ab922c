/**
 * The Microsoft.DataMigration resource module: routes for the classic model (services, projects, tasks) and
 * the current API (sqlMigrationServices, databaseMigrations of kind SqlDb) on the shared router, the admin
 * routes on the admin router, and the in-process controls of the emulator it last joined.
 */
import type { Router } from "../arm/router";
import type { EmulatorServices, ResourceModule } from "../services";
import { registerDataMigrationAdminRoutes } from "./admin-routes";
import { controlsFor, type DataMigrationControls } from "./controls";
import { DataMigrationState } from "./data-migration-state";
import { NAMESPACE } from "./paths";
import { registerClassicRoutes } from "./routes";
import type { SimulationSettings } from "./settings";
import type { SqlServerDefinition } from "./source-catalog";
import { registerSqlMigrationRoutes } from "./sql-migration";

export interface DataMigrationModuleOptions extends Partial<SimulationSettings> {
  /** Servers every emulator using this module starts with (a function is read at each registration). */
  servers?: readonly SqlServerDefinition[] | (() => readonly SqlServerDefinition[]);
}

export interface DataMigrationModule extends ResourceModule {
  /** Controls of the emulator this module was registered with most recently. */
  readonly controls: DataMigrationControls;
  /** Adds the /_emulator/datamigration routes to an emulator's admin router. */
  registerAdmin(adminRouter: Router, services: EmulatorServices): void;
}

export function createDataMigrationModule(options: DataMigrationModuleOptions = {}): DataMigrationModule {
  const { servers = [], ...settings } = options;
  // One state per emulator, so a module shared by several emulators (the default one) never mixes them.
  const states = new WeakMap<EmulatorServices, DataMigrationState>();
  let latest: DataMigrationState | undefined;
  const current = () => {
    if (!latest) throw new Error("The Microsoft.DataMigration module is not registered with a running emulator yet.");
    return latest;
  };
  return {
    name: NAMESPACE,
    controls: controlsFor(current),
    register(router, services) {
      const state = new DataMigrationState(services, settings);
      for (const server of typeof servers === "function" ? servers() : servers) state.catalog.define(server);
      states.set(services, state);
      latest = state;
      registerClassicRoutes(router, services, state);
      registerSqlMigrationRoutes(router, services, state);
    },
    registerAdmin(adminRouter, services) {
      const state = states.get(services);
      if (state)
        registerDataMigrationAdminRoutes(
          adminRouter,
          controlsFor(() => state),
        );
    },
  };
}
