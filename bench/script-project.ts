/**
 * Benchmark of reading a script project (SSDT style) and what follows it: readScripts (from disk), assess and
 * generateScript, on synthetic projects of about 150, 300, 600 and 1 200 files (bench/synthetic-project.ts;
 * 300 files is about 3 000 statements) and, when SCHEMA_CORPUS_DIR points at the schema corpus
 * (test/corpus/corpus.ts), on the real WideWorldImporters SSDT project. Each project is measured in a fresh
 * child process: the first run is what a command-line run or a deployment sees (cold: the code is not compiled
 * yet, nothing cached); then four more runs in the same process, of which the fastest is the work itself
 * (warm). Linearity is judged on the warm figures; the cold ones carry a fixed cost of compiling the code.
 *
 *   node dist/bench/script-project.js                         # every size, writes bench/results/script-project.json
 *   node dist/bench/script-project.js --child synthetic 300   # one measurement, printed as JSON (used internally)
 *   node dist/bench/script-project.js --child folder <dir> <databaseName>
 */
import { fork } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { assess } from "../provider/schema/assessment/assess";
import { allObjects } from "../provider/schema/model";
import { readScripts } from "../provider/schema/script-reader";
import { generateScript } from "../provider/schema/script-generator";
import { resultsDir } from "./schema-pipeline";
import { buildSyntheticProject, countStatements } from "./synthetic-project";

export const PROJECT_SIZES = [150, 300, 600, 1200] as const;
const CORPUS_ENV = "SCHEMA_CORPUS_DIR";
const WWI_PATH = "samples/databases/wide-world-importers/wwi-ssdt/wwi-ssdt";

export interface Timing {
  readMs: number;
  assessMs: number;
  scriptMs: number;
  totalMs: number;
  /** CPU time of the process during the run (all threads: the compiler's too), ms. */
  cpuMs: number;
}

export interface ProjectMeasurement {
  project: string;
  files: number;
  /** Top-level statements in the files (synthetic projects: as the reader splits them). */
  statements?: number;
  megabytes: number;
  /** First run in a fresh process. */
  cold: Timing;
  /** Fastest of four more runs in the same process. */
  warm: Timing;
  peakRssMb: number;
  objects: number;
  warnings: number;
  findings: number;
  batches: number;
}

export interface ProjectResults {
  benchmark: "script-project";
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  loadAverage: number[];
  measurements: ProjectMeasurement[];
  /** Total time at each size divided by the time at half that size (2.0 = linear), warm and cold. */
  doublingRatios: { from: number; to: number; warm: number; cold: number }[];
  /** Why the real project was not measured, when it was not. */
  corpusSkipped?: string;
}

/** One read + assess + script of a folder. */
async function runOnce(
  dir: string,
  databaseName: string,
): Promise<{ timing: Timing; read: Awaited<ReturnType<typeof readScripts>>; findings: number; batches: number }> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const read = await readScripts(dir, { databaseName });
  const t1 = performance.now();
  const report = assess(read.model);
  const t2 = performance.now();
  const script = generateScript(read.model);
  const t3 = performance.now();
  const used = process.cpuUsage(cpu);
  const timing = {
    readMs: Math.round(t1 - t0),
    assessMs: Math.round(t2 - t1),
    scriptMs: Math.round(t3 - t2),
    totalMs: Math.round(t3 - t0),
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
  return { timing, read, findings: report.findings.length, batches: script.batches.length };
}

/** Reads, assesses and scripts one project folder in this process, cold then warm. */
async function measureFolder(
  project: string,
  dir: string,
  databaseName: string,
  statements?: number,
): Promise<ProjectMeasurement> {
  const cold = await runOnce(dir, databaseName);
  let warm = await runOnce(dir, databaseName);
  for (let i = 0; i < 3; i++) {
    const again = await runOnce(dir, databaseName);
    if (again.timing.totalMs < warm.timing.totalMs) warm = again;
  }
  const { read } = cold;
  let bytes = 0;
  for (const file of read.files) bytes += (await fs.stat(path.join(dir, file)).catch(() => ({ size: 0 }))).size;
  return {
    project,
    files: read.files.length,
    ...(statements !== undefined ? { statements } : {}),
    megabytes: Math.round((bytes / 1e6) * 10) / 10,
    cold: cold.timing,
    warm: warm.timing,
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    objects: allObjects(read.model).length,
    warnings: read.warnings.length,
    findings: cold.findings,
    batches: cold.batches,
  };
}

/** Writes the synthetic project of `files` files to a temporary folder, then measures it. */
async function measureSynthetic(files: number): Promise<ProjectMeasurement> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "script-project-"));
  try {
    const project = buildSyntheticProject(files);
    for (const f of project) {
      const full = path.join(dir, ...f.file.split("/"));
      await fs.mkdir(path.dirname(full), { recursive: true });
      await fs.writeFile(full, f.text, "utf8");
    }
    return await measureFolder(`synthetic ${files}`, dir, "BenchDb", countStatements(project));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[]): Promise<ProjectMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--child", ...args], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`benchmark child ${args.join(" ")} exited with ${code}`));
      resolve(JSON.parse(out) as ProjectMeasurement);
    });
  });
}

/** Every synthetic size, then the real project when the corpus is there. */
export async function runScriptProject(
  log: (line: string) => void = console.log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProjectResults> {
  const loadAverage = os.loadavg().map((load) => Math.round(load * 100) / 100);
  const measurements: ProjectMeasurement[] = [];
  for (const size of PROJECT_SIZES) {
    const m = await runChild(["synthetic", String(size)]);
    measurements.push(m);
    log(`  ${m.project}: ${describe(m)}`);
  }
  const ratio = (a: number, b: number): number => Math.round((b / Math.max(1, a)) * 100) / 100;
  const doublingRatios = PROJECT_SIZES.slice(1).map((to, i) => {
    const [small, large] = [measurements[i]!, measurements[i + 1]!];
    return {
      from: PROJECT_SIZES[i]!,
      to,
      warm: ratio(small.warm.totalMs, large.warm.totalMs),
      cold: ratio(small.cold.totalMs, large.cold.totalMs),
    };
  });
  const results: ProjectResults = {
    benchmark: "script-project",
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    loadAverage,
    measurements,
    doublingRatios,
  };
  const root = env[CORPUS_ENV];
  const wwi = root ? path.join(root, WWI_PATH) : undefined;
  if (wwi === undefined) results.corpusSkipped = `no ${CORPUS_ENV} set`;
  else if (
    !(await fs
      .stat(wwi)
      .then((s) => s.isDirectory())
      .catch(() => false))
  )
    results.corpusSkipped = `${CORPUS_ENV}=${root} lacks ${WWI_PATH}`;
  else {
    const m = await runChild(["folder", wwi, "WideWorldImporters"]);
    measurements.push({ ...m, project: "WideWorldImporters (real)" });
    log(`  WideWorldImporters: ${describe(m)}`);
  }
  if (results.corpusSkipped !== undefined) log(`  WideWorldImporters: skipped (${results.corpusSkipped})`);
  return results;
}

function describe(m: ProjectMeasurement): string {
  const t = (x: Timing): string =>
    `read ${x.readMs} ms, assess ${x.assessMs} ms, script ${x.scriptMs} ms, total ${x.totalMs} ms`;
  return `${m.files} files; cold: ${t(m.cold)}; warm: ${t(m.warm)}`;
}

export function formatProjectTable(results: ProjectResults): string {
  const header = [
    "project",
    "files",
    "statements",
    "MB",
    "run",
    "read (ms)",
    "assess (ms)",
    "script (ms)",
    "total (ms)",
    "CPU (ms)",
    "peak RSS (MB)",
    "objects",
    "warnings",
  ];
  const rows = results.measurements.flatMap((m) =>
    (["cold", "warm"] as const).map((run) => {
      const t = m[run];
      const first = run === "cold";
      return [
        first ? m.project : "",
        first ? String(m.files) : "",
        first && m.statements !== undefined ? String(m.statements) : "",
        first ? String(m.megabytes) : "",
        run,
        String(t.readMs),
        String(t.assessMs),
        String(t.scriptMs),
        String(t.totalMs),
        String(t.cpuMs),
        first ? String(m.peakRssMb) : "",
        first ? String(m.objects) : "",
        first ? String(m.warnings) : "",
      ];
    }),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  const ratios = results.doublingRatios
    .map((r) => `${r.from}→${r.to} files: ×${r.warm} warm (×${r.cold} cold)`)
    .join(", ");
  const lines = [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `total time per doubling of the project (2.0 = linear): ${ratios}`,
  ];
  if (results.corpusSkipped !== undefined) lines.push(`WideWorldImporters (real): skipped — ${results.corpusSkipped}`);
  return lines.join("\n");
}

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") {
    const m =
      argv[1] === "synthetic"
        ? await measureSynthetic(Number(argv[2]))
        : await measureFolder(argv[2]!, argv[2]!, argv[3]!);
    process.stdout.write(JSON.stringify(m));
    return;
  }
  console.log("script project benchmark (read + assess + script)");
  const results = await runScriptProject();
  const dir = await resultsDir();
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, "script-project.json");
  await fs.writeFile(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`, "utf8");
  await fs.rename(`${file}.tmp`, file);
  console.log(`\n${formatProjectTable(results)}\n\nresults: ${file}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
