/**
 * Rows of the reliability table (docs/RELIABILITY.md). Each reliability suite records one row per case it ran:
 * what was injected, what was expected and what was observed. Rows are appended as JSON lines to
 * `$RELIABILITY_RECORD_DIR/<matrix>.jsonl` (default .work/reliability/) so `npm run reliability` can render the
 * table from a run, and each suite can compare its rows with the committed table (see committed-table.ts).
 */
import * as fs from "fs";
import * as path from "path";

export type ReliabilityMatrix = "faults" | "kills" | "badInput" | "secrets";

export interface ReliabilityRow {
  matrix: ReliabilityMatrix;
  /** Which part of the system the case exercises, e.g. "ARM", "SQL", "DMS (current)", "replication". */
  area: string;
  /** What was done to the system, e.g. "503 on provider registration, 3 times". */
  injected: string;
  /** The outcome the design promises, e.g. "retried and converged in one up". */
  expected: string;
  /** What the run showed, in the same words as `expected` when they agree. */
  observed: string;
  passed: boolean;
  /**
   * The test file that recorded the row (e.g. "test/reliability/classic-dms-faults.test.ts"): the committed-table
   * check finds a suite's lines by it. Defaults to the test file jest is running (currentTestFile).
   */
  suite?: string;
  /** Deterministic tallies beside the row, summed in the table's counts, e.g. { faultsInjected: 3 } or { scans: 6, hits: 0 }. */
  counts?: Record<string, number>;
  /** Non-deterministic figures (durations, request counts under timing); not compared with the committed table. */
  measured?: Record<string, number>;
}

export function reliabilityRecordDir(): string {
  return process.env["RELIABILITY_RECORD_DIR"] ?? path.join(__dirname, "..", "..", "..", ".work", "reliability");
}

/** The rows this test file recorded so far (jest gives each test file its own module registry). */
const recordedHere: ReliabilityRow[] = [];

export function rowsRecordedInThisFile(): readonly ReliabilityRow[] {
  return recordedHere;
}

/**
 * The test file jest is running, relative to the package root with forward slashes ("test/reliability/x.test.ts"),
 * or undefined outside jest. Read through globalThis: the renderer is compiled and run without jest's types.
 */
export function currentTestFile(): string | undefined {
  const jestExpect = (globalThis as { expect?: { getState?: () => { testPath?: string | null } } }).expect;
  const testPath = jestExpect?.getState?.().testPath;
  if (!testPath) return undefined;
  return path
    .relative(path.join(__dirname, "..", "..", ".."), testPath)
    .split(path.sep)
    .join("/");
}

export function recordReliabilityRow(entry: ReliabilityRow): void {
  const suite = entry.suite ?? currentTestFile();
  const row: ReliabilityRow = suite ? { ...entry, suite } : entry;
  recordedHere.push(row);
  const dir = reliabilityRecordDir();
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, `${row.matrix}.jsonl`), JSON.stringify(row) + "\n");
}

export function readRecordedRows(dir = reliabilityRecordDir()): ReliabilityRow[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) =>
      fs
        .readFileSync(path.join(dir, name), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as ReliabilityRow),
    );
}

/**
 * A faults-matrix row for a case whose assertions already passed: the test records it after its expects, so what
 * was observed is what was expected unless `observed` says more (e.g. how many faulted answers it took).
 */
export function recordPassedFault(
  suite: string,
  row: Pick<ReliabilityRow, "area" | "injected" | "expected"> & Partial<Pick<ReliabilityRow, "observed" | "counts">>,
): void {
  recordReliabilityRow({ matrix: "faults", suite, observed: row.expected, passed: true, ...row });
}
