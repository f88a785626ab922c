/**
 * Fidelity: the official @azure/arm-datamigration client, unmodified, against the emulator's classic routes —
 * as Azurite is tested with the official storage SDK. Only configuration is given: the emulator's URL, a static
 * token, an https agent trusting the emulator's CA (ms-rest-js takes `agentSettings`; NODE_EXTRA_CA_CERTS is
 * read only at Node start) and no minimum poll delay.
 *
 * What this covers, and what it cannot: the npm registry here serves @azure/arm-datamigration 2.1.1 only, which
 * speaks api-version 2018-07-15-preview and the classic model (services, projects, tasks, commands). The
 * emulator accepts that version on the classic routes because, for what it models, the 2018-07-15-preview
 * definitions are a subset of 2021-06-30's (emulator/datamigration/task-types.ts). That SDK has no
 * sqlMigrationServices or databaseMigrations (the current DMS, 2022-03-30-preview onwards), so the current API
 * is checked against the spec's examples (spec-examples.test.ts) and raw HTTPS tests only. Its serviceTasks,
 * files, usages, resourceSkus and operations groups are not served by the emulator and are not called here.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { DataMigrationServiceClient, type DataMigrationServiceModels } from "@azure/arm-datamigration";
import { startEmulator, type Emulator } from "../../../../emulator";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../../../emulator/datamigration";
import { call } from "../support";
import { SOURCE, TARGET, TLS_DIR } from "./support";

const SUB = "00000000-0000-0000-0000-0000000000d5";
const RG = "rg-sdk";
const SUBNET = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

const staticCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: "emulator-test-token",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

const source: DataMigrationServiceModels.SqlConnectionInfo = {
  type: "SqlConnectionInfo",
  dataSource: SOURCE.server,
  authentication: "SqlAuthentication",
  encryptConnection: true,
  trustServerCertificate: false,
  userName: "migrator",
  password: SOURCE.logins.migrator,
};
const target: DataMigrationServiceModels.SqlConnectionInfo = {
  type: "SqlConnectionInfo",
  dataSource: TARGET.server,
  authentication: "SqlAuthentication",
  userName: "admin1",
  password: TARGET.logins.admin1,
};

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("@azure/arm-datamigration 2.1.1 (api-version 2018-07-15-preview) against the emulator", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let client: DataMigrationServiceClient;
  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 20, rowsPerTick: 100_000 });
    emulator = await startEmulator({
      tlsDir: TLS_DIR,
      provisioningDelayMs: 10,
      registrationDelayMs: 0,
      retryAfterSeconds: 0,
      log: false,
      registeredProviders: ["Microsoft.DataMigration"],
      modules: withDataMigrationModule(dms),
    });
    dms.controls.servers.define(SOURCE);
    dms.controls.servers.define(TARGET);
    expect(
      (await call(emulator, "PUT", `/subscriptions/${SUB}/resourcegroups/${RG}`, { body: { location: "westeurope" } }))
        .status,
    ).toBe(201);
    client = new DataMigrationServiceClient(staticCredential, SUB, {
      baseUri: emulator.url,
      agentSettings: { http: new http.Agent(), https: new https.Agent({ ca: emulator.caPem }) },
      longRunningOperationRetryTimeout: 0,
    });
  });
  afterAll(() => emulator.stop());

  it("creates a service through the LRO, reads, lists, checks and patches it", async () => {
    const created = await client.services.createOrUpdate(
      { location: "westeurope", sku: { name: "Premium_4vCores" }, virtualSubnetId: SUBNET },
      RG,
      "dms-sdk",
    );
    expect(created).toMatchObject({
      name: "dms-sdk",
      provisioningState: "Succeeded",
      sku: { name: "Premium_4vCores", tier: "Premium" },
    });
    expect(emulator.requestLog.read().some((e) => e.query["api-version"] === "2018-07-15-preview")).toBe(true);

    expect((await client.services.get(RG, "dms-sdk")).virtualSubnetId).toBe(SUBNET);
    expect((await client.services.listByResourceGroup(RG)).map((s) => s.name)).toEqual(["dms-sdk"]);
    expect((await client.services.checkStatus(RG, "dms-sdk")).status).toBe("Online");
    expect(
      (await client.services.checkNameAvailability("westeurope", { name: "dms-sdk", type: "services" })).nameAvailable,
    ).toBe(false);

    const patched = await client.services.update(
      { location: "westeurope", tags: { from: "sdk" }, virtualSubnetId: SUBNET },
      RG,
      "dms-sdk",
    );
    expect(patched.tags).toEqual({ from: "sdk" });
  });

  it("creates a project and runs an offline task to Succeeded, reading its output", async () => {
    const project = await client.projects.createOrUpdate(
      { location: "westeurope", sourcePlatform: "SQL", targetPlatform: "SQLDB" },
      RG,
      "dms-sdk",
      "proj",
    );
    expect(project.provisioningState).toBe("Succeeded");
    expect(
      await client.services.checkChildrenNameAvailability(RG, "dms-sdk", { name: "proj", type: "projects" }),
    ).toMatchObject({ nameAvailable: false });

    const properties: DataMigrationServiceModels.MigrateSqlServerSqlDbTaskProperties = {
      taskType: "Migrate.SqlServer.SqlDb",
      input: {
        sourceConnectionInfo: source,
        targetConnectionInfo: target,
        selectedDatabases: [
          {
            name: "Sales",
            targetDatabaseName: "Sales",
            makeSourceDbReadOnly: false,
            tableMap: { "dbo.Orders": "dbo.Orders" },
          },
        ],
      },
    };
    const task = await client.tasks.createOrUpdate({ properties }, RG, "dms-sdk", "proj", "offline");
    expect(task.properties?.state).toBe("Queued");
    const done = await until(
      () => client.tasks.get(RG, "dms-sdk", "proj", "offline", { expand: "output" }),
      (t) => t.properties?.state === "Succeeded",
      "the task",
    );
    const output = (done.properties as DataMigrationServiceModels.MigrateSqlServerSqlDbTaskProperties).output ?? [];
    const orders = output.find(
      (o) => o.resultType === "TableLevelOutput",
    ) as DataMigrationServiceModels.MigrateSqlServerSqlDbTaskOutputTableLevel;
    expect(orders).toMatchObject({ objectName: "dbo.Orders", state: "Completed", itemsCompletedCount: 4000 });
    // The password went in; it never comes back.
    expect(JSON.stringify(done)).not.toContain(SOURCE.logins.migrator);
    expect((await client.tasks.list(RG, "dms-sdk", "proj")).map((t) => t.name)).toEqual(["offline"]);
  });

  it("runs an online task to readiness and completes it with the command", async () => {
    const properties: DataMigrationServiceModels.MigrateSqlServerSqlDbSyncTaskProperties = {
      taskType: "Migrate.SqlServer.AzureSqlDb.Sync",
      input: {
        sourceConnectionInfo: source,
        targetConnectionInfo: target,
        selectedDatabases: [{ name: "Hr", targetDatabaseName: "Hr" }],
      },
    };
    await client.tasks.createOrUpdate({ properties }, RG, "dms-sdk", "proj", "online");
    const ready = (t: DataMigrationServiceModels.ProjectTask) =>
      ((t.properties as DataMigrationServiceModels.MigrateSqlServerSqlDbSyncTaskProperties).output ?? []).some(
        (o) =>
          o.resultType === "DatabaseLevelOutput" &&
          (o as DataMigrationServiceModels.MigrateSqlServerSqlDbSyncTaskOutputDatabaseLevel).migrationState ===
            "READY_TO_COMPLETE",
      );
    await until(
      () => client.tasks.get(RG, "dms-sdk", "proj", "online", { expand: "output" }),
      ready,
      "READY_TO_COMPLETE",
    );
    const command = await client.tasks.command(RG, "dms-sdk", "proj", "online", {
      commandType: "Migrate.Sync.Complete.Database",
      input: { databaseName: "Hr" },
    });
    expect(command.state).toBe("Accepted");
    await until(
      () => client.tasks.get(RG, "dms-sdk", "proj", "online"),
      (t) => t.properties?.state === "Succeeded",
      "the completed sync",
    );
  });

  it("cancels and deletes a task, surfaces ARM errors as RestError, stops, starts and deletes the service", async () => {
    const properties: DataMigrationServiceModels.ConnectToTargetSqlDbTaskProperties = {
      taskType: "ConnectToTarget.SqlDb",
      input: { targetConnectionInfo: target },
    };
    await client.tasks.createOrUpdate({ properties }, RG, "dms-sdk", "proj", "check");
    expect((await client.tasks.cancel(RG, "dms-sdk", "proj", "check")).properties?.state).toBe("Canceled");
    await client.tasks.deleteMethod(RG, "dms-sdk", "proj", "check");
    await expect(client.tasks.get(RG, "dms-sdk", "proj", "check")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });

    await client.services.stop(RG, "dms-sdk");
    expect((await client.services.get(RG, "dms-sdk")).provisioningState).toBe("Stopped");
    await client.services.start(RG, "dms-sdk");
    expect((await client.services.get(RG, "dms-sdk")).provisioningState).toBe("Succeeded");
    await client.projects.deleteMethod(RG, "dms-sdk", "proj");
    await client.services.deleteMethod(RG, "dms-sdk");
    await expect(client.services.get(RG, "dms-sdk")).rejects.toMatchObject({ statusCode: 404 });
  });
});
