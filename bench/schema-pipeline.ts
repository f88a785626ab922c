/**
 * Benchmark of the schema pipeline on generated catalogs of 1k, 10k, 50k and 100k objects: extraction from a
 * served model through the SQL layer (bench/extract-step.ts), the assembly of the catalog rows alone,
 * assessment, the script streamed to a file, the script as one string (generateScript), snapshot save and
 * snapshot load, each timed and measured for CPU and memory.
 *
 * Each (size, step) runs in its own child process, so the peak resident set size (resourceUsage().maxRSS,
 * which only ever grows within a process) belongs to that step alone. To add a step, add an entry to
 * SCHEMA_PIPELINE_STEPS; sizes, isolation, results file and table come for free.
 *
 *   node dist/bench/schema-pipeline.js                      # every size and step, writes bench/results/schema-pipeline.json
 *   node dist/bench/schema-pipeline.js --sizes 50000 --steps extract,script   # a subset, printed, not saved
 *   node dist/bench/schema-pipeline.js --child 10000 assess # one measurement, printed as JSON (used internally)
 */
import { fork } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { assess } from "../provider/schema/assessment/assess";
import { allObjects, type DatabaseModel } from "../provider/schema/model";
import type { AssessmentReport } from "../provider/schema/assessment/assess";
import { generateScript, writeScriptFile } from "../provider/schema/script-generator";
import { loadSnapshot, saveSnapshot } from "../provider/schema/snapshot";
import { assembleStep, extractStep } from "./extract-step";
import {
  doublingRatios,
  formatSummary,
  pipelineTotals,
  type DoublingRatio,
  type PipelineTotal,
} from "./pipeline-summary";
import { buildSyntheticCatalog } from "./synthetic-catalog";

export const SIZES = [1_000, 10_000, 50_000, 100_000] as const;

export interface StepContext {
  /** The size asked for; the model has about this many objects. */
  objectCount: number;
  /** The generated model: built before the clock, except for a step with `readsModel: false` (see PipelineStep). */
  readonly model: DatabaseModel;
  /** A scratch directory for steps that write files. */
  workDir: string;
}

export interface PipelineStep {
  name: string;
  /**
   * False for a step that never reads `ctx.model` (the extraction, whose model comes from the server process):
   * the bench's own copy is then not built, so it is not in the process's memory. Otherwise the model is built
   * before the clock starts.
   */
  readsModel?: boolean;
  /** Work done before measuring (not timed), e.g. writing the snapshot that a load step reads. */
  prepare?(ctx: StepContext): Promise<void>;
  /** The measured work; returns a short note for the table (e.g. number of findings), and optionally counters. */
  run(ctx: StepContext): Promise<StepOutcome>;
  /** Called after measuring (not timed), whether the step succeeded or not, e.g. to stop a server. */
  cleanup?(ctx: StepContext): Promise<void>;
}

/** A note for the table, or a note plus named counts that go into the results file (e.g. requests sent). */
export type StepOutcome = string | { note: string; counters: Record<string, number> };

const snapshotFile = (ctx: StepContext): string => path.join(ctx.workDir, "snapshot.json");

export const SCHEMA_PIPELINE_STEPS: PipelineStep[] = [
  extractStep(),
  assembleStep(),
  {
    name: "assess",
    async run({ model }) {
      const report = assess(model);
      return `${report.findings.length} findings`;
    },
  },
  scriptStep(),
  {
    // The string API, assessing on its own: what callers that need the batches (deployment) pay.
    name: "generateScript",
    async run({ model }) {
      const script = generateScript(model);
      return `${script.batches.length} batches, ${(script.script.length / 1e6).toFixed(1)} MB`;
    },
  },
  {
    name: "snapshotSave",
    async run(ctx) {
      await saveSnapshot(snapshotFile(ctx), ctx.model);
      const { size } = await fs.stat(snapshotFile(ctx));
      return `${(size / 1e6).toFixed(1)} MB`;
    },
  },
  {
    name: "snapshotLoad",
    async prepare(ctx) {
      await saveSnapshot(snapshotFile(ctx), ctx.model);
    },
    async run(ctx) {
      const loaded = await loadSnapshot(snapshotFile(ctx));
      return `${allObjects(loaded).length} objects`;
    },
  },
];

/**
 * The script of a pipeline: streamed to a file as it is generated (writeScriptFile), reusing the assessment the
 * pipeline's assess step made (computed here before the clock starts), as a deployment that assesses first does.
 */
function scriptStep(): PipelineStep {
  let assessment: AssessmentReport | undefined;
  return {
    name: "script",
    async prepare({ model }) {
      assessment = assess(model);
    },
    async run(ctx) {
      const file = path.join(ctx.workDir, "deploy.sql");
      const written = writeScriptFile(file, ctx.model, { ...(assessment !== undefined ? { assessment } : {}) });
      return `${written.batchCount} batches, ${(written.bytes / 1e6).toFixed(1)} MB streamed to a file`;
    },
  };
}

export interface Measurement {
  step: string;
  objects: number;
  ms: number;
  /** CPU time of the process during the step (user + system, all threads): steadier than wall time under load. */
  cpuMs: number;
  /** Heap in use after the step minus before it (MB); negative when a collection ran during the step. */
  heapDeltaMb: number;
  /** Peak resident set size of the process during the step (MB), catalog included. */
  peakRssMb: number;
  /** Resident set size just before the step (MB): the catalog and the runtime. */
  baselineRssMb: number;
  note: string;
  /** Step-specific counts, e.g. the catalog batches the server received during extraction. */
  counters?: Record<string, number>;
}

export interface PipelineResults {
  benchmark: "schema-pipeline";
  node: string;
  platform: string;
  cpu: string;
  /** Logical CPUs of the machine. */
  cores: number;
  /** os.loadavg() (1, 5, 15 minutes) when the run started: other work on the machine skews the times. */
  loadAverage: number[];
  measurements: Measurement[];
  /** Per size: extract + assess + script. */
  pipeline: PipelineTotal[];
  /** Per step: growth per doubling of the objects between consecutive sizes. */
  perDoubling: DoublingRatio[];
}

const MB = 1024 * 1024;

/** Runs one step on one catalog size in this process. */
export async function measureStep(objectCount: number, stepName: string): Promise<Measurement> {
  const step = SCHEMA_PIPELINE_STEPS.find((s) => s.name === stepName);
  if (step === undefined) throw new Error(`unknown step ${stepName}`);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "schema-bench-"));
  try {
    let model: DatabaseModel | undefined;
    const ctx: StepContext = {
      objectCount,
      workDir,
      get model() {
        return (model ??= buildSyntheticCatalog(objectCount));
      },
    };
    try {
      if (step.readsModel !== false) void ctx.model;
      await step.prepare?.(ctx);
      const baselineRss = process.memoryUsage().rss;
      const heapBefore = process.memoryUsage().heapUsed;
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      const outcome = await step.run(ctx);
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      const heapAfter = process.memoryUsage().heapUsed;
      // maxRSS is in kilobytes.
      const peakRss = process.resourceUsage().maxRSS * 1024;
      return {
        step: stepName,
        objects: allObjects(ctx.model).length, // after the figures above: building it here costs the step nothing
        ms: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        heapDeltaMb: round1((heapAfter - heapBefore) / MB),
        peakRssMb: round1(peakRss / MB),
        baselineRssMb: round1(baselineRss / MB),
        ...(typeof outcome === "string" ? { note: outcome } : { note: outcome.note, counters: outcome.counters }),
      };
    } finally {
      await step.cleanup?.(ctx);
    }
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Which sizes and steps to run (default: all), e.g. from `--sizes 50000 --steps extract,script`. */
export interface Selection {
  sizes: readonly number[];
  steps: readonly string[];
}

const EVERYTHING: Selection = { sizes: SIZES, steps: SCHEMA_PIPELINE_STEPS.map((s) => s.name) };

/** Runs the selected sizes and steps, each in a fresh child process of this same script. */
export async function runSchemaPipeline(
  log: (line: string) => void = console.log,
  selection: Selection = EVERYTHING,
): Promise<PipelineResults> {
  const measurements: Measurement[] = [];
  const loadAverage = os.loadavg().map((load) => Math.round(load * 100) / 100);
  for (const size of selection.sizes) {
    for (const step of selection.steps) {
      const m = await runChild(size, step);
      measurements.push(m);
      log(
        `  ${step} @ ${size}: ${m.ms} ms, CPU ${m.cpuMs} ms, peak RSS ${m.peakRssMb} MB${m.counters ? `, ${formatCounters(m.counters)}` : ""}`,
      );
    }
  }
  return {
    benchmark: "schema-pipeline",
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    loadAverage,
    measurements,
    pipeline: pipelineTotals(measurements),
    perDoubling: doublingRatios(measurements),
  };
}

function formatCounters(counters: Record<string, number>): string {
  return Object.entries(counters)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ");
}

function runChild(size: number, step: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--child", String(size), step], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`benchmark child for ${step} @ ${size} exited with ${code}`));
      resolve(JSON.parse(out) as Measurement);
    });
  });
}

export function formatTable(results: PipelineResults): string {
  const header = [
    "step",
    "objects",
    "time (ms)",
    "CPU (ms)",
    "peak RSS (MB)",
    "baseline RSS (MB)",
    "heap Δ (MB)",
    "note",
  ];
  const rows = results.measurements.map((m) => [
    m.step,
    String(m.objects),
    String(m.ms),
    String(m.cpuMs),
    String(m.peakRssMb),
    String(m.baselineRssMb),
    String(m.heapDeltaMb),
    m.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** bench/results under the repository root (the directory holding package.json). */
export async function resultsDir(): Promise<string> {
  let dir = __dirname;
  for (;;) {
    try {
      await fs.access(path.join(dir, "package.json"));
      return path.join(dir, "bench", "results");
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return path.resolve("bench", "results");
      dir = parent;
    }
  }
}

export async function writeResults(results: PipelineResults): Promise<string> {
  const dir = await resultsDir();
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, "schema-pipeline.json");
  const temp = `${file}.tmp`;
  await fs.writeFile(temp, `${JSON.stringify(results, null, 2)}\n`, "utf8");
  await fs.rename(temp, file);
  return file;
}

/** `--sizes 1000,50000` and `--steps extract,script` pick a subset (printed, not saved). */
function selectionFrom(argv: string[]): Selection | undefined {
  const option = (name: string): string[] | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? "").split(",").filter((v) => v !== "") : undefined;
  };
  const sizes = option("--sizes")?.map(Number);
  const steps = option("--steps");
  if (sizes === undefined && steps === undefined) return undefined;
  if (sizes?.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes: positive integers, got ${argv}`);
  const known = new Set(EVERYTHING.steps);
  const unknown = steps?.filter((s) => !known.has(s)) ?? [];
  if (unknown.length > 0) throw new Error(`--steps: unknown ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  return { sizes: sizes ?? EVERYTHING.sizes, steps: steps ?? EVERYTHING.steps };
}

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") {
    const measurement = await measureStep(Number(argv[1]), argv[2]!);
    process.stdout.write(JSON.stringify(measurement));
    return;
  }
  const selection = selectionFrom(argv);
  console.log("schema pipeline benchmark");
  const results = await runSchemaPipeline(console.log, selection);
  const saved = selection === undefined ? `results: ${await writeResults(results)}` : "a subset: results not saved";
  console.log(`\n${formatTable(results)}\n\n${formatSummary(results.measurements)}\n\n${saved}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
