/**
 * The engine benchmark (issue 13, items 1, 2, 3, 5): the quickstart stack (examples/quickstart/program.ts on the
 * emulator and the local SQL Server stand-ins, as `npm run quickstart` runs it) against a bare stack of as many
 * trivial dynamic resources, same run, same engine (Automation API, local file backend).
 *
 * - engine overhead: converged no-op `up`, `preview` and `refresh`, quickstart time / bare time (rounds
 *   interleaved, median per operation, so load drift on a shared machine hits both sides alike);
 * - ARM calls from the emulator's request log: writes per no-op `up`, GETs per resource per `refresh`, polls per
 *   followed minute and the wait after a 429 with Retry-After injected while the migration is followed;
 * - state: bytes per resource, the largest resources, checkpoints (state file writes) per `up`, and the
 *   DatabaseMigration outputs of a 5,000-table run (state-5000.ts);
 * - time from the engine starting the DatabaseMigration to its first progress line;
 * - the modules the provider process loads for a converged preview (provider-load.ts): where the overhead goes.
 *
 * `--quick` runs one round and skips nothing else (the regression test's mode); results go to
 * bench/results/engine.json or engine-quick.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { quickstartProgram } from "../examples/quickstart/program";
import { startLocalCloud, RESOURCE_GROUP, SUBSCRIPTION } from "../examples/runner/local-cloud";
import { packageRoot } from "../examples/runner/local-workspace";
import { quickstartSettings } from "../examples/runner/quickstart-settings";
import { operateSelfHostedRuntime } from "../examples/runner/self-hosted-runtime";
import { armCounts, pollsPerMinute, retryAfterCheck, type ArmCounts, type RetryAfterCheck } from "./engine/arm-counts";
import { bareProgram } from "./engine/bare-stack";
import { createBenchStack, type BenchStack, type Operation, type OperationRun } from "./engine/stack-runner";
import { measureProviderLoad, type ProviderLoad } from "./engine/provider-load";
import { formatEngineTable, writeEngineResults } from "./engine/report";
import { stateOf5000TableMigration, stateOf5000TableTask, type LargeMigrationState } from "./engine/state-5000";

const OPERATIONS: Operation[] = ["up", "preview", "refresh"];
/** A databaseMigration poll (the follow loop's GET); the path names the migration of SalesDb. */
const MIGRATION_POLL = /\/databaseMigrations\/SalesDb$/i;
/** The Retry-After injected while the migration is followed, and how many polls it throttles. */
const THROTTLE = { retryAfterSeconds: 3, count: 2 };
/** How a DatabaseMigration progress line starts (after the engine's "info: [runtime] " prefix). */
const PROGRESS_LINE = "database migration SalesDb: ";

export interface OperationFigures {
  quickstartMs: number[];
  bareMs: number[];
  quickstartMedianMs: number;
  bareMedianMs: number;
  ratio: number;
  goal: number;
  /** ARM requests the quickstart's operation sent (the last round). */
  arm: ArmCounts;
  /** State file writes during the quickstart's operation (the last round). */
  stateWrites: number;
  /** Registration to step per resource, quickstart (the last round): where its extra time goes. */
  checkAndDiffMs: Record<string, number>;
  /** The same for the bare stack, averaged over its resources. */
  bareCheckAndDiffMs: number;
  changes: Record<string, number>;
}

export interface EngineResults {
  mode: "full" | "quick";
  machine: { node: string; cpu: string; cores: number; loadAverageAtStart: number };
  startedAt: string;
  totalSeconds: number;
  resources: { custom: number; components: number };
  firstUp: {
    ms: number;
    stateWrites: number;
    /** From the engine's start of the DatabaseMigration to its first progress line. */
    firstProgressLineMs: number;
    followedPolls: { polls: number; perMinute: number; pollIntervalMs: number };
    retryAfter: RetryAfterCheck;
  };
  operations: Record<Operation, OperationFigures>;
  /** The modules a converged preview makes the provider process load (the bare stack loads none); absent in
   *  results written before it was measured. */
  providerLoad?: ProviderLoad;
  state: {
    bytes: number;
    bytesPerResource: number;
    largest: { name: string; bytes: number }[];
    migration5000: LargeMigrationState;
    /** The classic MigrationTask at 5,000 tables (absent from results written before it was measured). */
    migrationTask5000?: LargeMigrationState;
  };
}

/** A line on stderr per phase, so a slow run shows where its time went. */
const phase = (what: string, since: number) => console.error(`[engine bench] ${what} at ${Date.now() - since} ms`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The engine events' moment the DatabaseMigration was started, and its first progress line after that. */
function firstProgressLine(run: OperationRun): number {
  const started = run.events.find((e) => e.event.resourcePreEvent?.metadata.urn.endsWith("::sales-db-Sales"));
  const line = run.events.find(
    (e) => e.atMs >= (started?.atMs ?? 0) && e.event.diagnosticEvent?.message.includes(PROGRESS_LINE),
  );
  if (!started || !line) throw new Error("the first up did not start the DatabaseMigration or log its progress");
  return line.atMs - started.atMs;
}

/**
 * Per resource, from the program registering it to the engine's step for it: the provider's check and diff (and
 * whatever they load or read), the profile of a converged `up`. From the SDK's debug lines and the step events.
 */
export function checkAndDiffMs(run: OperationRun): Record<string, number> {
  const prepared = new Map<string, number>();
  const times: Record<string, number> = {};
  for (const { atMs, event } of run.events) {
    const registered = event.diagnosticEvent?.message.match(/^RegisterResource RPC prepared: t=[^,]+, name=([^,\s]+)/);
    if (registered) prepared.set(registered[1]!, atMs);
    const urn = event.resourcePreEvent?.metadata.urn;
    const name = urn?.split("::").pop();
    if (name && prepared.has(name) && !urn!.includes("pulumi:pulumi:Stack")) times[name] = atMs - prepared.get(name)!;
  }
  return times;
}

/** Bytes of each resource's state entry, largest first. */
function largestResources(stateText: string): { name: string; bytes: number }[] {
  const resources = (JSON.parse(stateText).deployment.resources ?? []) as { urn: string }[];
  return resources
    .map((r) => ({ name: r.urn.split("::").pop()!, bytes: Buffer.byteLength(JSON.stringify(r)) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

async function timedRounds(
  quickstart: BenchStack,
  bare: BenchStack,
  rounds: number,
  armLog: () => ReturnType<typeof armLogSlice>,
): Promise<Record<Operation, OperationFigures>> {
  const figures = {} as Record<Operation, OperationFigures>;
  for (const op of OPERATIONS)
    figures[op] = {
      quickstartMs: [],
      bareMs: [],
      quickstartMedianMs: 0,
      bareMedianMs: 0,
      ratio: 0,
      goal: 1.2,
      arm: { writes: 0, gets: 0, pathsRead: 0 },
      stateWrites: 0,
      checkAndDiffMs: {},
      bareCheckAndDiffMs: 0,
      changes: {},
    };
  for (let round = 0; round < rounds; round++) {
    for (const op of OPERATIONS) {
      const slice = armLog();
      const q = await quickstart.run(op);
      figures[op].arm = armCounts(slice.since());
      figures[op].stateWrites = q.stateWrites;
      figures[op].changes = q.changes;
      figures[op].quickstartMs.push(q.ms);
      figures[op].checkAndDiffMs = checkAndDiffMs(q);
      const b = await bare.run(op);
      figures[op].bareMs.push(b.ms);
      const bareTimes = Object.values(checkAndDiffMs(b));
      figures[op].bareCheckAndDiffMs = Math.round(bareTimes.reduce((a, t) => a + t, 0) / Math.max(1, bareTimes.length));
    }
  }
  for (const op of OPERATIONS) {
    const f = figures[op];
    f.quickstartMedianMs = median(f.quickstartMs);
    f.bareMedianMs = median(f.bareMs);
    f.ratio = Math.round((f.quickstartMedianMs / f.bareMedianMs) * 100) / 100;
  }
  return figures;
}

function armLogSlice(log: { read(): import("../emulator/arm/request-log").RequestLogEntry[] }) {
  const from = log.read().length;
  return { since: () => log.read().slice(from) };
}

export async function main(args: string[]): Promise<EngineResults> {
  const quick = args.includes("--quick");
  const startedAt = Date.now();
  const loadAverageAtStart = os.loadavg()[0]!;
  const work = path.join(packageRoot(), ".work", "bench-engine");
  fs.rmSync(work, { recursive: true, force: true });
  // Quick: the emulated service copies the quickstart's rows in a few ticks (the copy's length is not a figure).
  const cloud = await startLocalCloud(quick ? { rowsPerTick: 50_000 } : {});
  const { emulator } = cloud;
  const stacks: BenchStack[] = [];
  try {
    const settings = quickstartSettings(work, cloud.source.server, cloud.target.server);
    const quickstart = await createBenchStack("quickstart", quickstartProgram(settings), cloud.armEnv);
    stacks.push(quickstart);

    // First up: converge (the operator registers the runtime beside it), follow the copy, throttle two polls.
    const operator = operateSelfHostedRuntime(cloud.arm, {
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: RESOURCE_GROUP,
    });
    const firstSlice = armLogSlice(emulator.requestLog);
    let throttled = false;
    const throttleOnFirstProgress = (event: EngineEvent) => {
      if (throttled || !event.diagnosticEvent?.message.includes(PROGRESS_LINE)) return;
      throttled = true;
      emulator.faults.add({ method: "GET", path: MIGRATION_POLL, kind: "429", ...THROTTLE });
    };
    const first = await quickstart.run("up", throttleOnFirstProgress).finally(() => operator.stop());
    const firstLog = firstSlice.since();
    // Kept for reading when a figure looks wrong: every engine event of the first up, with its time.
    fs.mkdirSync(work, { recursive: true });
    fs.writeFileSync(path.join(work, "first-up-events.json"), JSON.stringify(first.events, null, 1));

    phase("first up done", startedAt);
    const state = await quickstart.exportState();
    const custom = state.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
    const components = state.resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack").length;
    const bare = await createBenchStack("bare", bareProgram(custom), {});
    stacks.push(bare);
    await bare.run("up");
    phase("bare stack up", startedAt);

    const operations = await timedRounds(quickstart, bare, quick ? 1 : 3, () => armLogSlice(emulator.requestLog));
    phase("timed rounds done", startedAt);
    const results: EngineResults = {
      mode: quick ? "quick" : "full",
      machine: { node: process.version, cpu: os.cpus()[0]?.model ?? "?", cores: os.cpus().length, loadAverageAtStart },
      startedAt: new Date(startedAt).toISOString(),
      totalSeconds: 0,
      resources: { custom, components },
      firstUp: {
        ms: first.ms,
        stateWrites: first.stateWrites,
        firstProgressLineMs: firstProgressLine(first),
        followedPolls: {
          ...pollsPerMinute(firstLog, MIGRATION_POLL),
          pollIntervalMs: Number(cloud.armEnv.AZURE_SQL_MIGRATION_ARM_POLL_INTERVAL_MS),
        },
        retryAfter: retryAfterCheck(firstLog, MIGRATION_POLL, THROTTLE.retryAfterSeconds * 1000),
      },
      operations,
      providerLoad: measureProviderLoad(),
      state: {
        bytes: Buffer.byteLength(state.text),
        bytesPerResource: Math.round(Buffer.byteLength(state.text) / state.resources.length),
        largest: largestResources(state.text),
        migration5000: stateOf5000TableMigration(),
        migrationTask5000: stateOf5000TableTask(),
      },
    };
    results.totalSeconds = Math.round((Date.now() - startedAt) / 100) / 10;
    return results;
  } finally {
    for (const stack of stacks) stack.dispose();
    await cloud.stop();
  }
}

/** `node dist/bench/engine-overhead.js [--quick]`: runs the benchmark, writes its results file, prints the table. */
export async function runEngineBenchmark(args: string[]): Promise<void> {
  const results = await main(args);
  const file = writeEngineResults(results);
  console.log(`\n${formatEngineTable(results)}\n\nengine benchmark took ${results.totalSeconds} s; results: ${file}`);
}

if (require.main === module) {
  runEngineBenchmark(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
