/**
 * The classic routes read request bodies with the emulator's own strict shapes, written from the spec
 * (emulator/datamigration/spec-shapes.ts): a property the spec does not define — a field the provider might
 * misspell — is 400 InvalidRequestContent naming its path, and nothing is stored or run. The provider's own
 * body builders (provider/dms) pass them.
 */
import {
  buildCompleteSyncCommandBody,
  buildConnectToSourceTaskBody,
  buildConnectToTargetTaskBody,
  buildGetUserTablesTaskBody,
  buildMigrationTaskBody,
  buildProjectBody,
  buildServiceBody,
} from "../../../../provider/dms";
import { call } from "../support";
import {
  PROJECT_PATH,
  SERVICE_PATH,
  SOURCE,
  TARGET,
  sourceConnection,
  targetConnection,
  taskPath,
  sharedHarness,
  provisioned,
} from "./support";

const SUBNET =
  "/subscriptions/00000000-0000-0000-0000-0000000000d1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default";

describe("classic request bodies are strict", () => {
  const h = sharedHarness();

  test("a misspelt property of a task input is refused, naming it; the task is neither stored nor run", async () => {
    const { password, ...rest } = sourceConnection();
    const input = {
      sourceConnectionInfo: { ...rest, pasword: password },
      targetConnectionInfo: targetConnection(),
      selectedDatabases: [{ name: "Sales" }],
    };
    const res = await h.call("PUT", taskPath("typo"), { properties: { taskType: "Migrate.SqlServer.SqlDb", input } });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({
      code: "InvalidRequestContent",
      message: "The request content is not valid: 'properties.input.sourceConnectionInfo.pasword': unknown property.",
    });
    expect(res.text).not.toContain(password);
    expect((await h.call("GET", taskPath("typo"))).status).toBe(404);
  });

  test("a misspelt list name is both unknown and a missing required field", async () => {
    const input = {
      sourceConnectionInfo: sourceConnection(),
      targetConnectionInfo: targetConnection(),
      selectedDatabase: [{ name: "Sales" }],
    };
    const res = await h.call("PUT", taskPath("typo"), {
      properties: { taskType: "Migrate.SqlServer.AzureSqlDb.Sync", input },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("'properties.input.selectedDatabases':");
    expect(res.json.error.message).toContain("'properties.input.selectedDatabase': unknown property");
  });

  test("deeper and outer levels too: a database entry, the task envelope, services, projects and commands", async () => {
    const deep = await h.call("PUT", taskPath("typo"), {
      properties: {
        taskType: "Migrate.SqlServer.SqlDb",
        input: {
          sourceConnectionInfo: sourceConnection(),
          targetConnectionInfo: targetConnection(),
          selectedDatabases: [{ name: "Sales", tablemap: {} }],
        },
      },
    });
    expect(deep.json.error.message).toBe(
      "The request content is not valid: 'properties.input.selectedDatabases[0].tablemap': unknown property.",
    );
    const envelope = await h.call("PUT", taskPath("typo"), {
      properties: {
        taskType: "ConnectToTarget.SqlDb",
        input: { targetConnectionInfo: targetConnection() },
        clientdata: {},
      },
    });
    expect(envelope.json.error.message).toBe(
      "The request content is not valid: 'properties.clientdata': unknown property.",
    );
    const service = await h.call("PUT", SERVICE_PATH.replace("dms1", "dms2"), {
      location: "westeurope",
      sku: { name: "Standard_1vCores" },
      properties: { virtualSubnetID: SUBNET },
    });
    expect(service.json.error.message).toContain("'properties.virtualSubnetID': unknown property");
    const project = await h.call("PUT", PROJECT_PATH.replace("proj1", "proj2"), {
      location: "westeurope",
      properties: { sourcePlatform: "SQL", targetPlatform: "SQLDB", databaseInfo: [] },
    });
    expect(project.json.error.message).toBe(
      "The request content is not valid: 'properties.databaseInfo': unknown property.",
    );
    const sync = {
      sourceConnectionInfo: sourceConnection(),
      targetConnectionInfo: targetConnection(),
      selectedDatabases: [{ name: "Hr", targetDatabaseName: "Hr" }],
    };
    expect(
      (
        await h.call("PUT", taskPath("sync"), {
          properties: { taskType: "Migrate.SqlServer.AzureSqlDb.Sync", input: sync },
        })
      ).status,
    ).toBe(201);
    h.ticks(3);
    const command = await h.call("POST", `${taskPath("sync")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databasename: "Hr" },
    });
    expect(command.status).toBe(400);
    expect(command.json.error.message).toContain("'input.databasename': unknown property");
  });

  test("api-versions whose classic definitions the shapes do not follow are refused, as ARM refuses unregistered ones", async () => {
    for (const apiVersion of ["2017-11-15-preview", "2022-03-30-preview"]) {
      const res = await call(h.emulator, "GET", SERVICE_PATH, { apiVersion });
      expect({ apiVersion, status: res.status, code: res.json.error.code }).toEqual({
        apiVersion,
        status: 400,
        code: "NoRegisteredProviderFound",
      });
    }
    expect((await call(h.emulator, "GET", SERVICE_PATH, { apiVersion: "2018-07-15-preview" })).status).toBe(200);
  });

  test("the documented refusals carry their codes: ServiceNotReady, InvalidCommand, ServiceIsBusy", async () => {
    const check = {
      properties: { taskType: "ConnectToTarget.SqlDb", input: { targetConnectionInfo: targetConnection() } },
    };
    const stop = await h.call("POST", `${SERVICE_PATH}/stop`);
    expect(stop.status).toBe(202);
    h.clock.advance(0);
    const notReady = await h.call("PUT", taskPath("stopped"), check);
    expect({ status: notReady.status, code: notReady.json.error.code }).toEqual({
      status: 409,
      code: "ServiceNotReady",
    });
    expect((await h.call("POST", `${SERVICE_PATH}/start`)).status).toBe(202);
    h.clock.advance(0);
    expect((await h.call("PUT", taskPath("check"), check)).status).toBe(201);
    const wrong = await h.call("POST", `${taskPath("check")}/command`, {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName: "Sales" },
    });
    expect({ status: wrong.status, code: wrong.json.error.code }).toEqual({ status: 400, code: "InvalidCommand" });
    const busy = await h.call("DELETE", taskPath("check"));
    expect({ status: busy.status, code: busy.json.error.code }).toEqual({ status: 400, code: "ServiceIsBusy" });
  });

  test("read-only properties a client echoes back are accepted and ignored", async () => {
    const task = await h.call("PUT", taskPath("echo"), {
      id: "x",
      name: "echo",
      type: "Microsoft.DataMigration/services/projects/tasks",
      etag: "abc",
      properties: {
        taskType: "ConnectToTarget.SqlDb",
        input: { targetConnectionInfo: targetConnection() },
        state: "Succeeded",
        errors: [],
        commands: [],
      },
    });
    expect(task.status).toBe(201);
    expect(task.json.properties.state).toBe("Queued");
  });
});

describe("the provider's own request bodies pass the emulator's shapes", () => {
  const h = sharedHarness(provisioned, { per: "all" });

  const source = { server: SOURCE.server, userName: "migrator", password: SOURCE.logins.migrator };
  const target = { server: TARGET.server, userName: "admin1", password: TARGET.logins.admin1 };

  test("service and project", async () => {
    const service = buildServiceBody({
      location: "westeurope",
      virtualSubnetId: SUBNET,
      skuName: "Premium_4vCores",
      tags: { a: "b" },
    });
    expect((await h.call("PUT", SERVICE_PATH, service)).status).toBe(200);
    const project = buildProjectBody({ location: "westeurope", sourceDatabases: ["Sales"], tags: { a: "b" } });
    expect((await h.call("PUT", PROJECT_PATH, project)).status).toBe(200);
  });

  test("every task type and the complete command", async () => {
    const bodies = {
      src: buildConnectToSourceTaskBody(source),
      tgt: buildConnectToTargetTaskBody(target),
      tables: buildGetUserTablesTaskBody(source, ["Sales"]),
      offline: buildMigrationTaskBody(
        {
          mode: "offline",
          source,
          target,
          databases: [
            { sourceName: "Sales", targetName: "Sales", tables: ["dbo.Orders"], makeSourceDbReadOnly: false },
          ],
        },
        { owner: "ci" },
      ),
      online: buildMigrationTaskBody({
        mode: "online",
        source,
        target,
        databases: [{ sourceName: "Hr", targetName: "Hr" }],
      }),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const res = await h.call("PUT", taskPath(name), body);
      expect({ name, status: res.status, error: res.json?.error }).toEqual({ name, status: 201, error: undefined });
    }
    h.ticks(3);
    const command = await h.call(
      "POST",
      `${taskPath("online")}/command`,
      buildCompleteSyncCommandBody("Hr", "2024-05-01T10:00:00Z"),
    );
    expect(command.status).toBe(200);
  });
});
