/**
 * The engine benchmark's regression check (bench/engine/regression.ts) against the committed quick results:
 * the committed run passes itself; each figure made more than twice worse, or past its goal, is named.
 */
import * as fs from "fs";
import * as path from "path";
import type { EngineResults } from "../../../bench/engine-overhead";
import { regressions } from "../../../bench/engine/regression";

const committed = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../../bench/results/engine-quick.json"), "utf8"),
) as EngineResults;

/** A deep copy of the committed run with one change. */
function worse(change: (r: EngineResults) => void): EngineResults {
  const copy = structuredClone(committed);
  change(copy);
  return copy;
}

test("the committed run does not regress against itself", () => {
  expect(regressions(committed, committed)).toEqual([]);
});

test("a ratio just under twice the committed one passes; just over fails, naming the figure", () => {
  const base = committed.operations.up.ratio;
  expect(
    regressions(
      committed,
      worse((r) => void (r.operations.up.ratio = base * 1.99)),
    ),
  ).toEqual([]);
  expect(
    regressions(
      committed,
      worse((r) => void (r.operations.up.ratio = base * 2.01)),
    ),
  ).toEqual([expect.stringMatching(/^converged up \/ bare up: .*more than 2× the committed/)]);
});

test.each<[string, (r: EngineResults) => void, RegExp]>([
  ["preview ratio", (r) => void (r.operations.preview.ratio *= 3), /^preview \/ bare preview/],
  ["refresh ratio", (r) => void (r.operations.refresh.ratio *= 3), /^refresh \/ bare refresh/],
  ["refresh GETs", (r) => void (r.operations.refresh.arm.gets *= 3), /^ARM GETs per resource read/],
  ["state per resource", (r) => void (r.state.bytesPerResource *= 3), /^state bytes per resource/],
  ["5,000-table state", (r) => void (r.state.migration5000.stateBytes *= 3), /^DatabaseMigration state bytes/],
  [
    "checkpoints",
    (r) => void (r.operations.up.stateWrites = 3 * r.operations.up.stateWrites + 1),
    /^state file writes/,
  ],
  ["a write in a converged up", (r) => void (r.operations.up.arm.writes = 1), /^ARM writes in a converged up: 1/],
  ["a write in a preview", (r) => void (r.operations.preview.arm.writes = 1), /^ARM writes in a preview: 1/],
  ["Retry-After ignored", (r) => void (r.firstUp.retryAfter.honoured = false), /after a 429 with Retry-After/],
  ["slow first progress line", (r) => void (r.firstUp.firstProgressLineMs = 10_000), /^first progress line/],
  ["state past 2 MB", (r) => void (r.state.migration5000.stateBytes = 2 * 1024 * 1024), /goal < 2 MB/],
  [
    "MigrationTask state past 2 MB",
    (r) => void (r.state.migrationTask5000 = { ...r.state.migration5000, stateBytes: 2 * 1024 * 1024 }),
    /^5,000-table MigrationTask state \d+ bytes, goal < 2 MB/,
  ],
])("%s is a regression", (_name, change, message) => {
  expect(regressions(committed, worse(change))).toContainEqual(expect.stringMatching(message));
});
