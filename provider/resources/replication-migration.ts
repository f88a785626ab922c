/**
 * ReplicationMigration: the online data move of one database to Azure SQL Database with transactional
 * replication — the SQL Server source publishes (a local distributor by default), the Azure SQL database is a
 * push subscriber — configured and cut over in T-SQL on the source (provider/replication).
 *
 * Phases: configuring → initializing (snapshot) → syncing → readyForCutover (the gate: snapshot delivered to
 * every article, pending commands ≤ maxPendingCommands, a tracer token posted now arrived within
 * maxLatencySeconds, validation clean) → cuttingOver → completed; failed carries the agent's own error.
 * Every `up` follows within its budget; `cutover: true` refuses (nothing dropped) until the gate passes, then runs
 * the journaled cutover steps (replication-migration/cutover.ts). Delete before cutover removes the replication
 * objects this resource created on the source and leaves the target's data. Decisions: docs/lifecycle.md.
 */
import type * as pulumi from "@pulumi/pulumi";
import { articleNames, tableKey, type ReplicationTopology, type TableName } from "../replication";
import { readServerFacts, startAgentJob, startSnapshot, AGENT_FAILED } from "../replication";
import { withConnection } from "../sql/connection";
import { redact, SqlError } from "../sql/errors";
import { ResourceInitError } from "./init-error";
import { logInfo, logWarn } from "./log";
import { goalReached, type MigrationPhase } from "./migration-phase";
import { withPlainOutputs } from "./plain-outputs";
import { reportingStep } from "./report-step";
import { containsUnknown, failuresSafeToPrint, validateInputs } from "./validation";
import { configure, ConfigureError } from "./replication-migration/configure";
import { sourceSpec, subscriberOf, topologyOf, withSourceAndDistributor } from "./replication-migration/connections";
import {
  CutoverIncompleteError,
  CutoverRefusedError,
  runCutover,
  validateMigration,
  validationReasons,
} from "./replication-migration/cutover";
import { followReplication, type FollowGoal } from "./replication-migration/follow";
import {
  identityOf,
  replicationMigrationInputs,
  SETTINGS,
  type ReplicationMigrationInputs,
} from "./replication-migration/inputs";
import { CutoverJournal } from "./replication-migration/journal";
import {
  bounded,
  monitoringOutputs,
  reportFacts,
  type ReplicationMigrationOutputs,
} from "./replication-migration/outputs";
import { checkFailures, checkSource, checkTarget, PrerequisitesError } from "./replication-migration/prerequisites";
import { readLiveStatus, readPhase } from "./replication-migration/status";
import { recordTableProgress } from "./replication-migration/table-progress";
import { removeReplication } from "./replication-migration/teardown";

export type { ReplicationMigrationOutputs } from "./replication-migration/outputs";

const PREVIEW_CONNECT_TIMEOUT_MS = 10_000;

const label = (inputs: ReplicationMigrationInputs) => `${inputs.sourceDatabaseName} → ${inputs.targetDatabaseName}`;
const resourceIdOf = (inputs: ReplicationMigrationInputs) =>
  `replication:${inputs.source.server}/${inputs.sourceDatabaseName}/${inputs.publicationName}`;

/** Outputs carried from one update to the next until something newer replaces them. */
const CARRIED = [
  "publisher",
  "distributionDatabase",
  "pendingCommands",
  "estimatedSeconds",
  "latencySeconds",
  "latencyMeasuredAt",
  "agentStatus",
  "dataMoveFile",
  "validationResult",
  "validationMismatchAllowed",
  "completedAt",
] as const;

function startingOutputs(
  inputs: ReplicationMigrationInputs,
  previous?: ReplicationMigrationOutputs,
): ReplicationMigrationOutputs {
  const now = new Date().toISOString();
  const carried = Object.fromEntries(
    CARRIED.filter((key) => previous?.[key] !== undefined).map((key) => [key, previous![key]]),
  );
  return {
    ...inputs,
    ...carried,
    resourceId: resourceIdOf(inputs),
    subscriber: subscriberOf(inputs),
    phase: previous?.phase ?? "configuring",
    configured: previous?.configured ?? false,
    created: previous?.created ?? { distributor: false, publishing: false },
    publishedTables: previous?.publishedTables ?? 0,
    excludedTables: previous?.excludedTables ?? [],
    articlesActive: previous?.articlesActive ?? 0,
    gate: previous?.gate ?? { ready: false, reasons: [], checkedAt: now },
    lastErrors: previous?.lastErrors ?? [],
    rowsOnTarget: previous?.rowsOnTarget ?? 0,
    tableProgress: previous?.tableProgress ?? [],
    cutoverSteps: previous?.cutoverSteps ?? [],
    startedAt: previous?.startedAt ?? now,
    checkedAt: now,
  };
}

const remaining = (deadline: number) => Math.max(0, deadline - Date.now());

/** The source's @@SERVERNAME and distribution database, from state or (once) from the source. */
async function knownTopology(
  inputs: ReplicationMigrationInputs,
  outs: ReplicationMigrationOutputs,
): Promise<ReplicationTopology> {
  const publisher = outs.publisher ?? (await withConnection(sourceSpec(inputs), readServerFacts)).serverName;
  return topologyOf(inputs, publisher, outs.distributionDatabase ?? inputs.distributor.distributionDatabase);
}

/** `retry` bumped: start again what failed (the Distribution Agent's job, or the snapshot). */
async function restartFailedAgents(inputs: ReplicationMigrationInputs, topology: ReplicationTopology): Promise<void> {
  await withSourceAndDistributor(inputs, async (source, distributor) => {
    const status = await readLiveStatus(source, distributor, topology);
    if (status.agent?.status === AGENT_FAILED && status.agent.agentName) {
      await startAgentJob(distributor, status.agent.agentName);
      logInfo(`retry: started the Distribution Agent job ${status.agent.agentName} again`);
    } else if (status.snapshot?.runStatus === 6) {
      await startSnapshot(source, topology);
      logInfo("retry: started the snapshot again");
    } else {
      logWarn(
        `retry was bumped to ${inputs.retry}, but no agent of ${label(inputs)} has failed; nothing was restarted`,
      );
    }
  });
}

async function withTables(
  outs: ReplicationMigrationOutputs,
  inputs: ReplicationMigrationInputs,
  tables: readonly TableName[],
  articles: Parameters<typeof recordTableProgress>[2],
): Promise<ReplicationMigrationOutputs> {
  const names = articleNames(tables);
  try {
    const progress = await recordTableProgress(inputs, tables, articles, (t) => names.get(tableKey(t)) ?? t.name);
    return {
      ...outs,
      tableProgress: progress.tables,
      rowsOnTarget: progress.rowsOnTarget,
      dataMoveFile: progress.file,
    };
  } catch (error) {
    logWarn(`could not read the row counts of ${label(inputs)}: ${(error as Error).message}`);
    return outs;
  }
}

/** What the steps of one update's pass share. */
interface Pass {
  inputs: ReplicationMigrationInputs;
  previous?: ReplicationMigrationOutputs;
  name: string;
  deadline: number;
  /** Every password of the pass: a server may echo what it was given, so none leaves in a message. */
  secrets: string[];
}

/** The update fails with the state reached recorded, and no password in its message or errors. */
function failWith(pass: Pass, outs: ReplicationMigrationOutputs, message: string): ResourceInitError {
  return new ResourceInitError(redact(message, pass.secrets), outs.resourceId, {
    ...outs,
    lastErrors: outs.lastErrors.map((e) => redact(e, pass.secrets)),
  });
}

/** A step's result: the outputs reached, and whether this update's pass ends with them. */
interface StepResult {
  outs: ReplicationMigrationOutputs;
  done: boolean;
}

/**
 * advanceToGoal: moves a long-running migration toward the update's goal within its wait budget and returns the
 * outputs of the state reached; throws a ResourceInitError recording that state when it failed (or fell short
 * under `strictWait`), so the next update continues from there.
 *
 * Here: configure (adopting whatever exists), follow within the budget, the validation gate, and — with
 * `cutover` — the cutover steps. A cutover already under way (journaled) goes straight to its steps.
 */
async function advanceToGoal(
  inputs: ReplicationMigrationInputs,
  previous?: ReplicationMigrationOutputs,
): Promise<ReplicationMigrationOutputs> {
  const pass: Pass = {
    inputs,
    ...(previous ? { previous } : {}),
    name: label(inputs),
    deadline: Date.now() + inputs.waitTimeoutSeconds * 1000,
    secrets: [
      inputs.source.password,
      inputs.target.password,
      ...(inputs.distributor.connection ? [inputs.distributor.connection.password] : []),
    ],
  };
  const outs = startingOutputs(inputs, previous);
  if (outs.phase === "completed") {
    if (!inputs.cutover)
      logWarn(
        `${pass.name} was cut over at ${outs.completedAt ?? "an earlier update"}; cutover: false cannot undo that, and nothing was changed`,
      );
    return outs;
  }
  const journal = await openJournal(pass, outs);
  if (journal.started) return cutOver(pass, outs, await knownTopology(inputs, outs), [], journal);

  const configured = await configureSource(pass, outs);
  const followed = await followToGate(pass, configured.outs, configured.topology, configured.tables);
  if (followed.done) return followed.outs;
  const gated = await validationGate(pass, followed.outs);
  if (gated.done || !inputs.cutover) return gated.outs;
  return cutOver(pass, gated.outs, configured.topology, configured.tables, journal);
}

/** The cutover journal; a cutover withdrawn before anything was dropped is cleared (the sync goes on). */
async function openJournal(pass: Pass, outs: ReplicationMigrationOutputs): Promise<CutoverJournal> {
  const { inputs, name } = pass;
  const journal = await CutoverJournal.load(
    inputs.reportDirectory,
    {
      publication: inputs.publicationName,
      sourceDatabase: inputs.sourceDatabaseName,
      targetDatabase: inputs.targetDatabaseName,
    },
    outs.cutoverSteps,
  );
  if (journal.started && !journal.tearingDown && !inputs.cutover) {
    logWarn(
      `cutover of ${name} withdrawn before anything was dropped; the sync goes on. The stop-writes hook, if it ran, is not undone: allow writes again yourself`,
    );
    await journal.clear();
    outs.cutoverSteps = [];
  }
  if (journal.tearingDown && !inputs.cutover)
    logWarn(
      `the source's replication of ${name} is already being taken apart: the cutover can only go forward, and it does`,
    );
  return journal;
}

/** Source and target prerequisites, then the source's replication configured (adopting whatever exists). */
async function configureSource(
  pass: Pass,
  starting: ReplicationMigrationOutputs,
): Promise<{ outs: ReplicationMigrationOutputs; topology: ReplicationTopology; tables: TableName[] }> {
  const { inputs, previous, name } = pass;
  let outs = starting;
  const fail = (message: string) => failWith(pass, outs, message);
  let topology: ReplicationTopology;
  let tables: TableName[];
  const prerequisites = await checkSource(inputs);
  const failures = [
    ...prerequisites.failures,
    ...(prerequisites.failures.length ? [] : await checkTarget(inputs, outs.configured ? [] : prerequisites.tables)),
  ];
  if (failures.length) {
    const error = new PrerequisitesError(failures);
    if (!previous) throw error;
    throw fail(error.message);
  }
  if (prerequisites.excluded.length) {
    outs.excludedTables = bounded(prerequisites.excluded.map(tableKey));
    logWarn(
      `left out of the publication (no primary key; withoutPrimaryKey: "exclude"): ${prerequisites.excluded.map(tableKey).join(", ")} — their rows need another way to the target`,
    );
  }
  try {
    const result = await configure(
      inputs,
      prerequisites.server.serverName,
      prerequisites.tables,
      outs.configured,
      outs.created,
    );
    topology = result.topology;
    tables = result.tables;
    outs = {
      ...outs,
      publisher: topology.publisher,
      distributionDatabase: topology.distributionDatabase,
      created: result.created,
      configured: true,
      publishedTables: tables.length,
    };
  } catch (error) {
    if (!(error instanceof ConfigureError)) throw error;
    outs = {
      ...outs,
      created: error.created,
      lastErrors: [error.message],
      ...(error.topology
        ? { publisher: error.topology.publisher, distributionDatabase: error.topology.distributionDatabase }
        : {}),
    };
    throw fail(
      `configuring the replication of ${name} failed: ${error.message}\nNothing was rolled back: fix the cause and run up again; it continues where this one stopped.`,
    );
  }
  if (previous && inputs.retry > previous.retry) await restartFailedAgents(inputs, topology);

  return { outs, topology, tables };
}

/**
 * Follows the replication within the budget toward `started` or the gate. Done when it failed (thrown), fell
 * short of the goal, or the goal is only `started`.
 */
async function followToGate(
  pass: Pass,
  starting: ReplicationMigrationOutputs,
  topology: ReplicationTopology,
  tables: TableName[],
): Promise<StepResult> {
  const { inputs, name, secrets, deadline } = pass;
  let outs = starting;
  const fail = (message: string) => failWith(pass, outs, message);
  const goal: FollowGoal = inputs.cutover ? "ready" : inputs.wait === "started" ? "started" : "ready";
  const followed = await followReplication(inputs, topology, tables.length, goal, remaining(deadline), name);
  outs = {
    ...outs,
    ...monitoringOutputs(followed.status, followed.latency, secrets),
    phase: followed.reading.phase,
    gate: { ready: false, reasons: bounded(followed.reading.reasons), checkedAt: new Date().toISOString() },
  };
  outs = await withTables(outs, inputs, tables, followed.status.articles);
  if (followed.reading.phase === "failed") {
    throw fail(
      `the replication of ${name} failed: ${followed.reading.failure}\nFix the cause (for a subscriber it cannot reach: the target server's firewall must admit the distributor's address), then set retry to ${inputs.retry + 1} to start the agent again.`,
    );
  }
  if (!followed.reached) {
    const reasons = followed.reading.reasons.length
      ? followed.reading.reasons
      : [`the replication is ${followed.reading.phase}`];
    if (inputs.cutover)
      throw fail(
        new CutoverRefusedError(reasons.map((r) => `database ${name}: ${r}`)).message +
          "\nThe next update tries again.",
      );
    const message = `the replication of ${name} is ${followed.reading.phase} after ${inputs.waitTimeoutSeconds}s, short of ${goal === "started" ? "started" : "readyForCutover"} (${reasons.join("; ")}); the next update continues from here`;
    if (inputs.strictWait) throw fail(message);
    logWarn(message);
    return { outs, done: true };
  }
  return { outs, done: goal === "started" };
}

/** The gate's last check: source and target compared. Done when validation differences stop the pass. */
async function validationGate(pass: Pass, starting: ReplicationMigrationOutputs): Promise<StepResult> {
  const { inputs, name } = pass;
  let outs = starting;
  const fail = (message: string) => failWith(pass, outs, message);
  if (inputs.validation.depth !== "none") {
    const validation = await validateMigration(inputs);
    outs.validationResult = validation;
    if (validation.verdict === "validationFailed") {
      const reasons = validationReasons(name, validation);
      if (!inputs.allowValidationMismatch) {
        outs = {
          ...outs,
          phase: "syncing",
          gate: { ready: false, reasons: bounded(reasons), checkedAt: new Date().toISOString() },
        };
        if (inputs.cutover)
          throw fail(
            new CutoverRefusedError([
              ...reasons,
              "validation is not clean; fix the data (or set allowValidationMismatch: true to cut over anyway)",
            ]).message,
          );
        const message = `validation of ${name} found differences while it syncs (changes in flight, or data to fix):\n  - ${reasons.join("\n  - ")}\nThe next update validates again (bump revalidate to force it)`;
        if (inputs.strictWait) throw fail(message);
        logWarn(message);
        return { outs, done: true };
      }
      outs.validationMismatchAllowed = true;
      logWarn(`validation differences allowed (allowValidationMismatch): ${reasons.join("; ")}`);
    }
  }
  outs = {
    ...outs,
    phase: "readyForCutover",
    gate: { ready: true, reasons: [], checkedAt: new Date().toISOString() },
  };
  return { outs, done: false };
}

/** The gate passed (or the cutover had begun): the cutover steps, journaled. */
async function cutOver(
  pass: Pass,
  starting: ReplicationMigrationOutputs,
  topology: ReplicationTopology,
  tables: TableName[],
  journal: CutoverJournal,
): Promise<ReplicationMigrationOutputs> {
  const { inputs, name, deadline } = pass;
  let outs = starting;
  const fail = (message: string) => failWith(pass, outs, message);
  outs.phase = "cuttingOver";
  try {
    const outcome = await runCutover({
      inputs,
      topology,
      tables,
      created: outs.created,
      journal,
      label: name,
      deadline,
    });
    outs = {
      ...outs,
      cutoverSteps: journal.entries,
      ...(outcome.validation ? { validationResult: outcome.validation } : {}),
      ...(outcome.latency
        ? { latencySeconds: outcome.latency.seconds, latencyMeasuredAt: outcome.latency.measuredAt }
        : {}),
      phase: "completed",
      pendingCommands: 0,
      estimatedSeconds: 0,
      agentStatus: "removed (cut over)",
      completedAt: new Date().toISOString(),
    };
    outs = await withTables(outs, inputs, tables, []);
    outs.tableProgress = outs.tableProgress.map((t) => ({ ...t, state: "cut over" }));
    logInfo(
      `cutover of ${name} completed: the target database ${inputs.targetDatabaseName} is on its own; point the applications at it`,
    );
    return outs;
  } catch (error) {
    outs = {
      ...outs,
      cutoverSteps: journal.entries,
      ...(error instanceof CutoverRefusedError && error.validation ? { validationResult: error.validation } : {}),
    };
    if (error instanceof CutoverIncompleteError) {
      if (inputs.strictWait) throw fail(error.message);
      logWarn(error.message);
      return outs;
    }
    if (error instanceof CutoverRefusedError)
      throw fail(
        `${error.message}\nThe stop-writes hook is not run again; the drain and the validation are, at the next update.`,
      );
    const current = journal.entries.find((e) => !e.endedAt)?.step ?? "(between steps)";
    throw fail(
      `the cutover of ${name} stopped at step ${current}: ${(error as Error).message}\nThe steps done are recorded; run up again to continue from this step.`,
    );
  }
}

/** Runs one provider step and keeps the migration report current (see reportingStep). */
const reporting = (inputs: ReplicationMigrationInputs, work: () => Promise<ReplicationMigrationOutputs>) =>
  reportingStep(inputs, reportFacts, work);

/** The prerequisites at preview, for a new resource whose source is known and reachable. */
async function previewPrerequisites(
  inputs: ReplicationMigrationInputs,
): Promise<{ property: string; reason: string }[]> {
  try {
    const outcome = await checkSource(inputs, PREVIEW_CONNECT_TIMEOUT_MS);
    return checkFailures(outcome.failures);
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    logInfo(
      `the replication prerequisites of ${label(inputs)} could not be checked now (${error.message}); they are checked when up configures it`,
    );
    return [];
  }
}

function goalFor(inputs: ReplicationMigrationInputs): { goal: "started" | "readyForCutover" | "completed" } {
  return { goal: inputs.cutover ? "completed" : inputs.wait === "started" ? "started" : "readyForCutover" };
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  async check(olds: Record<string, unknown> | undefined, news: Record<string, unknown>) {
    const result = validateInputs(replicationMigrationInputs, news);
    if (!result.ok) return { inputs: news, failures: failuresSafeToPrint(result.failures, news) };
    const isNew = !olds || Object.keys(olds).length === 0;
    const needed = [news["source"], news["sourceDatabaseName"], news["tables"], news["withoutPrimaryKey"]];
    if (isNew && !containsUnknown(needed)) {
      const failures = await previewPrerequisites(result.value);
      if (failures.length) return { inputs: news, failures: failuresSafeToPrint(failures, news) };
    }
    return { inputs: result.value };
  },

  async diff(_id, olds: ReplicationMigrationOutputs, news: ReplicationMigrationInputs) {
    const before = identityOf(olds);
    const after = identityOf(news);
    // A migration that is over is never replaced: a new one would copy into a target in use.
    const replaces = olds.phase === "completed" ? [] : Object.keys(before).filter((key) => before[key] !== after[key]);
    const settingsChanged =
      SETTINGS.some((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key])) ||
      JSON.stringify(olds.validation) !== JSON.stringify(news.validation);
    const passwordsChanged =
      olds.source.password !== news.source.password ||
      olds.target.password !== news.target.password ||
      olds.distributor.connection?.password !== news.distributor.connection?.password;
    const { goal } = goalFor(news);
    const unfinished =
      olds.phase !== "completed" && (goal === "completed" || !goalReached(olds.phase as MigrationPhase, goal));
    return {
      changes: replaces.length > 0 || settingsChanged || passwordsChanged || unfinished,
      replaces,
      deleteBeforeReplace: true,
    };
  },

  async create(inputs: ReplicationMigrationInputs) {
    const outs = await reporting(inputs, () => advanceToGoal(inputs));
    return { id: outs.resourceId, outs };
  },

  async read(id: string, props: ReplicationMigrationOutputs) {
    if (props.phase === "completed" || !props.publisher) return { id, props };
    const topology = topologyOf(
      props,
      props.publisher,
      props.distributionDatabase ?? props.distributor.distributionDatabase,
    );
    const status = await withSourceAndDistributor(props, (source, distributor) =>
      readLiveStatus(source, distributor, topology),
    );
    const reading = readPhase(status, props.publishedTables);
    let phase: MigrationPhase = props.cutoverSteps.length ? "cuttingOver" : reading.phase;
    // A refresh posts no tracer token: a gate passed earlier stands while nothing waits and the agent is healthy.
    if (
      phase === "syncing" &&
      props.phase === "readyForCutover" &&
      (status.pending?.pendingCommands ?? 0) <= props.maxPendingCommands
    )
      phase = "readyForCutover";
    return {
      id,
      props: {
        ...props,
        ...monitoringOutputs(status, undefined, [props.source.password, props.target.password]),
        phase,
        checkedAt: new Date().toISOString(),
      },
    };
  },

  async update(_id, olds: ReplicationMigrationOutputs, news: ReplicationMigrationInputs) {
    const outs = await reporting(news, () => advanceToGoal(news, olds));
    return { outs };
  },

  async delete(_id, props: ReplicationMigrationOutputs) {
    const name = label(props);
    if (props.phase === "completed") {
      logInfo(
        `${name} was cut over: its replication is gone from the source already, nothing to remove; the target database ${props.targetDatabaseName} keeps its data`,
      );
      return;
    }
    const done = await removeReplication(props, props, props.created);
    const journal = await CutoverJournal.load(props.reportDirectory, {
      publication: props.publicationName,
      sourceDatabase: props.sourceDatabaseName,
      targetDatabase: props.targetDatabaseName,
    });
    await journal.clear();
    logInfo(
      `deleted the replication of ${name}: ${done.join("; ") || "nothing was left to remove"}. ` +
        `The target database ${props.targetDatabaseName} on ${props.target.server} was left in place with the data it holds`,
    );
  },
});
