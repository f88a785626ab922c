/**
 * What a classic MigrationTask keeps in state stays bounded whatever the table count: per database its state,
 * rows and a table summary; every table's progress goes to the database's data-move file, which the report
 * reads (issue 13, item 3). State written by the earlier version (every table in `databaseProgress`) still works.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProjectTask, type DatabaseProgress } from "../../../provider/dms";
import { buildReport } from "../../../provider/report";
import { outputsOf, provider, type MigrationTaskOutputs } from "../../../provider/resources/migration-task";
import { readingOf } from "../../../provider/resources/migration-task/phase";
import {
  dataMoveFilesIn,
  writeDataMoveFiles,
  type DatabaseProgressInState,
} from "../../../provider/resources/migration-task/progress-in-state";
import { FAILED_TABLES_IN_STATE, MESSAGES_IN_STATE } from "../../../provider/resources/table-summary";
import { largeTaskAnswer, largeTaskInputs, stateOf5000TableTask } from "../../../bench/engine/state-5000";

function readingFor(tables: number, failed: number) {
  const inputs = largeTaskInputs();
  const task = parseProjectTask(largeTaskAnswer(tables, failed));
  return { inputs, task, reading: readingOf(task, inputs) };
}

let directory: string;
beforeEach(async () => {
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "migration-task-state-"));
});
afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

test("5,000 tables with 50 failed: per database the counts, rows, first failed tables; bounded errors", () => {
  const { inputs, task, reading } = readingFor(5000, 50);
  const outs = outputsOf(inputs, task, reading, { sales: "/reports/SalesDb.data-move.json" });
  const [sales] = outs.databaseProgress as DatabaseProgressInState[];
  expect(sales).not.toHaveProperty("tables");
  expect(sales!.dataMoveFile).toBe("/reports/SalesDb.data-move.json");
  expect(sales!.tableSummary.tables).toBe(5000);
  expect(sales!.tableSummary.byState).toEqual({ Failed: 50, Completed: 4950 });
  // Rows of the completed tables: 10 000 + i for i = 50 … 4 999.
  const expectedRows = Array.from({ length: 4950 }, (_, k) => 10_000 + 50 + k).reduce((a, b) => a + b, 0);
  expect(sales!.tableSummary.rowsCopied).toBe(expectedRows);
  expect(sales!.rowsCopied).toBe(expectedRows);
  expect(sales!.totalRows).toBeGreaterThan(expectedRows);
  expect(sales!.tableSummary.failedTables).toHaveLength(FAILED_TABLES_IN_STATE);
  expect(sales!.tableSummary.failedTables[0]).toEqual({
    table: "Schema0.Table_00000_with_a_realistic_name",
    state: "Failed",
    rowsCopied: 0,
  });
  expect(sales!.tableSummary.moreFailedTables).toBe(50 - FAILED_TABLES_IN_STATE);
  // One error per failed table from the service: the first ones and a count in state.
  expect(reading.errors.length).toBeGreaterThanOrEqual(50);
  expect(outs.errors).toHaveLength(MESSAGES_IN_STATE + 1);
  expect(outs.errors[MESSAGES_IN_STATE]).toMatch(/^…and \d+ more \(see the data-move file\)$/);
});

test("the state of a 5,000-table task is a few kilobytes, its size independent of the table count", () => {
  const small = stateOf5000TableTask(50, 50);
  const large = stateOf5000TableTask(5000, 50);
  expect(large.stateBytes).toBeLessThan(16 * 1024);
  expect(large.stateBytes).toBeLessThan(large.goalBytes);
  // Same failures, 100x the tables: only the digits of the counters may grow.
  expect(large.stateBytes - small.stateBytes).toBeLessThan(64);
  // The per-table detail is all in the file.
  expect(large.dataMoveFileBytes).toBeGreaterThan(1024 * 1024);
});

test("each database's data-move file has every table in the format the report reads", async () => {
  const { inputs, reading } = readingFor(300, 3);
  const files = await writeDataMoveFiles({ ...inputs, reportDirectory: directory }, reading.summary!.databases);
  expect(files).toEqual({ sales: path.join(directory, "SalesDb.data-move.json") });
  const moved = JSON.parse(await fs.readFile(files.sales!, "utf8")) as {
    engine: string;
    task: string;
    database: string;
    targetDatabase: string;
    tables: { table: string; status: string; rowsCopied: number; totalRows: number; errors: string[] }[];
  };
  expect(moved).toMatchObject({
    engine: "dmsClassic",
    task: "sales-task",
    database: "Sales",
    targetDatabase: "SalesDb",
  });
  expect(moved.tables).toHaveLength(300);
  expect(moved.tables[0]).toMatchObject({ status: "Failed", rowsCopied: 0, totalRows: 10_000 });
  expect(moved.tables[0]!.errors).toEqual(["Violation of PRIMARY KEY constraint"]);
  expect(moved.tables[299]).toMatchObject({ status: "Completed", rowsCopied: 10_299 });

  const report = await buildReport({
    migration: "sales",
    engine: "dmsClassic",
    apiVersions: [],
    phase: "failed",
    databases: [
      {
        database: "Sales",
        targetDatabase: "SalesDb",
        phase: "failed",
        rowsCopied: 0,
        errors: [],
        dataMoveFile: files.sales,
      },
    ],
  });
  expect(report.dataMove[0]!.tables).toHaveLength(300);
  expect(report.dataMove[0]!.tables[0]).toMatchObject({ state: "Failed", rowsCopied: 0 });
});

/** Outputs as the earlier version recorded them: every table of every database in `databaseProgress`. */
function earlierVersionState(): MigrationTaskOutputs {
  const { inputs, task, reading } = readingFor(300, 0);
  const outs = outputsOf({ ...inputs, reportDirectory: directory }, task, reading);
  return { ...outs, phase: "completed", databaseProgress: reading.summary!.databases, errors: [] };
}

test("state from the earlier version (every table) is read: its tables go to the data-move file, a summary stays", async () => {
  const olds = earlierVersionState();
  expect((olds.databaseProgress[0] as DatabaseProgress).tables).toHaveLength(300);
  expect(dataMoveFilesIn(olds.databaseProgress)).toEqual({});
  const news = { ...largeTaskInputs(), reportDirectory: directory, validation: { ...olds.validation, depth: "none" } };
  // A completed task with validation off keeps what it recorded: no ARM request, only the state's new shape.
  const { outs } = (await provider.update!("id", olds, news)) as { outs: MigrationTaskOutputs };
  const [sales] = outs.databaseProgress as DatabaseProgressInState[];
  expect(sales).not.toHaveProperty("tables");
  expect(sales!.tableSummary).toMatchObject({ tables: 300, byState: { Completed: 300 }, failedTables: [] });
  expect(sales!.dataMoveFile).toBe(path.join(directory, "SalesDb.data-move.json"));
  const moved = JSON.parse(await fs.readFile(sales!.dataMoveFile!, "utf8")) as { tables: unknown[] };
  expect(moved.tables).toHaveLength(300);
  expect(outs.phase).toBe("completed");
  expect(JSON.stringify(outs).length).toBeLessThan(JSON.stringify(olds).length / 10);
});
