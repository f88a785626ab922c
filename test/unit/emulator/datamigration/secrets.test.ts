/**
 * Passwords given to the emulator never come back: not from projects or tasks (GET, PUT, PATCH, list, cancel,
 * command), not in a 400 that rejects the body, not from the admin listing, not in the request log or the store.
 */
import { containsSecretField } from "../../../../provider/dms";
import {
  expectNoSecretBehindTheApi,
  PROJECT_PATH,
  SOURCE,
  TARGET,
  sourceConnection,
  targetConnection,
  taskPath,
  type Harness,
  type Response,
  sharedHarness,
} from "./support";

const SECRETS = [SOURCE.logins.migrator, TARGET.logins.admin1];

function expectNoSecret(h: Harness, responses: Response[]): void {
  for (const r of responses) {
    for (const secret of SECRETS) expect(r.text).not.toContain(secret);
    expect(containsSecretField(r.json)).toBe(false);
  }
  expectNoSecretBehindTheApi(h, SECRETS);
}

describe("secrets in Microsoft.DataMigration bodies", () => {
  const h = sharedHarness();

  test("a project's connection infos are kept without their passwords", async () => {
    const path = PROJECT_PATH.replace(/proj1$/, "withConnections");
    const body = {
      location: "westeurope",
      properties: {
        sourcePlatform: "SQL",
        targetPlatform: "SQLDB",
        sourceConnectionInfo: sourceConnection(),
        targetConnectionInfo: targetConnection(),
      },
    };
    const responses = [await h.call("PUT", path, body), await h.call("PUT", path, body)];
    responses.push(await h.call("PATCH", path, { properties: { targetConnectionInfo: targetConnection() } }));
    responses.push(await h.call("GET", path));
    responses.push(await h.call("GET", PROJECT_PATH.replace(/\/proj1$/, "")));
    expect(responses.map((r) => r.status)).toEqual([201, 200, 200, 200, 200]);
    // What is not a secret stays, as the service keeps it.
    expect(responses[3]!.json.properties.sourceConnectionInfo).toMatchObject({
      dataSource: SOURCE.server,
      userName: "migrator",
    });
    expectNoSecret(h, responses);
  });

  test("an online task through its whole life, and the command that completes it", async () => {
    const input = {
      sourceConnectionInfo: sourceConnection(),
      targetConnectionInfo: targetConnection(),
      selectedDatabases: [
        { name: "Hr", targetDatabaseName: "HrDb", schemaName: "dbo", tableMap: { "dbo.People": "dbo.People" } },
      ],
    };
    const responses = [
      await h.call("PUT", taskPath("sync"), { properties: { taskType: "Migrate.SqlServer.AzureSqlDb.Sync", input } }),
    ];
    h.ticks(3);
    responses.push(await h.call("GET", `${taskPath("sync")}?$expand=output`));
    responses.push(
      await h.call("POST", `${taskPath("sync")}/command`, {
        commandType: "Migrate.Sync.Complete.Database",
        input: { databaseName: "Hr" },
      }),
    );
    h.ticks(2);
    responses.push(await h.call("PATCH", taskPath("sync"), { properties: { clientData: { owner: "ci" } } }));
    responses.push(await h.call("GET", `${PROJECT_PATH}/tasks?$expand=output`));
    expect(responses[0]!.status).toBe(201);
    expectNoSecret(h, responses);
  });

  test("a rejected body names the field, never the value", async () => {
    const responses = [
      await h.call("PUT", taskPath("bad"), {
        properties: { taskType: "Migrate.SqlServer.SqlDb", input: { sourceConnectionInfo: sourceConnection() } },
      }),
      await h.call("PUT", taskPath("bad"), {
        properties: {
          taskType: "ConnectToTarget.SqlDb",
          input: { targetConnectionInfo: { ...targetConnection(), dataSource: 42 } },
        },
      }),
    ];
    expect(responses.map((r) => r.status)).toEqual([400, 400]);
    expectNoSecret(h, responses);
  });

  test("a failed login says who, never with what", async () => {
    const responses = [
      await h.call("PUT", taskPath("src"), {
        properties: {
          taskType: "ConnectToSource.SqlServer",
          input: { sourceConnectionInfo: sourceConnection(TARGET.logins.admin1) },
        },
      }),
    ];
    h.ticks(2);
    responses.push(await h.call("GET", `${taskPath("src")}?$expand=output`));
    expect(responses[1]!.json.properties.state).toBe("Failed");
    expect(responses[1]!.text).toContain("Login failed for user 'migrator'.");
    expectNoSecret(h, responses);
  });
});
