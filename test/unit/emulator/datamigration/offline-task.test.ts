/** An offline task (Migrate.SqlServer.SqlDb) from Queued to Succeeded with per-table rows; passwords never come back. */
import { containsSecretField, parseProjectTask, summarizeOfflineOutput } from "../../../../provider/dms";
import { PROJECT_PATH, sourceConnection, targetConnection, taskPath, sharedHarness, salesTaskBody } from "./support";

const offlineTask = (tableMap?: Record<string, string>) => salesTaskBody("Migrate.SqlServer.SqlDb", tableMap);

describe("offline migration task", () => {
  const h = sharedHarness();

  test("Queued → Running → Succeeded, rows copied per tick, per-table output", async () => {
    const put = await h.call(
      "PUT",
      taskPath("t1"),
      offlineTask({ "dbo.Customers": "dbo.Customers", "dbo.Orders": "dbo.Orders" }),
    );
    expect(put.status).toBe(201);
    expect(put.json.properties.state).toBe("Queued");
    expect(put.json.properties.output).toBeUndefined();

    h.ticks(1); // Running: connected, validated
    expect((await h.call("GET", taskPath("t1"))).json.properties.state).toBe("Running");

    h.ticks(1); // 1000 rows per table
    let task = parseProjectTask((await h.call("GET", `${taskPath("t1")}?$expand=output`)).json);
    let summary = summarizeOfflineOutput(task.properties.output);
    expect(summary.status).toBe("Running");
    expect(summary.databases[0]!.tables.map((t) => [t.table, t.rowsCopied, t.totalRows, t.state])).toEqual([
      ["dbo.Customers", 1000, 2500, "InProgress"],
      ["dbo.Orders", 1000, 4000, "InProgress"],
    ]);

    h.ticks(3); // Customers done after 3 ticks, Orders after 4
    task = parseProjectTask((await h.call("GET", `${taskPath("t1")}?$expand=output`)).json);
    summary = summarizeOfflineOutput(task.properties.output);
    expect(task.properties.state).toBe("Succeeded");
    expect(summary.status).toBe("Completed");
    expect(summary.databases[0]).toMatchObject({
      database: "Sales",
      state: "Completed",
      rowsCopied: 6500,
      totalRows: 6500,
      percent: 100,
    });
    expect(summary.databases[0]!.tables.every((t) => t.state === "Completed" && t.startedOn && t.endedOn)).toBe(true);
    expect(summary.startedOn).toBe("2024-05-01T10:00:01.000Z");

    // Nothing left to do: a finished task schedules no more ticks.
    expect(h.clock.pendingCount()).toBe(0);
  });

  test("without a tableMap every table of the database is migrated", async () => {
    await h.call("PUT", taskPath("all"), offlineTask());
    h.ticks(6);
    const summary = summarizeOfflineOutput(
      (await h.call("GET", `${taskPath("all")}?$expand=output`)).json.properties.output,
    );
    expect(summary.databases[0]!.tables.map((t) => t.table)).toEqual(["dbo.Customers", "dbo.Orders", "Sales.Empty"]);
  });

  test("GET, list, cancel and PUT responses never carry a password", async () => {
    const responses = [await h.call("PUT", taskPath("t1"), offlineTask())];
    h.ticks(2);
    responses.push(await h.call("GET", taskPath("t1")));
    responses.push(await h.call("GET", `${taskPath("t1")}?$expand=output`));
    responses.push(await h.call("GET", `${PROJECT_PATH}/tasks`));
    responses.push(await h.call("POST", `${taskPath("t1")}/cancel`));
    for (const r of responses) {
      expect(r.text).not.toMatch(/Pa55/);
      expect(containsSecretField(r.json)).toBe(false);
    }
    expect(JSON.stringify(h.emulator.store.all())).not.toMatch(/Pa55/);
    // The user name is kept, as the service keeps it.
    expect(responses[1]!.json.properties.input.sourceConnectionInfo.userName).toBe("migrator");
  });

  test("a second PUT of the same task does not restart it", async () => {
    await h.call("PUT", taskPath("t1"), offlineTask());
    h.ticks(3);
    const again = await h.call("PUT", taskPath("t1"), offlineTask());
    expect(again.status).toBe(200);
    expect(again.json.properties.state).toBe("Running");
    const other = await h.call("PUT", taskPath("t1"), {
      properties: { taskType: "ConnectToTarget.SqlDb", input: { targetConnectionInfo: targetConnection() } },
    });
    expect(other.status).toBe(409);
  });

  test("a missing database or table fails input validation", async () => {
    await h.call("PUT", taskPath("bad"), offlineTask({ "dbo.Nope": "dbo.Nope" }));
    h.ticks(1);
    const task = (await h.call("GET", `${taskPath("bad")}?$expand=output`)).json;
    expect(task.properties.state).toBe("FailedInputValidation");
    expect(task.properties.errors[0].message).toMatch(/Table 'dbo\.Nope' does not exist/);
  });

  test("task input that does not match the spec is a 400 with the field path", async () => {
    const res = await h.call("PUT", taskPath("bad"), {
      properties: { taskType: "Migrate.SqlServer.SqlDb", input: { sourceConnectionInfo: sourceConnection() } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/properties\.input\.targetConnectionInfo/);
    const unknown = await h.call("PUT", taskPath("bad"), { properties: { taskType: "Migrate.MongoDb", input: {} } });
    expect(unknown.status).toBe(400);
  });
});
