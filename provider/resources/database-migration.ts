/**
 * DatabaseMigration: the data move of one database with the current Azure Database Migration Service — a
 * `databaseMigrations` resource of kind SqlDb on the target logical server, run by a sqlMigrationService
 * through its self-hosted integration runtime, offline only.
 *
 * In Azure a PUT on this resource starts a new run (a new `migrationOperationId`). So the resource sends one
 * only when a new run is wanted: on create when nothing exists, on `retry` of a run the service cannot
 * resume, and on a replacement (a changed definition; preview shows it). Every other `up` follows the run it
 * recorded, by operation id; refresh reads it; delete cancels an active run, then deletes — the target's data
 * stays. Decisions behind each branch: docs/lifecycle.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArmClient, ArmError } from "../arm";
import {
  bracketedTableName,
  buildMigrationOperationBody,
  databaseMigrationPath,
  SQL_MIGRATION_API_VERSION,
  type DatabaseMigrationSqlDb,
} from "../dms";
import {
  connectionFingerprint,
  databaseMigrationInputs,
  type DatabaseMigrationInputs,
} from "./database-migration/inputs";
import { followRun } from "./database-migration/follow";
import { fetchMigration, isActive, readingOf, type RunReading } from "./database-migration/run";
import { startRun } from "./database-migration/start";
import { offlineRuntimeMessage } from "./database-migration/runtime-stall";
import { writeDataMoveFile } from "./data-move-file";
import { ResourceInitError } from "./init-error";
import { logInfo, logWarn } from "./log";
import { goalReached, isDataMoved, isFailedPhase, type MigrationPhase } from "./migration-phase";
import { withPlainOutputs } from "./plain-outputs";
import { checkInputs } from "./validation";
import {
  runValidationStep,
  validationFacts,
  validationFailureMessage,
  type ValidationSummary,
} from "./validation-step";
import { reportingStep } from "./report-step";
import type { DatabaseFacts } from "../report";
import type { SqlConnectionSpec } from "../sql/connection-spec";
import { sqlLoginConnection } from "./sql-endpoint";
import { boundedMessages, summarizeTables, type TableSummary } from "./table-summary";

export interface DatabaseMigrationOutputs extends DatabaseMigrationInputs {
  resourceId: string;
  /** The run this resource follows; absent only while the service still validates a new run. */
  migrationOperationId?: string;
  provisioningState: string;
  migrationStatus?: string;
  migrationState?: string;
  phase: MigrationPhase;
  startedOn?: string;
  endedOn?: string;
  /** Counts per table state and the first failed tables; every table's progress is in `dataMoveFile`. */
  tableSummary: TableSummary;
  rowsCopied: number;
  errors: string[];
  connectionFingerprint: string;
  /** The last validation of the copied data (bounded; every table's result is in its resultFile). */
  validationResult?: ValidationSummary;
  /** Every table's copy progress, for the migration report (the state keeps only totals in time). */
  dataMoveFile?: string;
  checkedAt: string;
}

const SETTINGS = [
  "wait",
  "strictWait",
  "waitTimeoutSeconds",
  "progressLogIntervalSeconds",
  "retry",
  "mode",
  "revalidate",
] as const;

function label(inputs: DatabaseMigrationInputs): string {
  return `${inputs.sourceDatabaseName} → ${inputs.targetDatabaseName}`;
}

/** The outputs of one read of the run: what state keeps, bounded whatever the table count. */
export function outputsOf(
  inputs: DatabaseMigrationInputs,
  migration: DatabaseMigrationSqlDb,
  reading: RunReading,
): DatabaseMigrationOutputs {
  const s = reading.summary;
  return {
    ...inputs,
    resourceId: migration.id ?? databaseMigrationPath(inputs),
    ...(s.migrationOperationId ? { migrationOperationId: s.migrationOperationId } : {}),
    provisioningState: s.provisioningState,
    ...(s.migrationStatus ? { migrationStatus: s.migrationStatus } : {}),
    ...(s.migrationState ? { migrationState: s.migrationState } : {}),
    phase: reading.phase,
    ...(s.startedOn ? { startedOn: s.startedOn } : {}),
    ...(s.endedOn ? { endedOn: s.endedOn } : {}),
    tableSummary: summarizeTables(s.tables),
    rowsCopied: s.rowsCopied,
    errors: boundedMessages(s.errors),
    connectionFingerprint: connectionFingerprint(inputs),
    checkedAt: new Date().toISOString(),
  };
}

/** What makes an existing migration resource a different migration from the one declared (empty when the same). */
function incompatibilities(migration: DatabaseMigrationSqlDb, inputs: DatabaseMigrationInputs): string[] {
  const p = migration.properties;
  const found: string[] = [];
  const differs = (live: string | undefined, wanted: string) =>
    live !== undefined && live.toLowerCase() !== wanted.toLowerCase();
  if (differs(p.sourceDatabaseName, inputs.sourceDatabaseName))
    found.push(`its source database is ${p.sourceDatabaseName}, not ${inputs.sourceDatabaseName}`);
  if (differs(p.migrationService, inputs.migrationServiceId))
    found.push(`it runs on ${p.migrationService}, not ${inputs.migrationServiceId}`);
  return found;
}

function failureMessage(inputs: DatabaseMigrationInputs, reading: RunReading): string {
  const s = reading.summary;
  const state = s.migrationStatus ?? `provisioning ${s.provisioningState}`;
  const run = s.migrationOperationId ? `run ${s.migrationOperationId}` : "the run (rejected before it started)";
  const errors = s.errors.length
    ? s.errors
    : ["the service gave no error text; look at the migration in the Azure portal"];
  const verb = reading.phase === "canceled" ? "was canceled" : "failed";
  return `the migration of ${label(inputs)} ${verb} (${state}, ${run}):\n  - ${errors.join("\n  - ")}`;
}

function nextStep(inputs: DatabaseMigrationInputs, reading: RunReading): string {
  const next = inputs.retry + 1;
  return /^Retriable$/i.test(reading.summary.migrationStatus ?? "")
    ? `Set retry to ${next}: the service resumes this run with its retry (within 8 hours) and copies only what is left.`
    : `Set retry to ${next} to start a new run, which copies every table again.`;
}

/**
 * advanceToGoal: moves a long-running migration toward the update's goal within its wait budget and returns the
 * outputs of the state reached; throws a ResourceInitError recording that state when it failed (or fell short
 * under `strictWait`), so the next update continues from there.
 *
 * Here: follows the run (never PUTs it again) and validates a completed one.
 */
async function advanceToGoal(
  arm: ArmClient,
  inputs: DatabaseMigrationInputs,
  migrationOperationId?: string,
): Promise<DatabaseMigrationOutputs> {
  const followed = await followRun(
    arm,
    inputs,
    migrationOperationId,
    inputs.wait,
    inputs.waitTimeoutSeconds * 1000,
    inputs.progressLogIntervalSeconds * 1000,
  );
  const outs = outputsOf(inputs, followed.migration, followed.reading);
  outs.dataMoveFile = await writeDataMoveFile(
    inputs.reportDirectory,
    inputs.targetDatabaseName,
    followed.reading.summary,
  );
  if (followed.reading.phase === "completed") return validate(inputs, outs);
  if (isFailedPhase(followed.reading.phase)) {
    throw new ResourceInitError(
      `${failureMessage(inputs, followed.reading)}\n${nextStep(inputs, followed.reading)}`,
      outs.resourceId,
      outs,
    );
  }
  if (!goalReached(followed.reading.phase, inputs.wait)) {
    // Out of budget because the runtime went offline: a failure naming it (recorded, so the next update follows
    // the same run), whatever strictWait says — waiting longer would not move anything.
    const stalled = followed.timedOut
      ? await offlineRuntimeMessage(arm, inputs, followed.reading.summary.migrationOperationId)
      : undefined;
    if (stalled) throw new ResourceInitError(stalled, outs.resourceId, outs);
    const message =
      `the migration of ${label(inputs)} is ${followed.reading.phase} after ${inputs.waitTimeoutSeconds}s, short of ${inputs.wait}; ` +
      "the next update continues from here";
    if (inputs.strictWait) throw new ResourceInitError(message, outs.resourceId, outs);
    logWarn(message);
  }
  return outs;
}

/** SQL connections for validation, from the endpoints the migration service uses (validation may override them). */
function validationConnections(inputs: DatabaseMigrationInputs): {
  source: SqlConnectionSpec;
  target: SqlConnectionSpec;
} {
  return {
    source: sqlLoginConnection(inputs.source, inputs.sourceDatabaseName),
    target: sqlLoginConnection(inputs.target, inputs.targetDatabaseName),
  };
}

/**
 * The copy is over: compare source and target (unless validation is off). Clean → `validated`; differences →
 * `validationFailed`, recorded, and the update fails naming the tables and what to do.
 */
async function validate(
  inputs: DatabaseMigrationInputs,
  outs: DatabaseMigrationOutputs,
): Promise<DatabaseMigrationOutputs> {
  if (inputs.validation.depth === "none") return { ...outs, phase: "completed" };
  const { source, target } = validationConnections(inputs);
  const validationResult = await runValidationStep(
    inputs.targetDatabaseName,
    source,
    target,
    inputs.validation,
    inputs.reportDirectory,
    inputs.progressLogIntervalSeconds * 1000,
  );
  const validated: DatabaseMigrationOutputs = {
    ...outs,
    validationResult,
    phase: validationResult.verdict === "validated" ? "validated" : "validationFailed",
  };
  if (validated.phase === "validationFailed") {
    const next = `Fix the data, then set revalidate to ${inputs.revalidate + 1} to validate again (no data is copied again).`;
    throw new ResourceInitError(
      validationFailureMessage(label(inputs), validationResult, next),
      validated.resourceId,
      validated,
    );
  }
  return validated;
}

/** Create: adopt what an interrupted update started, refuse what is not ours, start a run only when none exists. */
async function createOrAdopt(arm: ArmClient, inputs: DatabaseMigrationInputs): Promise<DatabaseMigrationOutputs> {
  const existing = await fetchMigration(arm, inputs);
  if (!existing) {
    await startRun(arm, inputs, "starting a new run");
    return advanceToGoal(arm, inputs);
  }
  const conflicts = incompatibilities(existing, inputs);
  if (conflicts.length) {
    throw new Error(
      `a different migration to ${inputs.targetDatabaseName} already exists on ${inputs.targetServerResourceId}: ${conflicts.join("; ")}. ` +
        "Nothing was started; delete that migration (az datamigration sql-db delete) or choose another target database.",
    );
  }
  const reading = readingOf(existing);
  const operationId = reading.summary.migrationOperationId;
  if (isFailedPhase(reading.phase)) {
    // Left failed by an earlier update: reported, never adopted as if healthy, and nothing restarts on its own.
    const outs = outputsOf(inputs, existing, reading);
    throw new ResourceInitError(
      `${failureMessage(inputs, reading)}\nNothing was started. ${nextStep(inputs, reading)}`,
      outs.resourceId,
      outs,
    );
  }
  logInfo(
    `${reading.phase === "completed" ? "adopting the completed" : "following the existing"} migration run ${operationId ?? "(validating)"} of ${label(inputs)}`,
  );
  return advanceToGoal(arm, inputs, operationId);
}

/** The failed run recorded in state, after the user bumped `retry`: resume it when the service can, else run anew. */
async function retryRun(
  arm: ArmClient,
  olds: DatabaseMigrationOutputs,
  news: DatabaseMigrationInputs,
  live: RunReading | undefined,
): Promise<DatabaseMigrationOutputs> {
  const operationId = live?.summary.migrationOperationId;
  if (operationId && /^Retriable$/i.test(live.summary.migrationStatus ?? "")) {
    logInfo(`retrying run ${operationId} of ${label(news)} (the service copies what is left)`);
    await arm.request({
      method: "POST",
      path: `${databaseMigrationPath(news)}/retry`,
      apiVersion: SQL_MIGRATION_API_VERSION,
      body: buildMigrationOperationBody(operationId),
    });
    return advanceToGoal(arm, news, operationId);
  }
  const state = live?.summary.migrationStatus ?? live?.summary.provisioningState ?? "gone";
  await startRun(
    arm,
    news,
    `the service resumes only a Retriable run, and run ${olds.migrationOperationId ?? "(none)"} is ${state}; starting a new run`,
  );
  return advanceToGoal(arm, news);
}

function replacementKeys(olds: DatabaseMigrationOutputs, news: DatabaseMigrationInputs): string[] {
  const keys: string[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!same(olds.targetServerResourceId, news.targetServerResourceId)) keys.push("targetServerResourceId");
  if (!same(olds.targetDatabaseName, news.targetDatabaseName)) keys.push("targetDatabaseName");
  if (!same(olds.migrationServiceId, news.migrationServiceId)) keys.push("migrationServiceId");
  if (olds.sourceDatabaseName !== news.sourceDatabaseName) keys.push("sourceDatabaseName");
  const tables = (list: string[]) => JSON.stringify(list.map((t) => bracketedTableName(t).toLowerCase()).sort());
  if (tables(olds.tables) !== tables(news.tables)) keys.push("tables");
  // Passwords aside: a new password alone is used by the next run, it does not start one.
  if (olds.connectionFingerprint !== connectionFingerprint(news)) {
    const { password: _a, ...oldSource } = olds.source;
    const { password: _b, ...newSource } = news.source;
    keys.push(JSON.stringify(oldSource) !== JSON.stringify(newSource) ? "source" : "target");
  }
  return keys;
}

/** This database's facts for the migration report. */
function reportFacts(outs: DatabaseMigrationOutputs): DatabaseFacts {
  const v = outs.validationResult;
  return {
    database: outs.sourceDatabaseName,
    targetDatabase: outs.targetDatabaseName,
    phase: outs.phase,
    ...(outs.migrationStatus ? { state: outs.migrationStatus } : {}),
    ...(outs.startedOn ? { startedOn: outs.startedOn } : {}),
    ...(outs.endedOn ? { endedOn: outs.endedOn } : {}),
    rowsCopied: outs.rowsCopied,
    errors: outs.errors,
    ...(outs.dataMoveFile ? { dataMoveFile: outs.dataMoveFile } : {}),
    ...(v ? { validation: validationFacts(v) } : {}),
  };
}

/** Runs one provider step and keeps the migration report current (see reportingStep). */
const reporting = (inputs: DatabaseMigrationInputs, work: () => Promise<DatabaseMigrationOutputs>) =>
  reportingStep(inputs, reportFacts, work);

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(databaseMigrationInputs),

  async diff(_id, olds: DatabaseMigrationOutputs, news: DatabaseMigrationInputs) {
    const replaces = replacementKeys(olds, news);
    const settingsChanged = SETTINGS.some((key) => olds[key] !== news[key]);
    const passwordsChanged =
      olds.source.password !== news.source.password || olds.target.password !== news.target.password;
    // Not there yet (budget ran out, still validating) or failed: the update follows or reports again.
    const unfinished = olds.phase !== "validated" && !(olds.phase === "completed" && news.validation.depth === "none");
    return {
      changes: replaces.length > 0 || settingsChanged || passwordsChanged || unfinished,
      replaces,
      deleteBeforeReplace: true,
    };
  },

  async create(inputs: DatabaseMigrationInputs) {
    const outs = await reporting(inputs, () => createOrAdopt(ArmClient.fromEnvironment(), inputs));
    return { id: outs.resourceId, outs };
  },

  async read(id, props: DatabaseMigrationOutputs) {
    const live = await fetchMigration(ArmClient.fromEnvironment(), props, props.migrationOperationId);
    if (!live && isDataMoved(props.phase)) {
      // Forgetting a completed migration whose record was deleted would make the next update copy the data again.
      logWarn(`the migration of ${label(props)} no longer exists in Azure; keeping the completed migration as it is`);
      return { id, props };
    }
    if (!live) return { id: "", props: {} };
    const reading = readingOf(live);
    // The run's state is read live; what validation concluded of a finished copy stays as recorded.
    if (reading.phase === "completed" && isDataMoved(props.phase))
      return {
        id,
        props: {
          ...outputsOf(props, live, reading),
          phase: props.phase,
          ...(props.validationResult ? { validationResult: props.validationResult } : {}),
        },
      };
    return { id, props: outputsOf(props, live, reading) };
  },

  async update(_id, olds: DatabaseMigrationOutputs, news: DatabaseMigrationInputs) {
    return { outs: await reporting(news, () => updateMigration(olds, news)) };
  },

  async delete(_id, props: DatabaseMigrationOutputs) {
    await deleteMigration(props);
  },
});

async function updateMigration(
  olds: DatabaseMigrationOutputs,
  news: DatabaseMigrationInputs,
): Promise<DatabaseMigrationOutputs> {
  const arm = ArmClient.fromEnvironment();
  if (isDataMoved(olds.phase)) {
    if (olds.retry !== news.retry)
      logWarn(`retry is ignored: the copy of ${label(news)} is complete; bump revalidate to validate again`);
    const kept = { ...olds, ...news, connectionFingerprint: olds.connectionFingerprint };
    // Validation again without a new data move: asked for, turned on since, or the last one failed and the user revalidates.
    const validationDue =
      olds.revalidate !== news.revalidate ||
      (news.validation.depth !== "none" && olds.phase === "completed") ||
      olds.phase === "validationFailed";
    if (!validationDue) return kept;
    if (olds.phase === "validationFailed" && olds.revalidate === news.revalidate) {
      throw new Error(
        `${validationFailureMessage(label(news), olds.validationResult!, `Nothing was changed. Fix the data, then set revalidate to ${news.revalidate + 1}.`)}`,
      );
    }
    return await validate(news, { ...kept, phase: "completed" });
  }
  // A newer run than the one recorded (an update interrupted after starting it): follow that one.
  const latest = await fetchMigration(arm, news);
  const latestId = latest?.properties.migrationOperationId;
  if (latest && latestId && latestId !== olds.migrationOperationId && !isFailedPhase(readingOf(latest).phase)) {
    logInfo(
      `following run ${latestId} of ${label(news)}, newer than the recorded run ${olds.migrationOperationId ?? "(none)"}`,
    );
    return await advanceToGoal(arm, news, latestId);
  }
  if (!isFailedPhase(olds.phase)) {
    if (olds.retry !== news.retry)
      logWarn(`retry is ignored: the migration of ${label(news)} is ${olds.phase}, not failed`);
    return await advanceToGoal(arm, { ...news, retry: olds.retry }, olds.migrationOperationId);
  }
  const recorded = olds.migrationOperationId ? await fetchMigration(arm, news, olds.migrationOperationId) : latest;
  const live = recorded ? readingOf(recorded) : undefined;
  if (recorded && live && !isFailedPhase(live.phase))
    return await advanceToGoal(arm, news, live.summary.migrationOperationId);
  if (olds.retry === news.retry) {
    const what = live ? failureMessage(news, live) : `the migration of ${label(news)} no longer exists in Azure`;
    throw new Error(
      `${what}\nNothing was changed. ${live ? nextStep(news, live) : `Set retry to ${news.retry + 1} to start a new run.`}`,
    );
  }
  return await retryRun(arm, olds, news, live);
}

/**
 * Cancels a run before its delete. The run can end between the read and the cancel (the copy finished in
 * between): the service then refuses with MigrationCancelFailed, which is moot when a second read finds the run
 * no longer active; while it is still active the refusal is the error to show.
 */
async function cancelRun(
  arm: ArmClient,
  props: DatabaseMigrationOutputs,
  migrationOperationId: string,
  status: string | undefined,
): Promise<void> {
  logInfo(`canceling run ${migrationOperationId} of ${label(props)} (${status})`);
  try {
    await arm.execute({
      method: "POST",
      path: `${databaseMigrationPath(props)}/cancel`,
      apiVersion: SQL_MIGRATION_API_VERSION,
      body: buildMigrationOperationBody(migrationOperationId),
    });
  } catch (error) {
    if (!(error instanceof ArmError) || error.code !== "MigrationCancelFailed") throw error;
    const again = await fetchMigration(arm, props);
    if (again && isActive(readingOf(again).summary)) throw error;
    logInfo(
      `run ${migrationOperationId} of ${label(props)} ended before the cancel reached it ` +
        `(${again ? readingOf(again).summary.migrationStatus : "gone"}); deleting it`,
    );
  }
}

/** Exported for tests, which pass a client on the emulator; the provider's delete reads it from the environment. */
export async function deleteMigration(
  props: DatabaseMigrationOutputs,
  arm: ArmClient = ArmClient.fromEnvironment(),
): Promise<void> {
  const live = await fetchMigration(arm, props);
  if (live) {
    const summary = readingOf(live).summary;
    if (isActive(summary) && summary.migrationOperationId && !/^Canceling$/i.test(summary.migrationStatus ?? ""))
      await cancelRun(arm, props, summary.migrationOperationId, summary.migrationStatus);
    await arm.deleteIfExists(databaseMigrationPath(props), SQL_MIGRATION_API_VERSION, { force: "true" });
  }
  logInfo(
    `deleted the migration of ${label(props)}; the target database ${props.targetDatabaseName} on ${props.target.server} ` +
      "was left in place with the data it holds",
  );
}
