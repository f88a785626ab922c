/**
 * Runs the simulated tasks: one timer per task on the emulator's clock, one tick per `tickMs`.
 *
 *   connection checks   Queued → Running → Succeeded | Failed                 (one tick each)
 *   offline migration   Queued → Running (connect, validate) → rows per tick → Succeeded | Failed
 *   online migration    Queued → Running → full load → READY_TO_COMPLETE, changes applied per tick →
 *                       complete command → COMPLETING → COMPLETE per database → Succeeded
 *   any of them         cancel → Canceled
 *
 * After every tick the task's state, errors and output are written to the store, stripped of secrets: the
 * original input (with passwords) lives only here, in memory, for the simulated connections.
 */
import type { Clock, ClockTimer } from "../arm/clock";
import type { ResourceStore } from "../arm/store";
import { TASK_TYPE } from "./task-types";
import { runConnectionTask } from "./connection-checks";
import type { DataMigrationFaults } from "./faults";
import {
  applyChanges,
  captureChanges,
  copyRows,
  fullLoadDone,
  generateChanges,
  pendingChanges,
  stopAll,
  type ChangeCounts,
  type MigrationProgress,
} from "./migration-progress";
import { errorOutput, offlineOutput, syncOutput, type ServerVersions } from "./output-builders";
import { prepareMigration } from "./prepare-migration";
import type { SimulationSettings } from "./settings";
import type { SourceCatalog } from "./source-catalog";

export type SimulatedTaskState = "Queued" | "Running" | "Succeeded" | "Failed" | "FailedInputValidation" | "Canceled";

export interface CommandRecord {
  commandType: string;
  input: { databaseName: string; commitTimeStamp?: string };
  state: "Accepted" | "Running" | "Succeeded" | "Failed";
  errors?: Array<{ code: string; message: string }>;
  output: { id: string; errors: Array<{ message: string }> };
}

interface SimulatedTask {
  id: string;
  name: string;
  taskType: string;
  /** The task input as PUT, passwords included. Never written to the store or returned. */
  input: Record<string, unknown>;
  /** `Premium`, `Standard`, … of the service at task creation (online needs Premium). */
  serviceTier: string;
  state: SimulatedTaskState;
  ticks: number;
  timer?: ClockTimer;
  progress?: MigrationProgress;
  versions?: ServerVersions;
  sourceHost?: string;
  failAtTick?: { tick: number; message: string };
  errors: Array<{ code: string; message: string }>;
  output: unknown[];
  commands: CommandRecord[];
}

export interface TaskEngineDeps {
  store: ResourceStore;
  clock: Clock;
  catalog: SourceCatalog;
  faults: DataMigrationFaults;
  settings: () => SimulationSettings;
}

const MIGRATION_TYPES: readonly string[] = [TASK_TYPE.migrateOffline, TASK_TYPE.migrateOnline];
const RUNNING: readonly SimulatedTaskState[] = ["Queued", "Running"];

export type CompleteResult =
  { state: "Accepted"; command: CommandRecord } | { state: "Failed"; command: CommandRecord };

export class TaskEngine {
  private readonly tasks = new Map<string, SimulatedTask>();

  constructor(private readonly deps: TaskEngineDeps) {}

  /** Starts a new task: Queued now, first tick after `tickMs`. */
  start(id: string, name: string, taskType: string, input: Record<string, unknown>, serviceTier: string): void {
    const task: SimulatedTask = {
      id,
      name,
      taskType,
      input: structuredClone(input),
      serviceTier,
      state: "Queued",
      ticks: 0,
      errors: [],
      output: [],
      commands: [],
    };
    this.tasks.set(id.toLowerCase(), task);
    this.persist(task);
    this.arm(task);
  }

  isRunning(id: string): boolean {
    const task = this.tasks.get(id.toLowerCase());
    return task !== undefined && RUNNING.includes(task.state);
  }

  /** Cancels a queued or running task; a finished one is left as it is. */
  cancel(id: string): void {
    const task = this.tasks.get(id.toLowerCase());
    if (!task || !RUNNING.includes(task.state)) return;
    this.stopTimer(task);
    task.state = "Canceled";
    if (task.progress) stopAll(task.progress, "Canceled", this.deps.clock.now());
    this.persist(task);
  }

  /** Drops a deleted task (cancelling its timer). */
  forget(id: string): void {
    const task = this.tasks.get(id.toLowerCase());
    if (task) this.stopTimer(task);
    this.tasks.delete(id.toLowerCase());
  }

  /** Forgets every task under a resource ID (a deleted service or project). */
  forgetTree(idPrefix: string): void {
    const prefix = `${idPrefix.toLowerCase()}/`;
    for (const key of [...this.tasks.keys()]) if (key.startsWith(prefix)) this.forget(key);
  }

  /** `Migrate.Sync.Complete.Database`: accepted only for a database whose full load is done. */
  complete(id: string, databaseName: string, commitTimeStamp?: string): CompleteResult {
    const task = this.tasks.get(id.toLowerCase())!;
    const command: CommandRecord = {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName, ...(commitTimeStamp ? { commitTimeStamp } : {}) },
      state: "Accepted",
      output: { id: `${task.commands.length + 1}`, errors: [] },
    };
    const reject = (message: string): CompleteResult => {
      command.state = "Failed";
      command.errors = [{ code: "CommandFailed", message }];
      command.output.errors = [{ message }];
      task.commands.push(command);
      this.persist(task);
      return { state: "Failed", command };
    };
    if (task.state !== "Running" || !task.progress) return reject(`The task is not running (state ${task.state}).`);
    const db = task.progress.databases.find((d) => d.sourceName.toLowerCase() === databaseName.toLowerCase());
    if (!db) return reject(`Database '${databaseName}' is not part of this migration.`);
    const fault = this.deps.faults.takeCommandRejection(db.sourceName);
    if (fault) return reject(fault.message ?? `Completing database '${db.sourceName}' was rejected (injected fault).`);
    if (db.stage === "Completing" || db.stage === "Completed") {
      task.commands.push(command);
      this.persist(task);
      return { state: "Accepted", command };
    }
    if (db.stage !== "Syncing" || !db.tables.every((t) => t.stage === "Loaded")) {
      return reject(`Database '${db.sourceName}' cannot be completed: its full load is not done (state ${db.stage}).`);
    }
    db.stage = "Completing";
    task.commands.push(command);
    this.persist(task);
    this.arm(task);
    return { state: "Accepted", command };
  }

  /** Source writes for online tasks reading `database`.`table` (on `server`, when given). Returns tasks affected. */
  captureSourceChanges(change: { server?: string; database: string; table: string } & ChangeCounts): number {
    let affected = 0;
    for (const task of this.tasks.values()) {
      if (task.taskType !== TASK_TYPE.migrateOnline || task.state !== "Running" || !task.progress) continue;
      if (change.server && task.sourceHost?.toLowerCase() !== change.server.toLowerCase()) continue;
      const db = task.progress.databases.find((d) => d.sourceName.toLowerCase() === change.database.toLowerCase());
      if (
        !db ||
        db.stage === "Completing" ||
        db.stage === "Completed" ||
        db.stage === "Canceled" ||
        db.stage === "Failed"
      )
        continue;
      if (captureChanges(db, change.table, change)) {
        affected++;
        this.persist(task);
        this.arm(task);
      }
    }
    return affected;
  }

  // --- ticking -----------------------------------------------------------------------------------------

  private arm(task: SimulatedTask): void {
    if (task.timer || !RUNNING.includes(task.state)) return;
    task.timer = this.deps.clock.schedule(this.deps.settings().tickMs, () => this.tick(task));
  }

  private stopTimer(task: SimulatedTask): void {
    if (task.timer) this.deps.clock.cancel(task.timer);
    task.timer = undefined;
  }

  private tick(task: SimulatedTask): void {
    task.timer = undefined;
    // The task (or its service, project or resource group) was deleted behind the engine's back.
    if (!this.deps.store.has(task.id)) {
      this.tasks.delete(task.id.toLowerCase());
      return;
    }
    task.ticks++;
    if (task.state === "Queued") this.begin(task);
    else if (MIGRATION_TYPES.includes(task.taskType)) this.stepMigration(task);
    else this.finishConnectionTask(task);
    this.persist(task);
    if (this.needsAnotherTick(task)) this.arm(task);
  }

  private begin(task: SimulatedTask): void {
    task.state = "Running";
    if (!MIGRATION_TYPES.includes(task.taskType)) return;
    const now = this.deps.clock.now();
    const mode = task.taskType === TASK_TYPE.migrateOnline ? "online" : "offline";
    if (mode === "online" && task.serviceTier.toLowerCase() !== "premium") {
      this.fail(task, "FailedInputValidation", "Online migrations need a service on the Premium pricing tier.");
      return;
    }
    const prepared = prepareMigration(mode, task.input, this.deps.catalog, this.deps.faults);
    if (!prepared.ok) {
      this.fail(task, prepared.state, prepared.message);
      return;
    }
    task.progress = prepared.progress;
    task.versions = prepared.versions;
    task.sourceHost = prepared.sourceHost;
    task.progress.startedAt = now;
    for (const db of task.progress.databases) {
      db.stage = "FullLoad";
      db.startedAt = now;
    }
    const fault = this.deps.faults.takeTaskFailure(task.name);
    if (fault)
      task.failAtTick = {
        tick: task.ticks + fault.afterTicks,
        message: fault.message ?? `Task '${task.name}' failed (injected fault).`,
      };
  }

  private stepMigration(task: SimulatedTask): void {
    const progress = task.progress!;
    const now = this.deps.clock.now();
    const settings = this.deps.settings();
    if (task.failAtTick && task.ticks >= task.failAtTick.tick) {
      this.fail(task, "Failed", task.failAtTick.message);
      return;
    }
    for (const db of progress.databases) {
      if (db.stage === "FullLoad") {
        const loaded = new Set(db.tables.filter((t) => t.stage === "Loaded").map((t) => t.name));
        copyRows(db, settings.rowsPerTick, now);
        this.copyLoadedTables(task, db, loaded);
        if (fullLoadDone(db)) {
          if (progress.mode === "offline") {
            db.stage = "Completed";
            db.endedAt = now;
          } else {
            db.stage = "Syncing";
          }
        }
      }
      if (progress.mode === "online" && (db.stage === "Syncing" || db.stage === "Completing")) {
        if (db.stage === "Syncing" && settings.incomingChangesPerTick > 0)
          generateChanges(db, settings.incomingChangesPerTick);
        applyChanges(db, settings.appliedChangesPerTick);
        if (db.stage === "Completing" && pendingChanges(db) === 0) {
          db.stage = "Completed";
          db.endedAt = now;
          for (const c of task.commands) {
            if (c.state === "Accepted" && c.input.databaseName.toLowerCase() === db.sourceName.toLowerCase())
              c.state = "Succeeded";
          }
        }
      }
    }
    if (progress.databases.every((d) => d.stage === "Completed")) {
      const anyTableFailed = progress.databases.some((d) => d.tables.some((t) => t.stage === "Failed"));
      progress.endedAt = now;
      task.state = anyTableFailed ? "Failed" : "Succeeded";
      if (anyTableFailed)
        task.errors = progress.databases
          .flatMap((d) => d.errors)
          .map((message) => ({ code: "MigrationFailed", message }));
    }
  }

  /** Tables whose full load finished now hold the source's rows on the target (when both are stand-ins). */
  private copyLoadedTables(
    task: SimulatedTask,
    db: MigrationProgress["databases"][number],
    before: ReadonlySet<string>,
  ): void {
    const source = (task.input["sourceConnectionInfo"] as { dataSource?: string } | undefined)?.dataSource;
    const target = (task.input["targetConnectionInfo"] as { dataSource?: string } | undefined)?.dataSource;
    if (!source || !target) return;
    for (const t of db.tables) {
      if (t.stage === "Loaded" && !before.has(t.name))
        this.deps.catalog.copyTable(source, db.sourceName, target, db.targetName, t.name);
    }
  }

  private finishConnectionTask(task: SimulatedTask): void {
    const result = runConnectionTask(task.taskType, task.input, this.deps.catalog, this.deps.faults);
    task.state = result.state;
    task.errors = result.errors;
    task.output = result.output;
  }

  private fail(task: SimulatedTask, state: "Failed" | "FailedInputValidation", message: string): void {
    task.state = state;
    task.errors = [{ code: state === "Failed" ? "MigrationFailed" : "InputValidationFailed", message }];
    task.progress ??= { mode: task.taskType === TASK_TYPE.migrateOnline ? "online" : "offline", databases: [] };
    task.progress.error = message;
    stopAll(task.progress, "Failed", this.deps.clock.now());
  }

  private needsAnotherTick(task: SimulatedTask): boolean {
    if (!RUNNING.includes(task.state)) return false;
    if (!task.progress || task.progress.mode === "offline") return true;
    if (task.failAtTick) return true;
    // An online migration with nothing to copy or apply sleeps until a source write or a command wakes it.
    return task.progress.databases.some(
      (d) =>
        d.stage === "FullLoad" ||
        d.stage === "Completing" ||
        (d.stage === "Syncing" && (pendingChanges(d) > 0 || this.deps.settings().incomingChangesPerTick > 0)),
    );
  }

  private persist(task: SimulatedTask): void {
    if (task.progress && task.versions) {
      task.output =
        task.progress.mode === "offline"
          ? offlineOutput(task.progress, task.state, task.versions)
          : syncOutput(task.progress, task.versions);
    } else if (task.progress?.error) {
      task.output = [errorOutput(task.progress.error)];
    }
    this.deps.store.update(task.id, (resource) => {
      const properties = { ...(resource.properties ?? {}) };
      properties["state"] = task.state;
      properties["errors"] = structuredClone(task.errors);
      properties["output"] = structuredClone(task.output);
      properties["commands"] = structuredClone(task.commands);
      resource.properties = properties;
    });
  }
}
