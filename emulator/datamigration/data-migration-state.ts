/**
 * Everything one emulator's Microsoft.DataMigration holds beyond the shared store: the server catalog, the
 * DMS-specific faults, the simulation speed, the classic task engine, and for the current API the
 * integration runtimes (auth keys, SHIR nodes) and the SqlDb migration engine. One instance per emulator
 * (per register() call), so two emulators in one process never share a catalog or a running task.
 */
import { RESOURCE_TYPE } from "./task-types";
import type { EmulatorServices } from "../services";
import { DataMigrationFaults } from "./faults";
import { defaultSimulationSettings, simulationSettingsSchema, type SimulationSettings } from "./settings";
import { SourceCatalog } from "./source-catalog";
import { IntegrationRuntimes } from "./sql-migration/integration-runtime";
import { SqlDbMigrationEngine } from "./sql-migration/sqldb-migration-engine";
import { TaskEngine } from "./task-engine";

export class DataMigrationState {
  readonly catalog = new SourceCatalog();
  readonly faults = new DataMigrationFaults();
  readonly tasks: TaskEngine;
  readonly runtimes: IntegrationRuntimes;
  readonly sqlDbMigrations: SqlDbMigrationEngine;
  private settings: SimulationSettings;

  constructor(
    readonly services: EmulatorServices,
    overrides: Partial<SimulationSettings> = {},
  ) {
    this.settings = simulationSettingsSchema.parse({
      ...defaultSimulationSettings(services.timing.provisioningDelayMs),
      ...overrides,
    });
    this.tasks = new TaskEngine({
      store: services.store,
      clock: services.clock,
      catalog: this.catalog,
      faults: this.faults,
      settings: () => this.settings,
    });
    this.runtimes = new IntegrationRuntimes((serviceId) => services.store.has(serviceId));
    this.sqlDbMigrations = new SqlDbMigrationEngine({
      services,
      catalog: this.catalog,
      faults: this.faults,
      runtimes: this.runtimes,
      settings: () => this.settings,
    });
  }

  getSettings(): SimulationSettings {
    return { ...this.settings };
  }

  /** Changes the simulation speed; applies from the next tick of every task. */
  setSettings(change: Partial<SimulationSettings>): SimulationSettings {
    this.settings = simulationSettingsSchema.parse({ ...this.settings, ...change });
    return this.getSettings();
  }

  /** Whether any task under `resourceId` (a service, project or task ID) is queued or running. */
  hasRunningTasks(resourceId: string): boolean {
    const prefix = resourceId.toLowerCase();
    return this.services.store
      .all()
      .some(
        (r) =>
          r.type === RESOURCE_TYPE.task &&
          (r.id.toLowerCase() === prefix || r.id.toLowerCase().startsWith(`${prefix}/`)) &&
          this.tasks.isRunning(r.id),
      );
  }
}
