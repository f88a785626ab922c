/**
 * What a DatabaseMigration keeps in state stays bounded whatever the table count: counts per state, totals and
 * the first failed tables; every table's progress goes to the data-move file (issue 13, item 3).
 */
import { databaseMigrationSchema, parseDms } from "../../../provider/dms";
import { outputsOf } from "../../../provider/resources/database-migration";
import { readingOf } from "../../../provider/resources/database-migration/run";
import { FAILED_TABLES_IN_STATE, MESSAGES_IN_STATE } from "../../../provider/resources/table-summary";
import { largeMigrationInputs, largeRunAnswer, stateOf5000TableMigration } from "../../../bench/engine/state-5000";

function outputsFor(tables: number, failed: number) {
  const migration = parseDms(databaseMigrationSchema, largeRunAnswer(tables, failed), "DatabaseMigrationSqlDb");
  return outputsOf(largeMigrationInputs(), migration, readingOf(migration));
}

test("5,000 tables with 50 failed: counts and totals, the first failed tables, bounded errors", () => {
  const outs = outputsFor(5000, 50);
  expect(outs.tableSummary.tables).toBe(5000);
  expect(outs.tableSummary.byState).toEqual({ Failed: 50, Succeeded: 4950 });
  // Rows of the succeeded tables: 10 000 + i for i = 50 … 4 999.
  const expectedRows = Array.from({ length: 4950 }, (_, k) => 10_000 + 50 + k).reduce((a, b) => a + b, 0);
  expect(outs.tableSummary.rowsCopied).toBe(expectedRows);
  expect(outs.rowsCopied).toBe(expectedRows);
  expect(outs.tableSummary.failedTables).toHaveLength(FAILED_TABLES_IN_STATE);
  expect(outs.tableSummary.failedTables[0]).toEqual({
    table: "Schema0.Table_00000_with_a_realistic_name",
    state: "Failed",
    rowsCopied: 0,
  });
  expect(outs.tableSummary.moreFailedTables).toBe(50 - FAILED_TABLES_IN_STATE);
  expect(outs.errors).toHaveLength(MESSAGES_IN_STATE + 1);
  expect(outs.errors[MESSAGES_IN_STATE]).toBe("…and 30 more (see the data-move file)");
  expect(outs).not.toHaveProperty("tableProgress");
});

test("the state of a 5,000-table run is a few kilobytes, its size independent of the table count", () => {
  const small = stateOf5000TableMigration(50, 50);
  const large = stateOf5000TableMigration(5000, 50);
  expect(large.stateBytes).toBeLessThan(16 * 1024);
  // Same failures, 100x the tables: only the digits of the counters may grow.
  expect(large.stateBytes - small.stateBytes).toBeLessThan(64);
  // The per-table detail is all in the file.
  expect(large.dataMoveFileBytes).toBeGreaterThan(1024 * 1024);
});

test("a few tables, none failed: every count, no failed list", () => {
  const outs = outputsFor(3, 0);
  expect(outs.tableSummary).toEqual({
    tables: 3,
    byState: { Succeeded: 3 },
    rowsCopied: 10_000 + 10_001 + 10_002,
    failedTables: [],
    moreFailedTables: 0,
  });
  expect(outs.errors).toEqual([]);
});
