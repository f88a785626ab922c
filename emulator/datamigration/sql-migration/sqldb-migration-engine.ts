/**
 * Runs the simulated SqlDb migrations: every run of every databaseMigrations resource, one timer per
 * migration on the emulator's clock, one tick per `tickMs` (the module's SimulationSettings).
 *
 *   PUT      a new run, Creating → (create LRO: validation) → Succeeded + InProgress, or Failed
 *   ticks    StartSqlDataCopy → MonitorMigration, tables copied rowsPerTick a tick → Succeeded | Retriable | Failed
 *   cancel   Canceling → (one LRO step) Canceled          retry   Retriable → InProgress, failed tables again
 *   delete   Dropping → (one LRO step) gone
 *
 * Every run is kept (GET ?migrationOperationId= reads an old one); the store holds the latest run as GET
 * shows it, written after every change, without connections. The connections, passwords included, stay in
 * this object's memory for the simulated logins. A copy makes progress only while the service's integration
 * runtime is Online: with every SHIR node stopped it waits, and resumes when a node is back.
 */
import type { ClockTimer } from "../../arm/clock";
import { idKey, newGuid } from "../../arm/ids";
import type { StoredResource } from "../../arm/store";
import type { EmulatorServices } from "../../services";
import type { DataMigrationFaults } from "../faults";
import type { SimulationSettings } from "../settings";
import type { SourceCatalog } from "../source-catalog";
import { sqlMigrationErrors } from "./errors";
import type { IntegrationRuntimes } from "./integration-runtime";
import { DATABASE_MIGRATION_TYPE, sameId } from "./paths";
import {
  beginCancel,
  failValidation,
  finishCancel,
  isActive,
  newRun,
  retryFailedTables,
  startCopy,
  stepCopy,
  type SqlDbRun,
  type SqlDbRunInput,
} from "./sqldb-run";
import { plantTableFailure, validateSqlDbRun } from "./sqldb-validation";
import { runProperties } from "./sqldb-view";

export interface SqlDbEngineDeps {
  services: EmulatorServices;
  catalog: SourceCatalog;
  faults: DataMigrationFaults;
  runtimes: IntegrationRuntimes;
  settings: () => SimulationSettings;
}

export interface SqlDbMigration {
  /** The resource ID in its creation casing. */
  readonly id: string;
  readonly name: string;
  /** Oldest first; the last one is the current run. */
  readonly runs: SqlDbRun[];
  timer?: ClockTimer;
  /** The current run's states before a cancel or a delete began, restored if that operation fails. */
  suspended?: { provisioningState: string; migrationStatus?: string };
}

export class SqlDbMigrationEngine {
  private readonly migrations = new Map<string, SqlDbMigration>();

  constructor(private readonly deps: SqlDbEngineDeps) {}

  /** A migration whose resource still exists; one removed behind the engine's back (its server or group deleted) is forgotten. */
  find(id: string): SqlDbMigration | undefined {
    const migration = this.migrations.get(idKey(id));
    if (migration && !this.deps.services.store.has(migration.id)) {
      this.forget(migration);
      return undefined;
    }
    return migration;
  }

  current(migration: SqlDbMigration): SqlDbRun {
    return migration.runs[migration.runs.length - 1]!;
  }

  /** The run with that migrationOperationId (compared without regard to case). */
  runOf(migration: SqlDbMigration, operationId: string): SqlDbRun | undefined {
    return migration.runs.find(
      (r) => r.migrationOperationId !== undefined && r.migrationOperationId.toLowerCase() === operationId.toLowerCase(),
    );
  }

  /** A PUT: a new run, Creating, on a new or existing resource. */
  begin(
    id: string,
    name: string,
    input: SqlDbRunInput,
  ): { migration: SqlDbMigration; run: SqlDbRun; created: boolean } {
    const run = newRun(input);
    const { created, resource } = this.deps.services.store.put({
      id,
      name,
      type: DATABASE_MIGRATION_TYPE,
      properties: {},
    });
    // A new resource starts a new history, even where an older one with that ID vanished with its server.
    const stale = created ? this.migrations.get(idKey(id)) : undefined;
    if (stale) this.forget(stale);
    let migration = this.find(id);
    if (!migration) {
      migration = { id: resource.id, name: resource.name, runs: [] };
      this.migrations.set(idKey(id), migration);
    }
    migration.runs.push(run);
    delete migration.suspended;
    this.persist(migration);
    return { migration, run, created };
  }

  /** The create LRO's end: the validation. Success starts the copy; failure marks the run Failed and throws the error. */
  validate(migration: SqlDbMigration, run: SqlDbRun): void {
    if (this.current(migration) !== run || run.provisioningState !== "Creating")
      throw sqlMigrationErrors.operationCanceled();
    const result = validateSqlDbRun(run.input, this.deps.catalog, this.deps.faults);
    if (!result.ok) {
      failValidation(run, result.error.message);
      this.persist(migration);
      throw result.error;
    }
    startCopy(run, newGuid(), result.tables, this.deps.services.clock.now());
    this.persist(migration);
    this.arm(migration);
  }

  /** The create LRO failed before validating (an injected lroFailed fault): the run is Failed with its message. */
  provisioningFailed(migration: SqlDbMigration, run: SqlDbRun, message: string): void {
    if (run.provisioningState !== "Creating") return;
    failValidation(run, message);
    this.persist(migration);
  }

  view(migration: SqlDbMigration, run: SqlDbRun, expand: boolean): StoredResource {
    return {
      id: migration.id,
      name: migration.name,
      type: DATABASE_MIGRATION_TYPE,
      properties: runProperties(run, { expand, now: this.deps.services.clock.now() }),
    };
  }

  beginCancel(migration: SqlDbMigration, run: SqlDbRun): void {
    if (run.migrationStatus !== "Canceling") {
      migration.suspended = { provisioningState: run.provisioningState, migrationStatus: run.migrationStatus };
      beginCancel(run);
    }
    this.stopTimer(migration);
    this.persist(migration);
  }

  finishCancel(migration: SqlDbMigration, run: SqlDbRun): void {
    if (run.migrationStatus !== "Canceling") return;
    finishCancel(run, this.deps.services.clock.now());
    delete migration.suspended;
    this.persist(migration);
  }

  /** A cancel whose operation failed leaves the run as it was, copying again if it was. */
  abortCancel(migration: SqlDbMigration, run: SqlDbRun): void {
    if (run.migrationStatus !== "Canceling") return;
    this.restore(migration, run);
    this.arm(migration);
  }

  /** Retry of a Retriable run: its failed tables copy again (table faults are looked up again). */
  retry(migration: SqlDbMigration, run: SqlDbRun): void {
    retryFailedTables(run, (table) => plantTableFailure(this.deps.faults, run.input.sourceDatabaseName, table));
    this.persist(migration);
    this.arm(migration);
  }

  /** DELETE accepted: an active run (force) ends Canceled first; then Dropping until the operation ends. */
  beginDrop(migration: SqlDbMigration): void {
    const run = this.current(migration);
    this.stopTimer(migration);
    if (isActive(run)) finishCancel(run, this.deps.services.clock.now());
    migration.suspended = { provisioningState: run.provisioningState, migrationStatus: run.migrationStatus };
    run.provisioningState = "Dropping";
    run.migrationStatus = "Dropping";
    this.persist(migration);
  }

  isDropping(migration: SqlDbMigration): boolean {
    return this.current(migration).provisioningState === "Dropping";
  }

  /** The delete operation's end: the resource and every run are gone. The target database is never touched. */
  finishDrop(migration: SqlDbMigration): void {
    this.forget(migration);
    this.deps.services.store.delete(migration.id);
  }

  abortDrop(migration: SqlDbMigration): void {
    this.restore(migration, this.current(migration));
  }

  /** Every migration (current run) that uses the service, oldest first. */
  migrationsUsing(serviceId: string): SqlDbMigration[] {
    return [...this.migrations.values()].filter(
      (m) => this.find(m.id) && sameId(this.current(m).input.migrationService, serviceId),
    );
  }

  /** Names of the migrations using the service whose current run is active (DeleteServiceNotAllowed). */
  activeMigrationsUsing(serviceId: string): string[] {
    return this.migrationsUsing(serviceId)
      .filter((m) => isActive(this.current(m)))
      .map((m) => m.name);
  }

  // --- ticking -----------------------------------------------------------------------------------------

  private arm(migration: SqlDbMigration): void {
    if (migration.timer || this.current(migration).migrationStatus !== "InProgress") return;
    migration.timer = this.deps.services.clock.schedule(this.deps.settings().tickMs, () => this.tick(migration));
  }

  private tick(migration: SqlDbMigration): void {
    migration.timer = undefined;
    if (!this.find(migration.id)) return;
    const run = this.current(migration);
    if (run.migrationStatus !== "InProgress") return;
    if (this.deps.runtimes.state(run.input.migrationService) === "Online") {
      const done = new Set(run.tables.filter((t) => t.status === "Succeeded").map((t) => t.tableName));
      stepCopy(run, this.deps.settings().rowsPerTick, this.deps.services.clock.now());
      // A table the copy finished now holds the source's rows on the target (when both are stand-ins).
      for (const t of run.tables) {
        if (t.status !== "Succeeded" || done.has(t.tableName)) continue;
        const { sourceConnection, targetConnection, sourceDatabaseName, targetDbName } = run.input;
        this.deps.catalog.copyTable(
          sourceConnection.dataSource,
          sourceDatabaseName,
          targetConnection.dataSource,
          targetDbName,
          t.tableName,
        );
      }
      this.persist(migration);
    }
    this.arm(migration);
  }

  private stopTimer(migration: SqlDbMigration): void {
    if (migration.timer) this.deps.services.clock.cancel(migration.timer);
    migration.timer = undefined;
  }

  private restore(migration: SqlDbMigration, run: SqlDbRun): void {
    if (migration.suspended) {
      run.provisioningState = migration.suspended.provisioningState;
      if (migration.suspended.migrationStatus === undefined) delete run.migrationStatus;
      else run.migrationStatus = migration.suspended.migrationStatus;
      delete migration.suspended;
    }
    this.persist(migration);
  }

  private forget(migration: SqlDbMigration): void {
    this.stopTimer(migration);
    this.migrations.delete(idKey(migration.id));
  }

  /** The store holds the current run as an expanded GET shows it (never a connection). */
  private persist(migration: SqlDbMigration): void {
    const view = this.view(migration, this.current(migration), true);
    this.deps.services.store.update(migration.id, (resource) => {
      resource.properties = view.properties;
    });
  }
}
