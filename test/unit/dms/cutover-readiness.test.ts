import { readinessForCutover } from "../../../provider/dms";
import ready from "./fixtures/constructed-sync-output-ready.json";

type Row = Record<string, unknown>;
const clone = (): Row[] => JSON.parse(JSON.stringify(ready));
const db = (out: Row[]) => out.find((r) => r.resultType === "DatabaseLevelOutput")!;
const table = (out: Row[], name: string) => out.find((r) => r.tableName === name)!;

describe("readinessForCutover", () => {
  test("ready: state READY_TO_COMPLETE, all tables loaded, pending at threshold", () => {
    const r = readinessForCutover(clone(), { maxPendingChanges: 2 });
    expect(r.reasons).toEqual([]);
    expect(r.ready).toBe(true);
    expect(r.databases).toEqual([
      { database: "Sales", ready: true, migrationState: "READY_TO_COMPLETE", pendingChanges: 2, reasons: [] },
    ]);
  });

  test("pending changes over the threshold (default 0)", () => {
    const r = readinessForCutover(clone());
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "PendingChangesOverThreshold", database: "Sales" })]);
    expect(r.reasons[0].message).toMatch(/2 changes pending/);
  });

  test("a table still in full load blocks, with the table named", () => {
    const out = clone();
    table(out, "dbo.Orders").state = "FULL_LOAD";
    Object.assign(db(out), { migrationState: "RUNNING", fullLoadLoadingTables: 1, fullLoadCompletedTables: 1 });
    const r = readinessForCutover(out, { maxPendingChanges: 10 });
    expect(r.ready).toBe(false);
    expect(r.reasons.map((x) => x.code).sort()).toEqual([
      "DatabaseStateNotReady",
      "FullLoadIncomplete",
      "TableNotFullyLoaded",
    ]);
    expect(r.reasons.find((x) => x.code === "TableNotFullyLoaded")).toMatchObject({
      database: "Sales",
      table: "dbo.Orders",
    });
  });

  test("errored tables and data errors block", () => {
    const out = clone();
    table(out, "dbo.Customers").state = "ERROR";
    table(out, "dbo.Orders").dataErrorsCounter = 3;
    const r = readinessForCutover(out, { maxPendingChanges: 10 });
    expect(r.reasons.map((x) => [x.code, x.table])).toEqual([
      ["TableErrored", "dbo.Customers"],
      ["TableDataErrors", "dbo.Orders"],
    ]);
  });

  test("a listed database the service has not reported is not ready", () => {
    const r = readinessForCutover(clone(), { maxPendingChanges: 10, databases: ["Sales", "Hr"] });
    expect(r.ready).toBe(false);
    expect(r.databases.map((d) => [d.database, d.ready])).toEqual([
      ["Sales", true],
      ["Hr", false],
    ]);
    expect(r.reasons[0].code).toBe("DatabaseNotReported");
  });

  test("database already completing is not 'ready' for another complete", () => {
    const out = clone();
    db(out).migrationState = "COMPLETING";
    expect(readinessForCutover(out, { maxPendingChanges: 10 }).reasons[0].code).toBe("DatabaseStateNotReady");
  });

  test("error outputs block; empty output is not ready", () => {
    const withError = [
      ...clone(),
      { resultType: "DatabaseLevelErrorOutput", errorMessage: "log truncated", events: [] },
    ];
    expect(readinessForCutover(withError, { maxPendingChanges: 10 }).reasons).toEqual([
      expect.objectContaining({
        code: "DatabaseError",
        database: "Sales",
        message: expect.stringMatching(/log truncated/),
      }),
    ]);
    const migrationError = [...clone(), { resultType: "ErrorOutput", error: { message: "boom" } }];
    expect(readinessForCutover(migrationError, { maxPendingChanges: 10 }).reasons[0]).toMatchObject({
      code: "MigrationError",
    });
    expect(readinessForCutover([]).reasons).toEqual([expect.objectContaining({ code: "NoOutput" })]);
  });

  test("missing change counters are a reason, not a pass", () => {
    const out = clone();
    delete db(out).incomingChanges;
    expect(readinessForCutover(out).reasons[0].code).toBe("ChangeCountersMissing");
  });

  test("rejects a negative threshold", () => {
    expect(() => readinessForCutover(clone(), { maxPendingChanges: -1 })).toThrow(RangeError);
  });
});
