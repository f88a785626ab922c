/**
 * MigrationTask: the data move of the migration guide — a DMS migration task, offline
 * (`Migrate.SqlServer.SqlDb`) or online (`Migrate.SqlServer.AzureSqlDb.Sync`), followed by each `pulumi up`
 * as far as its wait budget allows, and cut over when `cutover` is set and the readiness gate passes.
 * The decisions behind every branch are written down in docs/lifecycle.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArmClient } from "../arm";
import { buildMigrationTaskBody, TASK_TYPE, type ProjectTask } from "../dms";
import { taskPath, DMS_API_VERSION, type TaskAddress } from "./dms-paths";
import { ResourceInitError } from "./init-error";
import { logInfo, logWarn } from "./log";
import { checkConnections } from "./migration-task/connection-checks";
import { completeMigration, type CutoverEvent } from "./migration-task/cutover";
import { fetchTask, followTask } from "./migration-task/follow";
import { migrationTaskInputs, remoteTaskName, waitGoal, type MigrationTaskInputs } from "./migration-task/inputs";
import { taskFacts } from "./migration-task/task-facts";
import { FAILED_PHASES, goalReached, isDataMoved, type MigrationPhase } from "./migration-phase";
import { validateDatabases } from "./migration-task/validation";
import { validationFacts, validationFailureMessage, type ValidationSummary } from "./validation-step";
import { reportingStep } from "./report-step";
import type { DatabaseFacts } from "../report";
import { readingOf, type TaskReading } from "./migration-task/phase";
import {
  boundedStoredProgress,
  dataMoveFilesIn,
  inStateShape,
  writeDataMoveFiles,
  type DataMoveFiles,
  type StoredDatabaseProgress,
} from "./migration-task/progress-in-state";
import { boundedMessages } from "./table-summary";
import { withPlainOutputs } from "./plain-outputs";
import { checkInputs } from "./validation";

export interface MigrationTaskOutputs extends MigrationTaskInputs {
  remoteTaskName: string;
  resourceId: string;
  state: string;
  phase: MigrationPhase;
  startedOn?: string;
  endedOn?: string;
  /**
   * Per database: state, rows, counters and `tableSummary` (counts per table state, the first failed tables);
   * every table's progress is in its `dataMoveFile`. State written by an earlier version has `tables` instead.
   */
  databaseProgress: StoredDatabaseProgress[];
  /** The first errors and how many more (each table's errors are in the data-move files). */
  errors: string[];
  /** The last validation of each database (bounded; every table's result is in its resultFile). */
  validationResults?: ValidationSummary[];
  /** The cutover's gate checks and commands, newest last (bounded). */
  cutoverTimeline?: CutoverEvent[];
  checkedAt: string;
}

function addressOf(inputs: MigrationTaskInputs): TaskAddress {
  return {
    subscriptionId: inputs.subscriptionId,
    resourceGroupName: inputs.resourceGroupName,
    serviceName: inputs.serviceName,
    projectName: inputs.projectName,
    taskName: remoteTaskName(inputs),
  };
}

/** The outputs of one reading of the task: what state keeps, bounded whatever the table count. */
export function outputsOf(
  inputs: MigrationTaskInputs,
  task: ProjectTask,
  reading: TaskReading,
  dataMoveFiles: DataMoveFiles = {},
): MigrationTaskOutputs {
  return {
    ...inputs,
    remoteTaskName: remoteTaskName(inputs),
    resourceId: task.id ?? taskPath(addressOf(inputs)),
    state: reading.state,
    phase: reading.phase,
    startedOn: reading.summary?.startedOn,
    endedOn: reading.summary?.endedOn,
    databaseProgress: inStateShape(reading.summary?.databases ?? [], dataMoveFiles),
    errors: boundedMessages(reading.errors),
    checkedAt: new Date().toISOString(),
  };
}

/** What makes an existing task a different migration from the one declared (empty when it is the same). */
function incompatibilities(task: ProjectTask, inputs: MigrationTaskInputs): string[] {
  const expectedType = inputs.mode === "offline" ? TASK_TYPE.migrateOffline : TASK_TYPE.migrateOnline;
  const found: string[] = [];
  const facts = taskFacts(task);
  if (facts.taskType !== expectedType) found.push(`task type is ${facts.taskType}, not ${expectedType}`);
  const input = facts.input as { selectedDatabases?: { name?: string }[] } | undefined;
  const live = (input?.selectedDatabases ?? []).map((d) => (d.name ?? "").toLowerCase()).sort();
  const wanted = inputs.databases.map((d) => d.sourceName.toLowerCase()).sort();
  if (input?.selectedDatabases && JSON.stringify(live) !== JSON.stringify(wanted)) {
    found.push(`databases are [${live.join(", ")}], not [${wanted.join(", ")}]`);
  }
  return found;
}

function failureMessage(name: string, reading: TaskReading): string {
  // Bounded like the state: the message is recorded with the failed resource (one error per failed table).
  const errors = boundedMessages(reading.errors);
  const details = errors.length ? `:\n  - ${errors.join("\n  - ")}` : "";
  return `migration task ${name} ${reading.phase === "canceled" ? "was canceled" : "failed"} (state ${reading.state})${details}`;
}

/**
 * advanceToGoal: moves a long-running migration toward the update's goal within its wait budget and returns the
 * outputs of the state reached; throws a ResourceInitError recording that state when it failed (or fell short
 * under `strictWait`), so the next update continues from there.
 *
 * Here: follows the task, performs the cutover when asked, and validates a completed offline task.
 */
async function advanceToGoal(
  arm: ArmClient,
  inputs: MigrationTaskInputs,
  id: string,
  earlier: CutoverEvent[] = [],
): Promise<MigrationTaskOutputs> {
  const timeline = [...earlier];
  const withTimeline = (outs: MigrationTaskOutputs): MigrationTaskOutputs =>
    timeline.length ? { ...outs, cutoverTimeline: timeline.slice(-TIMELINE_KEPT) } : outs;
  const address = addressOf(inputs);
  const goal = waitGoal(inputs);
  const deadline = Date.now() + inputs.waitTimeoutSeconds * 1000;
  // With a cutover, first follow to readiness, then pass the gate and complete.
  let followed = await followTask(
    arm,
    address,
    inputs,
    inputs.cutover ? "readyForCutover" : goal,
    deadline - Date.now(),
  );
  let files = await writeDataMoveFiles(inputs, followed.reading.summary?.databases ?? []);
  // The gate runs even when the budget ran out first: it then refuses with the reasons, sending nothing.
  let validationResults: ValidationSummary[] | undefined;
  if (inputs.cutover && !FAILED_PHASES.includes(followed.reading.phase)) {
    try {
      const validated = await completeMigration(arm, address, followed.task, inputs, timeline);
      if (validated.length) validationResults = validated;
    } catch (error) {
      throw new ResourceInitError(
        (error as Error).message,
        id,
        withTimeline(outputsOf({ ...inputs, cutover: false }, followed.task, followed.reading, files)),
      );
    }
    followed = await followTask(arm, address, inputs, "completed", Math.max(0, deadline - Date.now()));
    files = await writeDataMoveFiles(inputs, followed.reading.summary?.databases ?? []);
  }
  const outs: MigrationTaskOutputs = withTimeline({
    ...outputsOf(inputs, followed.task, followed.reading, files),
    ...(validationResults ? { validationResults } : {}),
  });
  if (followed.reading.phase === "completed" && inputs.mode === "offline") return validateOffline(inputs, outs, id);
  if (FAILED_PHASES.includes(followed.reading.phase)) {
    const message = `${failureMessage(address.taskName, followed.reading)}\nSet retry to ${inputs.retry + 1} to start a new task.`;
    throw new ResourceInitError(message, id, outs, boundedMessages(followed.reading.errors));
  }
  if (!goalReached(followed.reading.phase, goal)) {
    const message =
      `migration task ${address.taskName} is ${followed.reading.phase} after ${inputs.waitTimeoutSeconds}s, ` +
      `short of ${goal}; the next update continues from here`;
    if (inputs.strictWait) throw new ResourceInitError(message, id, outs);
    logWarn(message);
  }
  return outs;
}

/**
 * An offline task finished: compare each database (unless validation is off). Clean → `validated`;
 * differences → `validationFailed`, recorded, and the update fails naming the tables and what to do.
 */
async function validateOffline(
  inputs: MigrationTaskInputs,
  outs: MigrationTaskOutputs,
  id: string,
): Promise<MigrationTaskOutputs> {
  if (inputs.validation.depth === "none") return { ...outs, phase: "completed" };
  const names = inputs.databases.map((d) => d.sourceName);
  const validationResults = await validateDatabases(inputs, names);
  const clean = validationResults.every((v) => v.verdict === "validated");
  const validated: MigrationTaskOutputs = {
    ...outs,
    validationResults,
    phase: clean ? "validated" : "validationFailed",
  };
  if (!clean) {
    const failed = validationResults.filter((v) => v.verdict !== "validated");
    const next = `Fix the data, then set revalidate to ${inputs.revalidate + 1} to validate again (no data is copied again).`;
    throw new ResourceInitError(
      failed
        .map((v, i) => validationFailureMessage(`migration task ${outs.remoteTaskName} (${names[i]})`, v, ""))
        .join("\n") + next,
      id,
      validated,
    );
  }
  return validated;
}

/** Cutover events kept in state: the recent history, bounded however often the gate refuses. */
const TIMELINE_KEPT = 20;

/** The task's facts for the migration report, per database (the cutover timeline with the first one). */
function reportFacts(outs: MigrationTaskOutputs): DatabaseFacts[] {
  return outs.databases.map((db, i) => {
    // Either shape of state (with a table summary, or an earlier version's with every table) has these fields.
    const moved = outs.databaseProgress.find((p) => p.database.toLowerCase() === db.sourceName.toLowerCase());
    const v = outs.validationResults?.[i];
    return {
      database: db.sourceName,
      targetDatabase: db.targetName,
      phase: outs.phase,
      ...(moved?.state ? { state: moved.state } : {}),
      ...(moved?.startedOn ? { startedOn: moved.startedOn } : {}),
      ...(moved?.endedOn ? { endedOn: moved.endedOn } : {}),
      rowsCopied: moved?.rowsCopied ?? 0,
      errors: moved?.errors ?? [],
      ...(moved && "dataMoveFile" in moved && moved.dataMoveFile ? { dataMoveFile: moved.dataMoveFile } : {}),
      ...(v ? { validation: validationFacts(v, outs.allowValidationMismatch && v.verdict !== "validated") } : {}),
      ...(i === 0 && outs.cutoverTimeline?.length ? { cutover: outs.cutoverTimeline } : {}),
    };
  });
}

/** Runs one provider step and keeps the migration report current, one entry per database (see reportingStep). */
const reporting = (inputs: MigrationTaskInputs, work: () => Promise<MigrationTaskOutputs>) =>
  reportingStep(inputs, reportFacts, work);

/** Replacing means a new task: the definition changed, or a failed task is retried. */
function replacementKeys(olds: MigrationTaskOutputs, news: MigrationTaskInputs): string[] {
  const keys: string[] = [];
  for (const key of [
    "subscriptionId",
    "resourceGroupName",
    "serviceName",
    "projectName",
    "taskName",
    "mode",
  ] as const) {
    if (olds[key] !== news[key]) keys.push(key);
  }
  if (JSON.stringify(olds.databases) !== JSON.stringify(news.databases)) keys.push("databases");
  for (const side of ["source", "target"] as const) {
    // A password change alone does not restart a migration: it only matters to a task not yet started.
    const { password: _old, ...oldRest } = olds[side];
    const { password: _new, ...newRest } = news[side];
    if (JSON.stringify(oldRest) !== JSON.stringify(newRest)) keys.push(side);
  }
  if (olds.retry !== news.retry && FAILED_PHASES.includes(olds.phase)) keys.push("retry");
  return keys;
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(migrationTaskInputs),

  async diff(_id, olds: MigrationTaskOutputs, news: MigrationTaskInputs) {
    const replaces = replacementKeys(olds, news);
    const settingsChanged =
      (
        [
          "wait",
          "strictWait",
          "waitTimeoutSeconds",
          "cutover",
          "maxPendingChanges",
          "retry",
          "progressLogIntervalSeconds",
          "revalidate",
          "allowValidationMismatch",
          "reportDirectory",
        ] as const
      ).some((key) => olds[key] !== news[key]) || JSON.stringify(olds.validation) !== JSON.stringify(news.validation);
    // Not there yet (budget ran out earlier, cutover asked), failed, or not validated yet: the update goes on.
    const notValidated = news.mode === "offline" && news.validation.depth !== "none" && olds.phase !== "validated";
    const unfinished = !goalReached(olds.phase, waitGoal(news)) || FAILED_PHASES.includes(olds.phase) || notValidated;
    const passwordsChanged =
      olds.source.password !== news.source.password || olds.target.password !== news.target.password;
    return {
      changes: replaces.length > 0 || settingsChanged || unfinished || passwordsChanged,
      replaces,
      // The replacement uses the same deterministic name (unless retried), so the old task goes first.
      deleteBeforeReplace: true,
    };
  },

  async create(inputs: MigrationTaskInputs) {
    const arm = ArmClient.fromEnvironment();
    const address = addressOf(inputs);
    const path = taskPath(address);
    const existing = await fetchTask(arm, address);
    if (existing) {
      const conflicts = incompatibilities(existing, inputs);
      if (conflicts.length) {
        throw new Error(`a different migration task named ${address.taskName} already exists: ${conflicts.join("; ")}`);
      }
      logInfo(`following the existing migration task ${address.taskName} (${readingOf(existing, inputs).state})`);
    } else {
      await checkConnections(arm, address, address.taskName, inputs.source, inputs.target);
      logInfo(
        `starting ${inputs.mode} migration task ${address.taskName} for ${inputs.databases.map((d) => d.sourceName).join(", ")}`,
      );
      await arm.request({ method: "PUT", path, apiVersion: DMS_API_VERSION, body: buildMigrationTaskBody(inputs) });
    }
    const outs = await reporting(inputs, () => advanceToGoal(arm, inputs, path));
    return { id: path, outs };
  },

  async read(id, props: MigrationTaskOutputs) {
    const task = await fetchTask(ArmClient.fromEnvironment(), addressOf(props));
    if (!task && isDataMoved(props.phase)) {
      // DMS task records are often cleaned up after a migration. Forgetting the resource would make the next
      // update copy the data again, so a completed migration stays recorded as completed.
      logWarn(
        `migration task ${props.remoteTaskName} no longer exists in DMS; keeping the completed migration as it is`,
      );
      return { id, props };
    }
    if (!task) return { id: "", props: {} };
    const reading = readingOf(task, props);
    // Read only: the data-move files are the ones the last update wrote (refresh writes no file).
    const live = outputsOf(props, task, reading, dataMoveFilesIn(props.databaseProgress));
    // What validation concluded of a finished task stays as recorded.
    if (reading.phase === "completed" && isDataMoved(props.phase))
      return {
        id,
        props: {
          ...live,
          phase: props.phase,
          ...(props.validationResults ? { validationResults: props.validationResults } : {}),
        },
      };
    return { id, props: live };
  },

  async update(id, olds: MigrationTaskOutputs, news: MigrationTaskInputs) {
    return { outs: await reporting(news, () => updateTask(id, olds, news)) };
  },

  async delete(_id, props: MigrationTaskOutputs) {
    await deleteTask(props);
  },
});

async function updateTask(
  id: string,
  olds: MigrationTaskOutputs,
  news: MigrationTaskInputs,
): Promise<MigrationTaskOutputs> {
  const arm = ArmClient.fromEnvironment();
  if (isDataMoved(olds.phase)) {
    if (olds.cutover && !news.cutover)
      logWarn(`migration task ${olds.remoteTaskName} is completed; a cutover cannot be undone, nothing was changed`);
    const kept: MigrationTaskOutputs = {
      ...olds,
      ...news,
      phase: olds.phase,
      state: olds.state,
      // State written by an earlier version held every table: moved to the data-move files, a summary kept.
      databaseProgress: await boundedStoredProgress({ ...news, retry: olds.retry }, olds.databaseProgress),
      errors: boundedMessages(olds.errors ?? []),
    };
    // Offline: validate again without a new data move when asked, when validation was turned on, or report it failed.
    if (news.mode !== "offline" || news.validation.depth === "none") return kept;
    if (olds.phase === "validationFailed" && olds.revalidate === news.revalidate) {
      throw new Error(
        `migration task ${olds.remoteTaskName}: validation failed (see validationResults). Nothing was changed. Fix the data, then set revalidate to ${news.revalidate + 1}.`,
      );
    }
    if (olds.phase === "validated" && olds.revalidate === news.revalidate) return kept;
    return await validateOffline(news, { ...kept, phase: "completed" }, id);
  }
  if (FAILED_PHASES.includes(olds.phase)) {
    if (olds.retry !== news.retry) logWarn(`retry changed but the task is ${olds.phase}; it is replaced instead`);
    const task = await fetchTask(arm, addressOf(olds));
    const reading = task ? readingOf(task, news) : undefined;
    if (task && reading && !FAILED_PHASES.includes(reading.phase))
      return await advanceToGoal(arm, news, id, olds.cutoverTimeline);
    throw new Error(
      `${reading ? failureMessage(olds.remoteTaskName, reading) : `migration task ${olds.remoteTaskName} is gone`}\n` +
        `Nothing was changed. Set retry to ${news.retry + 1} to replace it with a new task.`,
    );
  }
  if (olds.retry !== news.retry)
    logWarn(`retry is ignored: migration task ${olds.remoteTaskName} is ${olds.phase}, not failed`);
  return await advanceToGoal(arm, { ...news, retry: olds.retry }, id, olds.cutoverTimeline);
}

async function deleteTask(props: MigrationTaskOutputs): Promise<void> {
  const arm = ArmClient.fromEnvironment();
  const address = addressOf(props);
  const task = await fetchTask(arm, address);
  if (task) {
    const state = taskFacts(task).state;
    if (state === "Queued" || state === "Running") {
      logInfo(`canceling migration task ${address.taskName} (${state})`);
      await arm.post(`${taskPath(address)}/cancel`, DMS_API_VERSION);
    }
    await arm.deleteIfExists(taskPath(address), DMS_API_VERSION, { deleteRunningTasks: "true" });
  }
  logInfo(
    `deleted migration task ${address.taskName}; the target databases ` +
      `${props.databases.map((d) => d.targetName).join(", ")} on ${props.target.server} were left in place with the data they hold`,
  );
}
