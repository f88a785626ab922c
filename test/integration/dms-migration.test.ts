/**
 * The current Azure DMS engine (the default) through the real Pulumi engine against the emulator: provider
 * registration → sqlMigrationService → self-hosted integration runtime online → schema step → one
 * databaseMigration (kind SqlDb) per database, followed to the end. What the "done means" lists: the
 * runtime wait and its message, key rotation, a failing table and `retry`, a killed engine, destroy of a running
 * copy, and secrets that never appear in plain text.
 */
import * as fs from "fs";
import * as path from "path";
import { ArmClient } from "../../provider/arm";
import type { TableSummary } from "../../provider/resources/table-summary";
import { SqlMigrationService } from "../../components";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import { operateSelfHostedRuntime } from "../../examples/runner/self-hosted-runtime";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../emulator/datamigration";
import type { Emulator } from "../../emulator";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { createTestStack, type TestStack } from "../support/engine";
import {
  createAzureTarget,
  currentDmsSettings,
  type CurrentDmsSuite,
  type MigrationOverrides,
  type ServiceOverrides,
} from "../support/current-dms-settings";
import { stepsInOrder } from "../support/steps";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";
import {
  emulatorLogAsTargets,
  expectNoSecrets,
  filesAsTargets,
  outputsAsTarget,
  scanForSecrets,
} from "../support/secret-scan";

const SUBSCRIPTION = "5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";
const RESOURCE_GROUP = "rg-dms";
const GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const SERVER_PATH = `${GROUP_PATH}/providers/Microsoft.Sql/servers/sales-target`;
const MIGRATION_PATH = `${SERVER_PATH}/providers/Microsoft.DataMigration/databaseMigrations/SalesDb`;
const SERVICE_PATH = `${GROUP_PATH}/providers/Microsoft.DataMigration/sqlMigrationServices/sales-sqlms`;
const API = "2025-06-30";
const SOURCE_PASSWORD = "S0urce-Pa55-current-dms";
const TARGET_PASSWORD = "T4rget-Pa55-current-dms";
const TABLES = { "dbo.Customers": 1200, "dbo.Orders": 4000, "Sales.OrderLines": 2500 };

const SUITE_SETTINGS: CurrentDmsSuite = {
  subscriptionId: SUBSCRIPTION,
  resourceGroupName: RESOURCE_GROUP,
  sourceServer: "sql01.contoso.local",
  targetServer: "sales-target.database.windows.net",
  sourcePassword: SOURCE_PASSWORD,
  targetPassword: TARGET_PASSWORD,
  workFolder: "dms-migration-schema",
};

const settings = (overrides?: MigrationOverrides, service?: ServiceOverrides): QuickstartSettings =>
  currentDmsSettings(SUITE_SETTINGS, overrides, service);
const program = (overrides?: MigrationOverrides, service?: ServiceOverrides) =>
  quickstartProgram(settings(overrides, service));

/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/dms-migration.test.ts";
describe("SqlServerToAzureSqlMigration with the current DMS (real engine, emulator)", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let arm: ArmClient;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 100, rowsPerTick: 1000 });
    emulator = await startTestEmulator({
      modules: withDataMigrationModule(dms),
      registeredProviders: ["Microsoft.Sql"],
    });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
    await createAzureTarget(arm, GROUP_PATH, SERVER_PATH);
  });
  afterAll(async () => {
    await emulator?.stop();
    expectCommittedTableMatches(SUITE);
  });
  /** The servers each scenario starts from: the source with its rows, the target with its tables empty. */
  function defineServers(): void {
    dms.controls.servers.clear();
    dms.controls.servers.define({
      server: "sql01.contoso.local",
      logins: { migrator: SOURCE_PASSWORD },
      databases: { Sales: { tables: TABLES } },
    });
    const empty = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
    dms.controls.servers.define({
      server: "sales-target.database.windows.net",
      logins: { azadmin: TARGET_PASSWORD },
      databases: { SalesDb: { tables: empty } },
    });
    dms.controls.simulation.set({ rowsPerTick: 1000 });
  }
  async function cleanUp(): Promise<void> {
    await stack?.dispose();
    stack = undefined;
    emulator.faults.clear();
    dms.controls.faults.clear();
    emulator.requestLog.clear();
  }

  /**
   * One scenario over one stack: fresh servers before its first step, the stack disposed after its last. Its steps
   * run in order as tests of their own, so a failure names the step (test/support/steps.ts).
   */
  function scenario(title: string, steps: (step: ReturnType<typeof stepsInOrder>) => void): void {
    describe(title, () => {
      beforeAll(defineServers);
      afterAll(cleanUp);
      steps(stepsInOrder());
    });
  }

  async function newStack(name: string, first: PulumiFn = program()) {
    stack = await createTestStack({ name, program: first, env: emulatorEnv(emulator) });
    return stack;
  }
  /** The scenario's stack, created by its first step. */
  function current(): TestStack {
    if (!stack) throw new Error("no stack: the scenario's first step creates it");
    return stack;
  }

  /**
   * `up` while an operator registers a self-hosted runtime node with the new service's key — only after the provider
   * read the keys, so it has already seen the runtime offline and must wait for the node (whatever the load).
   */
  async function upWithRuntime(s: TestStack, next?: PulumiFn) {
    const operator = operateSelfHostedRuntime(
      arm,
      { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
      { pollMs: 100, registerWhen: () => count("POST", /\/listAuthKeys$/) > 0 },
    );
    try {
      return await s.up(next);
    } finally {
      operator.stop();
    }
  }

  const count = (method: string, pattern: RegExp) => emulator.requestLog.count(method, pattern);
  const migrationPuts = () => count("PUT", /\/databaseMigrations\/SalesDb$/i);
  const migrationGets = () => count("GET", /\/databaseMigrations\/SalesDb$/i);

  async function authKeys(): Promise<{ authKey1: string; authKey2: string }> {
    return arm.post(`${SERVICE_PATH}/listAuthKeys`, API);
  }

  scenario("offline over one stack: followed to Succeeded, converged, refreshed, then its keys rotated", (step) => {
    step("the first up follows the copy table by table to Succeeded", async () => {
      const s = await newStack("dms-offline");
      const result = await upWithRuntime(s);
      expect(result.outputs.engine.value).toBe("dms");
      expect(result.outputs.phase.value).toBe("completed");
      expect(result.outputs.state.value).toBe("Succeeded");
      expect(result.outputs.integrationRuntimeState.value).toBe("Online");
      // State keeps counts per table state; every table's progress is in the data-move file.
      const progress = (result.outputs.progress.value as { tableSummary: TableSummary; dataMoveFile: string }[])[0]!;
      expect(progress.tableSummary).toMatchObject({ tables: 3, byState: { Succeeded: 3 }, failedTables: [] });
      const moved = JSON.parse(fs.readFileSync(progress.dataMoveFile, "utf8")) as {
        tables: { table: string; rowsCopied: number; status: string }[];
      };
      expect(Object.fromEntries(moved.tables.map((t) => [t.table, t.rowsCopied]))).toEqual(TABLES);
      expect(moved.tables.every((t) => t.status === "Succeeded")).toBe(true);
      expect(migrationPuts()).toBe(1);
      // Every request the provider sent passed the emulator's spec-written shapes.
      expect(emulator.requestLog.read().filter((e) => e.status === 400)).toEqual([]);
      expect(s.output()).toMatch(/dbo\.Orders: Copying, \d+ rows copied/);
      expect(s.output()).toMatch(/waiting up to 60s for a self-hosted integration runtime node/);
      const outputs = await s.resourceOutputs("DatabaseMigration");
      expect(outputs.migrationOperationId).toMatch(/^[0-9a-f-]{36}$/);
    });

    step("a second up writes nothing", async () => {
      emulator.requestLog.clear();
      const second = await current().up();
      expect(second.summary.resourceChanges?.update ?? 0).toBe(0);
      expect(emulator.requestLog.writes()).toBe(0);
    });

    step("a refresh reads the run it recorded, and the next up never starts another one", async () => {
      await current().refresh();
      await current().up();
      expect(migrationPuts()).toBe(0);
    });

    step("key rotation: one regenerateAuthKeys call, the new key secret in state, the old key refused", async () => {
      const s = current();
      const before = await authKeys();
      emulator.requestLog.clear();
      await s.up(program({}, { regenerateAuthKeys: { authKey1: 1 } }));
      expect(count("POST", /\/regenerateAuthKeys$/)).toBe(1);
      expect(migrationPuts()).toBe(0);
      const after = await authKeys();
      expect(after.authKey1).not.toBe(before.authKey1);
      expect(after.authKey2).toBe(before.authKey2);
      const state = s.stateFileText();
      expect(state).not.toContain(after.authKey1);
      expect(state).not.toContain(before.authKey1);
      expect(() => dms.controls.integrationRuntime.registerNode(before.authKey1, "shir-old-key")).toThrow(
        /InvalidAuthKey|not a current key|key/i,
      );
      expect(dms.controls.integrationRuntime.registerNode(after.authKey1, "shir-new-key").nodeName).toBe(
        "shir-new-key",
      );
    });

    step("the same rotation counter again changes nothing", async () => {
      emulator.requestLog.clear();
      await current().up(program({}, { regenerateAuthKeys: { authKey1: 1 } }));
      expect(count("POST", /\/regenerateAuthKeys$/)).toBe(0);
    });
  });

  scenario("runtime not online, then a node registers", (step) => {
    step("the up stops within its budget saying what to do; the service is recorded with its keys", async () => {
      const s = await newStack("dms-runtime", program({}, { runtimeWaitTimeoutSeconds: 2 }));
      const started = Date.now();
      const error = await s.up().catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect(Date.now() - started).toBeLessThan(60_000);
      const message = (error as Error).message;
      expect(message).toMatch(
        /integration runtime of sqlMigrationService sales-sqlms is NeedRegistration after waiting 2s/,
      );
      expect(message).toMatch(/install the Microsoft Integration Runtime/);
      expect(message).toMatch(/secret output authKey1/);
      expect(message).toMatch(/az datamigration sql-service list-auth-key --resource-group rg-dms --name sales-sqlms/);
      expect(migrationPuts()).toBe(0);
      // The service is recorded with its keys (as secrets), so the key the message points to can be read.
      const service = await s.resourceOutputs("SqlMigrationService");
      expect(service.integrationRuntimeState).toBe("NeedRegistration");
      // exportStack decrypts secrets but keeps Pulumi's secret signature on them; the state file holds ciphertext.
      expect(service.authKey1).toHaveProperty(["4dabf18193072939515e22adb298388d"]);
      expect(s.stateFileText()).not.toContain((await authKeys()).authKey1);
    });

    step("once a node registers with the key, the next up goes on to completion", async () => {
      const s = current();
      dms.controls.integrationRuntime.registerNode((await authKeys()).authKey1, "shir-late");
      const resumed = await s.up();
      expect(resumed.outputs.phase.value).toBe("completed");
      expect((await s.resourceOutputs("SqlMigrationService")).nodes).toEqual([
        expect.objectContaining({ nodeName: "shir-late", status: "Online" }),
      ]);
      recordPassedFault(SUITE, {
        area: "DMS (current)",
        injected: "no self-hosted integration runtime node online (runtime offline)",
        expected:
          "the up stops within its budget naming the state and how to register a node; the next up after a node registers completes",
      });
    });
  });

  scenario("a failing table, then retry: 1", (step) => {
    let operationId: unknown;

    step("the up fails naming the table, its message and `Set retry to 1`", async () => {
      dms.controls.faults.add({
        kind: "tableFails",
        database: "Sales",
        table: "dbo.Orders",
        message: "Violation of PRIMARY KEY constraint 'PK_Orders'",
      });
      const s = await newStack("dms-retry");
      const error = await upWithRuntime(s).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/dbo\.Orders/);
      expect((error as Error).message).toMatch(/PK_Orders/);
      expect((error as Error).message).toMatch(/Retriable/);
      expect((error as Error).message).toMatch(/Set retry to 1/);
      const failed = await s.resourceOutputs("DatabaseMigration");
      expect(failed.phase).toBe("failed");
      operationId = failed.migrationOperationId;
    });

    step("without retry the next up reports the failure again and changes nothing", async () => {
      const again = await current()
        .up()
        .catch((e: Error) => e);
      expect((again as Error).message).toMatch(/Nothing was changed/);
    });

    step("retry: 1 resumes the run with the service's retry, no second PUT", async () => {
      const s = current();
      const retried = await s.up(program({ retry: 1 }));
      expect(retried.outputs.phase.value).toBe("completed");
      expect(count("POST", /\/databaseMigrations\/SalesDb\/retry$/i)).toBe(1);
      expect(migrationPuts()).toBe(1);
      expect((await s.resourceOutputs("DatabaseMigration")).migrationOperationId).toBe(operationId);
      recordPassedFault(SUITE, {
        area: "DMS (current)",
        injected: "a table fails during the copy (tableFails), leaving the DatabaseMigration run failed",
        expected:
          "the up fails naming the table and the message; the next up reports it again and changes nothing; retry: 1 resumes the same run and completes",
      });
    });
  });

  scenario("an engine killed while following, resumed by the next up", (step) => {
    let live: { properties: { migrationOperationId?: string; migrationStatus?: string } };

    step("a child up killed while it follows the copy leaves the run InProgress", async () => {
      // Slow enough (about 80 s of copy) that the copy is still running when the resumed up reads it.
      dms.controls.simulation.set({ rowsPerTick: 5 });
      const s = await newStack("dms-killed");
      // A runtime node is registered before the child up starts; it stays registered with the service.
      const operator = operateSelfHostedRuntime(
        arm,
        { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
        { pollMs: 100 },
      );
      const run = s.spawnQuickstart(settings());
      await waitFor(
        () => migrationPuts() > 0 && migrationGets() > 3,
        () => `the child up never started following the migration:\n${run.output()}`,
      );
      operator.stop();
      run.kill();
      await run.exited;
      live = await arm.get(MIGRATION_PATH, API);
      expect(live.properties.migrationStatus).toBe("InProgress");
      await s.stack.cancel();
    });

    step("the next up follows the same run to the end", async () => {
      const s = current();
      // The copy speeds up only once the resumed up has read the run (still copying) and polls it: no fixed wait.
      const getsBefore = migrationGets();
      const resuming = s.up();
      await waitFor(
        () => migrationGets() > getsBefore + 1,
        () => `the resumed up never read the migration:\n${s.output()}`,
      );
      dms.controls.simulation.set({ rowsPerTick: 1000 });
      const resumed = await resuming;
      expect(resumed.outputs.phase.value).toBe("completed");
      expect(migrationPuts()).toBe(1);
      expect(s.output()).toContain(`following the existing migration run ${live.properties.migrationOperationId}`);
      expect((await s.resourceOutputs("DatabaseMigration")).migrationOperationId).toBe(
        live.properties.migrationOperationId,
      );
    });
  });

  scenario("a running copy: secrets never in plain text, then destroy", (step) => {
    step("an up with wait: started returns while the copy runs, and no secret is in plain text anywhere", async () => {
      // One row per tick: the copy (about 400 s) is still running when the next step destroys it, whatever the load.
      dms.controls.simulation.set({ rowsPerTick: 1 });
      const s = await newStack("dms-secrets", program({ wait: "started" }));
      const result = await upWithRuntime(s);
      expect(result.outputs.phase.value).toBe("running");
      expect(result.outputs.authKey1.secret).toBe(true);
      const keys = await authKeys();
      const serviceBody = JSON.stringify(await arm.get(SERVICE_PATH, API));
      const migrationBody = JSON.stringify(await arm.get(MIGRATION_PATH, API, { $expand: "MigrationStatusDetails" }));
      const secrets = { SOURCE_PASSWORD, TARGET_PASSWORD, authKey1: keys.authKey1, authKey2: keys.authKey2 };
      const scan = scanForSecrets(secrets, [
        { where: "engine output", text: s.output() },
        { where: "service as read back", text: serviceBody },
        { where: "migration as read back", text: migrationBody },
        outputsAsTarget(result.outputs),
        ...filesAsTargets(path.join(s.workDir, "backend"), "file backend"),
        ...emulatorLogAsTargets(emulator),
      ]);
      expectNoSecrets("current DMS copy, integration suite", scan);
    });

    step("destroy of the running copy cancels and deletes it and leaves the target", async () => {
      const s = current();
      emulator.requestLog.clear();
      await s.destroy();
      expect(count("POST", /\/databaseMigrations\/SalesDb\/cancel$/i)).toBe(1);
      expect(count("DELETE", /\/databaseMigrations\/SalesDb$/i)).toBe(1);
      expect(count("DELETE", /\/Microsoft\.Sql\/servers\/[^/]+(\/databases\/[^/]+)?$/i)).toBe(0);
      expect(s.output()).toMatch(/target database SalesDb on sales-target\.database\.windows\.net was left in place/);
      expect(
        dms.controls.servers.list().find((server) => server.server === "sales-target.database.windows.net")?.databases,
      ).toHaveProperty("SalesDb");
    });
  });

  scenario("a service left Failed by an earlier up is provisioned again, never adopted as it is", (step) => {
    step("the up fails with the service's provisioning error and starts no migration", async () => {
      dms.controls.faults.add({
        kind: "serviceProvisioningFails",
        service: "sales-sqlms",
        message: "Provisioning of the Data Factory failed.",
      });
      const s = await newStack("dms-heal");
      const error = await upWithRuntime(s).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/Provisioning of the Data Factory failed/);
      expect(
        (await arm.get<{ properties: { provisioningState: string } }>(SERVICE_PATH, API)).properties.provisioningState,
      ).toBe("Failed");
      expect(migrationPuts()).toBe(0);
    });

    step("the next up provisions the service again (one PUT) and completes", async () => {
      const s = current();
      emulator.requestLog.clear();
      const healed = await upWithRuntime(s);
      expect(healed.outputs.phase.value).toBe("completed");
      expect(count("PUT", /\/sqlMigrationServices\/sales-sqlms$/i)).toBe(1);
      expect(s.output()).toMatch(/sqlMigrationService sales-sqlms is Failed; provisioning it again/);
      recordPassedFault(SUITE, {
        area: "DMS (current)",
        injected: "the SqlMigrationService's provisioning fails once (serviceProvisioningFails), leaving it Failed",
        expected: "the up fails with the service's error; the next up provisions it again (one PUT) and completes",
      });
    });
  });

  scenario("deleting a service refuses while migrations run, unless asked to cancel them", (step) => {
    const serviceOnly = (cancelMigrationsOnDelete: boolean) => async () => {
      const service = new SqlMigrationService("sales-sqlms", {
        subscriptionId: SUBSCRIPTION,
        resourceGroupName: RESOURCE_GROUP,
        location: "westeurope",
        cancelMigrationsOnDelete,
      });
      return { resourceId: service.resourceId };
    };

    step("destroy is refused while a migration started outside the stack runs, naming it", async () => {
      dms.controls.simulation.set({ rowsPerTick: 1 });
      const s = await newStack("dms-service-delete", serviceOnly(false));
      await upWithRuntime(s);
      // A migration started outside this stack (someone else's, or a stack that lost track of it).
      await arm.request({ method: "PUT", path: MIGRATION_PATH, apiVersion: API, body: outsideMigration() });
      const refused = await s.destroy().catch((e: Error) => e);
      expect((refused as Error).message).toMatch(
        /sqlMigrationService sales-sqlms has running migrations: SalesDb \((Creating|InProgress)\)/,
      );
      expect((refused as Error).message).toMatch(/cancelMigrationsOnDelete: true/);
      expect(count("DELETE", /\/sqlMigrationServices\/sales-sqlms$/i)).toBe(0);
    });

    step("with cancelMigrationsOnDelete: true the destroy cancels it and deletes the service", async () => {
      const s = current();
      await s.up(serviceOnly(true));
      await s.destroy();
      expect(count("POST", /\/databaseMigrations\/SalesDb\/cancel$/i)).toBe(1);
      expect(count("DELETE", /\/sqlMigrationServices\/sales-sqlms$/i)).toBe(1);
      // The migration record stays with the target server; this test removes it.
      await arm.deleteIfExists(MIGRATION_PATH, API, { force: "true" });
    });
  });

  scenario("bad input", (step) => {
    step("bad input fails preview naming the field: online mode, a missing schema step", async () => {
      const s = await newStack("dms-validation");
      emulator.requestLog.clear();
      // In a process of its own, as a user's `pulumi preview` runs: the program stops before declaring anything.
      const preview = async (bad: unknown) => {
        const run = s.spawnQuickstart(bad, "preview");
        expect(await run.exited).not.toBe(0);
        return run.output();
      };
      expect(await preview(settings({ mode: "online" }))).toMatch(
        /migration\.mode: the current DMS \(engine "dms"\) migrates to Azure SQL Database offline only/,
      );
      const { schema: _schema, ...withoutSchema } = settings();
      expect(await preview(withoutSchema)).toMatch(
        /schema: the current DMS copies rows only into tables that already exist/,
      );
      expect(emulator.requestLog.writes()).toBe(0);
    });
  });
});

/** A SqlDb migration body as another client would PUT it, with both passwords. */
function outsideMigration() {
  return {
    properties: {
      kind: "SqlDb",
      scope: SERVER_PATH,
      migrationService: SERVICE_PATH,
      sourceDatabaseName: "Sales",
      sourceSqlConnection: {
        dataSource: "sql01.contoso.local",
        authentication: "SqlAuthentication",
        userName: "migrator",
        password: SOURCE_PASSWORD,
      },
      targetSqlConnection: {
        dataSource: "sales-target.database.windows.net",
        authentication: "SqlAuthentication",
        userName: "azadmin",
        password: TARGET_PASSWORD,
      },
    },
  };
}

/** Polls `done` every 100 ms for up to two minutes; past that, fails with `explain()`. */
async function waitFor(done: () => boolean, explain: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(explain());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
