/** DMS faults (in-process and over the admin endpoint), next to the core's generic HTTP faults. */
import { readinessForCutover, summarizeOfflineOutput } from "../../../../provider/dms";
import {
  SERVICE_PATH,
  SOURCE,
  startHarness,
  SUB,
  RG,
  targetConnection,
  taskPath,
  TARGET,
  sharedHarness,
  salesTaskBody,
  SALES_TABLE_MAP,
} from "./support";

const migration = (taskType: string) => salesTaskBody(taskType, SALES_TABLE_MAP);
const OFFLINE = "Migrate.SqlServer.SqlDb";
const ONLINE = "Migrate.SqlServer.AzureSqlDb.Sync";

describe("DataMigration faults", () => {
  const h = sharedHarness();
  const get = async (name: string) => (await h.call("GET", `${taskPath(name)}?$expand=output`)).json;

  test("a table that fails (offline): table Failed with the message, other tables finish, task Failed", async () => {
    h.dms.controls.faults.add({
      kind: "tableFails",
      table: "Orders",
      afterRows: 1500,
      message: "Violation of PRIMARY KEY constraint 'PK_Orders'.",
    });
    await h.call("PUT", taskPath("t1"), migration(OFFLINE));
    h.ticks(6);
    const task = await get("t1");
    expect(task.properties.state).toBe("Failed");
    const summary = summarizeOfflineOutput(task.properties.output);
    expect(summary.status).toBe("Error");
    const orders = summary.databases[0]!.tables.find((t) => t.table === "dbo.Orders")!;
    expect(orders).toMatchObject({
      state: "Failed",
      rowsCopied: 1500,
      errors: ["Violation of PRIMARY KEY constraint 'PK_Orders'."],
    });
    expect(summary.databases[0]!.tables.find((t) => t.table === "dbo.Customers")!.state).toBe("Completed");
    expect(h.dms.controls.faults.list()).toEqual([]);
  });

  test("a table that fails (online): table ERROR, the readiness gate blocks with the table named", async () => {
    h.dms.controls.faults.add({
      kind: "tableFails",
      database: "Sales",
      table: "dbo.Customers",
      message: "Target table is read-only.",
    });
    await h.call("PUT", taskPath("s1"), migration(ONLINE));
    h.ticks(6);
    const task = await get("s1");
    expect(task.properties.state).toBe("Running");
    const gate = readinessForCutover(task.properties.output, { maxPendingChanges: 100 });
    expect(gate.ready).toBe(false);
    expect(gate.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "TableErrored", table: "dbo.Customers" }),
        expect.objectContaining({ code: "DatabaseError", database: "Sales" }),
      ]),
    );
  });

  test("a task that fails: Failed with an ErrorOutput", async () => {
    h.dms.controls.faults.add({
      kind: "taskFails",
      task: "^t1$",
      afterTicks: 2,
      message: "The DMS agent lost its connection.",
    });
    await h.call("PUT", taskPath("t1"), migration(OFFLINE));
    h.ticks(3);
    const task = await get("t1");
    expect(task.properties.state).toBe("Failed");
    expect(task.properties.errors[0].message).toBe("The DMS agent lost its connection.");
    expect(summarizeOfflineOutput(task.properties.output).errors).toEqual(["The DMS agent lost its connection."]);
    expect(h.clock.pendingCount()).toBe(0);
  });

  test("a command that is rejected", async () => {
    h.dms.controls.faults.add({
      kind: "commandRejected",
      database: "Sales",
      message: "Cutover is blocked by a long-running transaction.",
    });
    await h.call("PUT", taskPath("s1"), migration(ONLINE));
    h.ticks(5);
    const res = await h.call("POST", `${taskPath("s1")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName: "Sales" },
    });
    expect(res.json).toMatchObject({
      state: "Failed",
      output: { errors: [{ message: "Cutover is blocked by a long-running transaction." }] },
    });
    // Used up: the next attempt is accepted.
    const again = await h.call("POST", `${taskPath("s1")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName: "Sales" },
    });
    expect(again.json.state).toBe("Accepted");
  });

  test("a connection check that fails", async () => {
    h.dms.controls.faults.add({
      kind: "connectionFails",
      server: TARGET.server,
      message: "Cannot open server requested by the login. Client IP is not allowed.",
    });
    await h.call("PUT", taskPath("c1"), {
      properties: { taskType: "ConnectToTarget.SqlDb", input: { targetConnectionInfo: targetConnection() } },
    });
    h.ticks(2);
    const task = await get("c1");
    expect(task.properties.state).toBe("Failed");
    expect(task.properties.errors[0].message).toMatch(/Client IP is not allowed/);
  });

  test("a service that fails to provision: provisioningState Failed, the operation Failed", async () => {
    h.dms.controls.faults.add({
      kind: "serviceProvisioningFails",
      service: "^dms2$",
      message: "Subnet has no free addresses.",
    });
    const path = SERVICE_PATH.replace("dms1", "dms2");
    const res = await h.call("PUT", path, {
      location: "westeurope",
      sku: { name: "Standard_1vCores" },
      properties: { virtualSubnetId: "/subnets/x" },
    });
    h.clock.advance(0);
    expect((await h.call("GET", path)).json.properties.provisioningState).toBe("Failed");
    const operation = await h.call(
      "GET",
      new URL(String(res.headers["azure-asyncoperation"])).pathname + "?api-version=2021-06-30",
    );
    expect(operation.json).toMatchObject({
      status: "Failed",
      error: { code: "ServiceProvisioningFailed", message: "Subnet has no free addresses." },
    });
  });

  test("the core's generic faults apply to DataMigration routes too", async () => {
    h.emulator.faults.add({ method: "GET", path: "/tasks/t1$", count: 1, kind: "429", retryAfterSeconds: 3 });
    await h.call("PUT", taskPath("t1"), migration(OFFLINE));
    const throttled = await h.call("GET", taskPath("t1"));
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("3");
    expect((await h.call("GET", taskPath("t1"))).status).toBe(200);
  });
});

describe("admin endpoint /_emulator/datamigration", () => {
  const h = sharedHarness(() => startHarness());

  test("servers, faults, simulation and source changes over HTTPS", async () => {
    const put = await h.call("PUT", `/_emulator/datamigration/servers/${SOURCE.server}`, {
      logins: SOURCE.logins,
      databases: SOURCE.databases,
    });
    expect(put.status).toBe(200);
    expect(put.text).not.toMatch(/Pa55/);
    await h.call("PUT", `/_emulator/datamigration/servers/${TARGET.server}`, { logins: TARGET.logins });
    const servers = await h.call("GET", "/_emulator/datamigration/servers");
    expect(servers.json.value.map((s: { server: string }) => s.server)).toEqual([SOURCE.server, TARGET.server]);
    expect(servers.text).not.toMatch(/Pa55/);

    const fault = await h.call("POST", "/_emulator/datamigration/faults", { kind: "tableFails", table: "dbo.Orders" });
    expect(fault.status).toBe(201);
    expect((await h.call("GET", "/_emulator/datamigration/faults")).json.value).toHaveLength(1);
    expect((await h.call("POST", "/_emulator/datamigration/faults", { kind: "nope" })).status).toBe(400);
    expect((await h.call("DELETE", "/_emulator/datamigration/faults")).status).toBe(204);
    expect(h.dms.controls.faults.list()).toEqual([]);

    const sim = await h.call("PATCH", "/_emulator/datamigration/simulation", { rowsPerTick: 5000 });
    expect(sim.json.rowsPerTick).toBe(5000);

    // A running online task sees source changes posted over the admin endpoint.
    await h.call("PUT", `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`, {
      location: "westeurope",
    });
    await h.call("PUT", SERVICE_PATH, {
      location: "westeurope",
      sku: { name: "Premium_4vCores" },
      properties: { virtualSubnetId: "/subnets/x" },
    });
    h.clock.advance(0);
    await h.call("PUT", `${SERVICE_PATH}/projects/proj1`, {
      location: "westeurope",
      properties: { sourcePlatform: "SQL", targetPlatform: "SQLDB" },
    });
    await h.call("PUT", taskPath("s1"), migration(ONLINE));
    h.ticks(2);
    const changes = await h.call("POST", "/_emulator/datamigration/source-changes", {
      database: "Sales",
      table: "dbo.Orders",
      inserts: 7,
    });
    expect(changes.json).toEqual({ tasks: 1 });
    const db = (await h.call("GET", `${taskPath("s1")}?$expand=output`)).json.properties.output.find(
      (o: { resultType: string }) => o.resultType === "DatabaseLevelOutput",
    );
    expect(db.incomingChanges).toBe(7);
    // Admin calls are not ARM requests: they are not in the request log.
    expect(h.emulator.requestLog.count("*", "_emulator")).toBe(0);
  });
});
