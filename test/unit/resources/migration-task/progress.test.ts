/** Progress reporting of MigrationTask: per table while few, per database when many, throttled. */
import type { TaskReading } from "../../../../provider/resources/migration-task/phase";
import {
  describeProgress,
  PER_TABLE_LIMIT,
  progressStates,
} from "../../../../provider/resources/migration-task/progress-log";
import { ThrottledProgress } from "../../../../provider/resources/throttled-progress";

function reading(tableCount: number, rowsCopied: number, state = "InProgress"): TaskReading {
  const tables = Array.from({ length: tableCount }, (_, i) => ({
    database: "Sales",
    table: `dbo.T${i}`,
    state,
    rowsCopied,
    totalRows: 1000,
    percent: Math.floor(rowsCopied / 10),
    errors: [],
  }));
  return {
    state: "Running",
    phase: "running",
    errors: [],
    summary: {
      mode: "offline",
      databases: [
        {
          database: "Sales",
          state,
          rowsCopied: rowsCopied * tableCount,
          totalRows: 1000 * tableCount,
          percent: Math.floor(rowsCopied / 10),
          tables,
          errors: [],
        },
      ],
      errors: [],
    },
  };
}

describe("describeProgress", () => {
  test("lists every table with state, rows and percent while there are few", () => {
    const text = describeProgress("sales-task", reading(3, 250));
    expect(text).toContain("migration task sales-task: Running (running)");
    expect(text).toContain("Sales.dbo.T2: InProgress, 250/1000 rows (25%)");
    expect(text.split("\n")).toHaveLength(1 + 1 + 3);
  });

  test("aggregates per database beyond the per-table limit", () => {
    const text = describeProgress("sales-task", reading(PER_TABLE_LIMIT + 1, 500));
    expect(text).not.toContain("dbo.T0");
    expect(text).toContain(
      `Sales: InProgress, ${500 * (PER_TABLE_LIMIT + 1)}/${1000 * (PER_TABLE_LIMIT + 1)} rows (50%), 0/${PER_TABLE_LIMIT + 1} tables loaded`,
    );
  });
});

describe("ThrottledProgress with task progress", () => {
  test("speaks at most once per interval while only numbers move, at once when a state changes", () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new ThrottledProgress(
      30_000,
      () => now,
      (text) => lines.push(text),
    );
    const reporter = {
      report: (s: ReturnType<typeof reading>) => progress.report(describeProgress("sales-task", s), progressStates(s)),
    };

    reporter.report(reading(2, 100));
    for (let rows = 110; rows < 200; rows += 10) {
      now += 5_000;
      reporter.report(reading(2, rows));
    }
    // 45 s of polls every 5 s: the first report, then one when 30 s had passed.
    expect(lines).toHaveLength(2);

    now += 1_000;
    reporter.report(reading(2, 1000, "Completed"));
    expect(lines).toHaveLength(3);

    now += 60_000;
    reporter.report(reading(2, 1000, "Completed"));
    expect(lines).toHaveLength(3); // nothing new to say
  });
});
