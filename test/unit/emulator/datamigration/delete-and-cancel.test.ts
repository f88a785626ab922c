/** DELETE refused while tasks run (unless deleteRunningTasks=true), and cancel. */
import { summarizeOfflineOutput, summarizeSyncOutput } from "../../../../provider/dms";
import { PROJECT_PATH, provisioned, SERVICE_PATH, sharedHarness, taskPath, salesTaskBody } from "./support";

const task = (taskType: string) => salesTaskBody(taskType);

describe("delete and cancel with running tasks", () => {
  // Each test starts with an offline task two ticks into its run.
  const h = sharedHarness(async () => {
    const started = await provisioned();
    await started.call("PUT", taskPath("t1"), task("Migrate.SqlServer.SqlDb"));
    started.ticks(2);
    return started;
  });

  test("service, project and task DELETE answer 400 ServiceIsBusy while a task runs", async () => {
    for (const path of [SERVICE_PATH, PROJECT_PATH, taskPath("t1")]) {
      const res = await h.call("DELETE", path);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("ServiceIsBusy");
      expect(res.json.error.message).toMatch(/deleteRunningTasks=true/);
    }
    // Changing the SKU of a busy service is refused the same way; stopping it too.
    expect((await h.call("PATCH", SERVICE_PATH, { sku: { name: "Premium_8vCores" } })).json.error.code).toBe(
      "ServiceIsBusy",
    );
    expect((await h.call("POST", `${SERVICE_PATH}/stop`)).json.error.code).toBe("ServiceIsBusy");
    expect((await h.call("GET", taskPath("t1"))).json.properties.state).toBe("Running");
  });

  test("deleteRunningTasks=true cancels and deletes", async () => {
    expect((await h.call("DELETE", `${taskPath("t1")}?deleteRunningTasks=true`)).status).toBe(200);
    expect((await h.call("GET", taskPath("t1"))).status).toBe(404);
    expect(h.clock.pendingCount()).toBe(0);

    await h.call("PUT", taskPath("t2"), task("Migrate.SqlServer.SqlDb"));
    h.ticks(1);
    expect((await h.call("DELETE", `${SERVICE_PATH}?deleteRunningTasks=true`)).status).toBe(202);
    h.clock.advance(0);
    expect((await h.call("GET", SERVICE_PATH)).status).toBe(404);
  });

  test("cancel stops an offline task: Canceled, unfinished tables Stopped, nothing more scheduled", async () => {
    const res = await h.call("POST", `${taskPath("t1")}/cancel`);
    expect(res.status).toBe(200);
    expect(res.json.properties.state).toBe("Canceled");
    h.ticks(5);
    const got = (await h.call("GET", `${taskPath("t1")}?$expand=output`)).json;
    expect(got.properties.state).toBe("Canceled");
    const summary = summarizeOfflineOutput(got.properties.output);
    expect(summary.status).toBe("Stopped");
    expect(summary.databases[0]!.tables.find((t) => t.table === "dbo.Orders")).toMatchObject({
      state: "Stopped",
      rowsCopied: 1000,
    });
    // Cancelling again is harmless, and a canceled task can be deleted without the flag.
    expect((await h.call("POST", `${taskPath("t1")}/cancel`)).json.properties.state).toBe("Canceled");
    expect((await h.call("DELETE", taskPath("t1"))).status).toBe(200);
  });

  test("cancel stops an online task: CANCELLED database", async () => {
    await h.call("PUT", taskPath("s1"), task("Migrate.SqlServer.AzureSqlDb.Sync"));
    h.ticks(6);
    await h.call("POST", `${taskPath("s1")}/cancel`);
    const got = (await h.call("GET", `${taskPath("s1")}?$expand=output`)).json;
    expect(got.properties.state).toBe("Canceled");
    expect(summarizeSyncOutput(got.properties.output).databases[0]!.state).toBe("CANCELLED");
  });
});
