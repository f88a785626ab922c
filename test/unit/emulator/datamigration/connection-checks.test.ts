/** ConnectToSource.SqlServer, ConnectToTarget.SqlDb and GetUserTables.Sql against the configurable catalog. */
import { parseProjectTask } from "../../../../provider/dms";
import { SOURCE, sourceConnection, targetConnection, taskPath, sharedHarness } from "./support";

describe("connection checks", () => {
  const h = sharedHarness();

  const run = async (name: string, taskType: string, input: unknown) => {
    expect((await h.call("PUT", taskPath(name), { properties: { taskType, input } })).status).toBe(201);
    h.ticks(1);
    expect((await h.call("GET", taskPath(name))).json.properties.state).toBe("Running");
    h.ticks(1);
    return (await h.call("GET", `${taskPath(name)}?$expand=output`)).json;
  };

  test("source: lists the server's databases", async () => {
    const task = await run("src", "ConnectToSource.SqlServer", {
      sourceConnectionInfo: sourceConnection(),
      checkPermissionsGroup: "MigrationFromSqlServerToAzureDB",
    });
    expect(task.properties.state).toBe("Succeeded");
    const parsed = parseProjectTask(task);
    const taskLevel = (parsed.properties.output as Array<Record<string, unknown>>).find(
      (o) => o.resultType === "TaskLevelOutput",
    );
    expect(Object.keys(taskLevel!.databases as object)).toEqual(["Sales", "Hr"]);
    expect(taskLevel!.sourceServerVersion).toBe("15.0.2000.5");
  });

  test("source: wrong password fails with SQL Server's message in the output and errors", async () => {
    const task = await run("src", "ConnectToSource.SqlServer", { sourceConnectionInfo: sourceConnection("wrong") });
    expect(task.properties.state).toBe("Failed");
    expect(task.properties.errors[0].message).toBe("Login failed for user 'migrator'.");
    expect(task.properties.output[0].validationErrors[0]).toMatchObject({
      message: "Login failed for user 'migrator'.",
      hResult: -2146232060,
    });
    expect(JSON.stringify(task)).not.toMatch(/wrong/);
  });

  test("source: an unknown server fails with a network error", async () => {
    const task = await run("src", "ConnectToSource.SqlServer", {
      sourceConnectionInfo: { ...sourceConnection(), dataSource: "nowhere.local,1433" },
    });
    expect(task.properties.state).toBe("Failed");
    expect(task.properties.errors[0].message).toMatch(/network-related .* 'nowhere\.local'/);
  });

  test("target: version and databases", async () => {
    const task = await run("tgt", "ConnectToTarget.SqlDb", { targetConnectionInfo: targetConnection() });
    expect(task.properties.state).toBe("Succeeded");
    expect(task.properties.output[0]).toMatchObject({
      targetServerVersion: "12.0.2000.8",
      targetServerBrandVersion: "Azure SQL Database",
    });
  });

  test("user tables per database; a missing database is a validation error", async () => {
    const ok = await run("tables", "GetUserTables.Sql", {
      connectionInfo: sourceConnection(),
      selectedDatabases: ["Sales"],
    });
    expect(ok.properties.state).toBe("Succeeded");
    expect(JSON.parse(ok.properties.output[0].databasesToTables)).toEqual({
      Sales: [
        { hasRows: true, name: "dbo.Customers" },
        { hasRows: true, name: "dbo.Orders" },
        { hasRows: false, name: "Sales.Empty" },
      ],
    });
    const missing = await run("tables2", "GetUserTables.Sql", {
      connectionInfo: sourceConnection(),
      selectedDatabases: ["Nope"],
    });
    expect(missing.properties.state).toBe("Failed");
    expect(missing.properties.output[0].validationErrors[0].message).toMatch(/Cannot open database "Nope"/);
  });

  test("servers can be redefined per test", async () => {
    h.dms.controls.servers.define({ ...SOURCE, logins: { migrator: "rotated" } });
    const task = await run("src", "ConnectToSource.SqlServer", { sourceConnectionInfo: sourceConnection() });
    expect(task.properties.state).toBe("Failed");
    expect(h.dms.controls.servers.list().find((s) => s.server === SOURCE.server)!.logins).toEqual(["migrator"]);
  });
});
