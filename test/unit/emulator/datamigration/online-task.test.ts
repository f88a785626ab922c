/** An online task (Migrate.SqlServer.AzureSqlDb.Sync): full load, CDC, the readiness gate, then the complete command. */
import { readinessForCutover, summarizeSyncOutput } from "../../../../provider/dms";
import { taskPath, sharedHarness, provisioned, salesTaskBody, SALES_TABLE_MAP } from "./support";

const syncTask = salesTaskBody("Migrate.SqlServer.AzureSqlDb.Sync", SALES_TABLE_MAP);

describe("online migration task", () => {
  const h = sharedHarness();
  const output = async () => (await h.call("GET", `${taskPath("sync")}?$expand=output`)).json.properties.output;
  const complete = (databaseName: string) =>
    h.call("POST", `${taskPath("sync")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName },
    });

  test("full load → READY_TO_COMPLETE → changes applied → complete → COMPLETE → Succeeded", async () => {
    expect((await h.call("PUT", taskPath("sync"), syncTask)).status).toBe(201);
    h.ticks(2);
    let gate = readinessForCutover(await output(), { maxPendingChanges: 10 });
    expect(gate.ready).toBe(false);
    expect(gate.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["DatabaseStateNotReady", "TableNotFullyLoaded"]),
    );

    // A completion before the full load is done is refused, in the command's state and output.
    const early = await complete("Sales");
    expect(early.status).toBe(200);
    expect(early.json).toMatchObject({ commandType: "Migrate.Sync.Complete.Database", state: "Failed" });
    expect(early.json.output.errors[0].message).toMatch(/full load is not done/);

    // Writes on the source during the full load are captured and applied once the tables are loaded.
    expect(h.dms.controls.sourceChanges({ database: "Sales", table: "dbo.Orders", inserts: 80, updates: 40 })).toBe(1);
    h.ticks(3); // Orders loaded at tick 5 (4000 rows)
    let summary = summarizeSyncOutput(await output());
    expect(summary.databases[0]).toMatchObject({
      state: "READY_TO_COMPLETE",
      incomingChanges: 120,
      appliedChanges: 50,
      pendingChanges: 70,
    });
    expect(summary.databases[0]!.tables.map((t) => [t.table, t.state, t.rowsCopied])).toEqual([
      ["dbo.Customers", "COMPLETED", 2500],
      ["dbo.Orders", "COMPLETED", 4000],
    ]);
    gate = readinessForCutover(await output(), { maxPendingChanges: 10 });
    expect(gate.reasons.map((r) => r.code)).toEqual(["PendingChangesOverThreshold"]);

    h.ticks(2); // 50 applied per tick
    gate = readinessForCutover(await output(), { maxPendingChanges: 10 });
    expect(gate).toMatchObject({ ready: true, reasons: [] });
    expect(summarizeSyncOutput(await output()).databases[0]!.tables[1]!.cdc).toEqual({
      inserts: 80,
      updates: 40,
      deletes: 0,
    });
    // Idle sync: nothing pending, nothing scheduled until the source writes again.
    expect(h.clock.pendingCount()).toBe(0);

    const accepted = await complete("Sales");
    expect(accepted.json.state).toBe("Accepted");
    expect((await h.call("GET", taskPath("sync"))).json.properties.commands).toHaveLength(2);
    h.ticks(1);
    const done = await h.call("GET", `${taskPath("sync")}?$expand=output`);
    expect(done.json.properties.state).toBe("Succeeded");
    summary = summarizeSyncOutput(done.json.properties.output);
    expect(summary.databases[0]!.state).toBe("COMPLETE");
    expect(done.json.properties.commands[1].state).toBe("Succeeded");
  });

  test("completing waits for pending changes to drain (COMPLETING)", async () => {
    await h.call("PUT", taskPath("sync"), syncTask);
    h.ticks(5);
    expect(h.dms.controls.sourceChanges({ database: "Sales", table: "Customers", updates: 120 })).toBe(1);
    expect((await complete("Sales")).json.state).toBe("Accepted");
    h.ticks(1);
    expect(summarizeSyncOutput(await output()).databases[0]!.state).toBe("COMPLETING");
    h.ticks(2);
    expect(summarizeSyncOutput(await output()).databases[0]!.state).toBe("COMPLETE");
  });

  test("commands the task cannot take", async () => {
    await h.call("PUT", taskPath("sync"), syncTask);
    h.ticks(5);
    expect((await complete("Nope")).json.state).toBe("Failed");
    const wrongType = await h.call("POST", `${taskPath("sync")}/command`, {
      commandType: "Migrate.SqlServer.AzureDbSqlMi.Complete",
      input: {},
    });
    expect(wrongType.status).toBe(400);
    const noDb = await h.call("POST", `${taskPath("sync")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: {},
    });
    expect(noDb.status).toBe(400);
    // The spec example's `{ command: {...} }` wrapping is accepted too.
    const wrapped = await h.call("POST", `${taskPath("sync")}/command`, {
      command: { commandType: "Migrate.Sync.Complete.Database", input: { databaseName: "Sales" } },
    });
    expect(wrapped.json.state).toBe("Accepted");
  });
});

describe("online migration task on a Standard service", () => {
  const h = sharedHarness(() => provisioned("Standard_4vCores"));

  test("an online task on a non-Premium service fails input validation", async () => {
    await h.call("PUT", taskPath("sync"), syncTask);
    h.ticks(1);
    const task = (await h.call("GET", taskPath("sync"))).json;
    expect(task.properties.state).toBe("FailedInputValidation");
    expect(task.properties.errors[0].message).toMatch(/Premium/);
  });
});
