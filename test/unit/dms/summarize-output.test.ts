import { summarizeOfflineOutput, summarizeSyncOutput, summarizeTaskOutput } from "../../../provider/dms";
import offline from "./fixtures/constructed-offline-output.json";
import sync from "./fixtures/constructed-sync-output-ready.json";

describe("task output summaries", () => {
  test("offline: per database and per table rows, percent, state, timestamps", () => {
    const s = summarizeOfflineOutput(offline);
    expect(s.mode).toBe("offline");
    expect(s.status).toBe("Running");
    expect(s.databases).toHaveLength(1);
    const [sales] = s.databases;
    expect(sales).toMatchObject({
      database: "Sales",
      state: "InProgress",
      rowsCopied: 2000,
      totalRows: 5000,
      percent: 40,
    });
    expect(sales.tables).toEqual([
      expect.objectContaining({
        table: "dbo.Customers",
        state: "Completed",
        rowsCopied: 1000,
        totalRows: 1000,
        percent: 100,
        endedOn: "2024-05-01T10:00:09Z",
      }),
      expect.objectContaining({
        table: "dbo.Orders",
        state: "InProgress",
        rowsCopied: 1000,
        totalRows: 4000,
        percent: 25,
      }),
    ]);
  });

  test("offline: tables are matched to their database by resultPrefix when there are several", () => {
    const out = [
      { resultType: "DatabaseLevelOutput", databaseName: "A", resultPrefix: "a/" },
      { resultType: "DatabaseLevelOutput", databaseName: "B", resultPrefix: "b/" },
      {
        resultType: "TableLevelOutput",
        id: "b/1",
        objectName: "dbo.T",
        itemsCount: 10,
        itemsCompletedCount: 10,
        state: "Completed",
      },
      {
        resultType: "TableLevelOutput",
        id: "a/1",
        objectName: "dbo.U",
        itemsCount: 0,
        itemsCompletedCount: 0,
        state: "Completed",
      },
    ];
    const s = summarizeOfflineOutput(out);
    expect(s.databases.map((d) => [d.database, d.tables.map((t) => t.table)])).toEqual([
      ["A", ["dbo.U"]],
      ["B", ["dbo.T"]],
    ]);
    expect(s.databases[0].tables[0].percent).toBe(100);
  });

  test("offline: errors from ErrorOutput and failed tables", () => {
    const s = summarizeOfflineOutput([
      {
        resultType: "DatabaseLevelOutput",
        databaseName: "A",
        resultPrefix: "a/",
        state: "Failed",
        statusMessage: "copy failed",
      },
      {
        resultType: "TableLevelOutput",
        id: "a/1",
        objectName: "dbo.T",
        state: "Failed",
        statusMessage: "Violation of PRIMARY KEY",
      },
      { resultType: "ErrorOutput", error: { message: "Migration failed", actionableMessage: "Check the logs." } },
    ]);
    expect(s.errors).toEqual(["Migration failed Check the logs."]);
    expect(s.databases[0].errors).toEqual(["copy failed"]);
    expect(s.databases[0].tables[0].errors).toEqual(["Violation of PRIMARY KEY"]);
  });

  test("online: counters, pending changes, CDC per table", () => {
    const s = summarizeSyncOutput(sync);
    expect(s.mode).toBe("online");
    const [sales] = s.databases;
    expect(sales).toMatchObject({
      database: "Sales",
      state: "READY_TO_COMPLETE",
      rowsCopied: 5000,
      incomingChanges: 120,
      appliedChanges: 118,
      pendingChanges: 2,
      fullLoad: { completed: 2, loading: 0, queued: 0, errored: 0 },
      initializationCompleted: true,
    });
    expect(sales.tables[0]).toMatchObject({
      table: "dbo.Customers",
      state: "COMPLETED",
      percent: 100,
      changesApplied: 71,
      cdc: { inserts: 60, updates: 10, deletes: 1 },
    });
  });

  test("dispatch by task type", () => {
    expect(summarizeTaskOutput("Migrate.SqlServer.SqlDb", offline)?.mode).toBe("offline");
    expect(summarizeTaskOutput("Migrate.SqlServer.AzureSqlDb.Sync", undefined)?.databases).toEqual([]);
    expect(summarizeTaskOutput("ConnectToSource.SqlServer", [])).toBeUndefined();
  });
});
