/**
 * Which figures of an engine benchmark run regressed against the committed results: a ratio or a count more
 * than twice the committed one, or a figure past its absolute goal. Times are compared only as ratios to the
 * baseline measured in the same run (absolute times drift with the machine's load).
 */
import type { EngineResults } from "../engine-overhead";

/** How much worse than the committed figure a run may be before it counts as a regression. */
export const REGRESSION_FACTOR = 2;

interface Figure {
  name: string;
  value: (r: EngineResults) => number;
}

/** Figures compared with the committed run; each is "lower is better". */
const COMPARED: Figure[] = [
  { name: "converged up / bare up", value: (r) => r.operations.up.ratio },
  { name: "preview / bare preview", value: (r) => r.operations.preview.ratio },
  { name: "refresh / bare refresh", value: (r) => r.operations.refresh.ratio },
  {
    name: "ARM GETs per resource read in a refresh",
    value: (r) => r.operations.refresh.arm.gets / Math.max(1, r.operations.refresh.arm.pathsRead),
  },
  { name: "state bytes per resource", value: (r) => r.state.bytesPerResource },
  { name: "DatabaseMigration state bytes at 5,000 tables", value: (r) => r.state.migration5000.stateBytes },
  { name: "state file writes in a converged up", value: (r) => r.operations.up.stateWrites },
];

export function regressions(committed: EngineResults, current: EngineResults): string[] {
  const found: string[] = [];
  for (const figure of COMPARED) {
    const before = figure.value(committed);
    const now = figure.value(current);
    if (now > before * REGRESSION_FACTOR)
      found.push(`${figure.name}: ${round(now)}, more than ${REGRESSION_FACTOR}× the committed ${round(before)}`);
  }
  // Goals that are counts or limits, not ratios: any excess is a regression.
  if (current.operations.up.arm.writes > 0)
    found.push(`ARM writes in a converged up: ${current.operations.up.arm.writes}, goal 0`);
  if (current.operations.preview.arm.writes > 0)
    found.push(`ARM writes in a preview: ${current.operations.preview.arm.writes}, goal 0`);
  if (!current.firstUp.retryAfter.honoured)
    found.push(
      `a poll came ${current.firstUp.retryAfter.shortestWaitMs} ms after a 429 with Retry-After ${current.firstUp.retryAfter.retryAfterMs} ms`,
    );
  if (current.firstUp.firstProgressLineMs >= 10_000)
    found.push(
      `first progress line ${current.firstUp.firstProgressLineMs} ms after the migration started, goal < 10 s`,
    );
  if (current.state.migration5000.stateBytes >= current.state.migration5000.goalBytes)
    found.push(`5,000-table state ${current.state.migration5000.stateBytes} bytes, goal < 2 MB`);
  const task = current.state.migrationTask5000;
  if (task && task.stateBytes >= task.goalBytes)
    found.push(`5,000-table MigrationTask state ${task.stateBytes} bytes, goal < 2 MB`);
  return found;
}

const round = (n: number) => Math.round(n * 100) / 100;
