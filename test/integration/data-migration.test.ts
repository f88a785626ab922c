/**
 * The classic DMS engine (engine "dmsClassic", retired by Microsoft; kept) through the real Pulumi engine against
 * the emulator: provider registration → DMS service → project → migration task, offline and online with cutover.
 */
import * as fs from "node:fs";
import { ArmClient } from "../../provider/arm";
import type { TableSummary } from "../../provider/resources/table-summary";
import type { DmsClassicMigrationArgs } from "../../components";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../emulator/datamigration";
import type { Emulator } from "../../emulator";
import { createTestStack, type TestStack } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";

const SUBSCRIPTION = "3c6f2a51-8a3e-4b1f-9d2a-6b7e0c1d2e3f";
const RESOURCE_GROUP = "rg-migration";
const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`;
const TASK_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DataMigration/services/sales-dms/projects/sales-project/tasks/sales-task`;
const SOURCE_PASSWORD = "S0urce-Pa55-never-in-state";
const TARGET_PASSWORD = "T4rget-Pa55-never-in-state";

type MigrationOverrides = Partial<DmsClassicMigrationArgs["migration"]>;

function migrationSettings(overrides: MigrationOverrides = {}, skuName = "Premium_4vCores"): QuickstartSettings {
  return {
    engine: "dmsClassic",
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    service: { virtualSubnetId: SUBNET, skuName },
    migration: {
      mode: "offline",
      source: { server: "sql01.contoso.local", userName: "migrator", password: SOURCE_PASSWORD },
      target: { server: "sales-target.database.windows.net", userName: "azadmin", password: TARGET_PASSWORD },
      databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
      progressLogIntervalSeconds: 0,
      // Validation against local SQL stand-ins has its own tests; here only the data move and the cutover gate.
      validation: { depth: "none" },
      ...overrides,
    },
  };
}

function migrationProgram(overrides: MigrationOverrides = {}, skuName?: string) {
  return quickstartProgram(migrationSettings(overrides, skuName));
}

/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/data-migration.test.ts";
describe("SqlServerToAzureSqlMigration data move (real engine, emulator)", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 100, rowsPerTick: 1000, appliedChangesPerTick: 50 });
    emulator = await startTestEmulator({ modules: withDataMigrationModule(dms) });
    const arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
    await arm.request({
      method: "PUT",
      path: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP}`,
      apiVersion: "2021-04-01",
      body: { location: "westeurope" },
    });
  });
  afterAll(async () => {
    await emulator?.stop();
    expectCommittedTableMatches(SUITE);
  });
  beforeEach(() => {
    dms.controls.servers.clear();
    dms.controls.servers.define({
      server: "sql01.contoso.local",
      logins: { migrator: SOURCE_PASSWORD },
      databases: { Sales: { tables: { "dbo.Customers": 1200, "dbo.Orders": 4000, "Sales.OrderLines": 2500 } } },
    });
    dms.controls.servers.define({ server: "sales-target.database.windows.net", logins: { azadmin: TARGET_PASSWORD } });
    dms.controls.simulation.set({ incomingChangesPerTick: 0 });
  });
  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
    emulator.faults.clear();
    dms.controls.faults.clear();
    emulator.requestLog.clear();
  });

  async function newStack(name: string, program = migrationProgram()) {
    stack = await createTestStack({ name, program, env: emulatorEnv(emulator) });
    return stack;
  }

  function taskPuts(): number {
    return emulator.requestLog
      .read()
      .filter((e) => e.method === "PUT" && /\/tasks\/[^/]+$/i.test(e.path) && !/-(src|tgt)$/i.test(e.path)).length;
  }

  test("offline: up creates service, project and task and returns when the task succeeded; a second up writes nothing", async () => {
    const s = await newStack("offline");
    const result = await s.up();
    expect(result.outputs.phase.value).toBe("completed");
    expect(result.outputs.state.value).toBe("Succeeded");
    // State keeps counts per table state; every table's progress is in the data-move file beside the report.
    const progress = (result.outputs.progress.value as { tableSummary: TableSummary; dataMoveFile: string }[])[0]!;
    expect(progress).not.toHaveProperty("tables");
    expect(progress.tableSummary).toMatchObject({ tables: 3, byState: { Completed: 3 }, rowsCopied: 7700 });
    const moved = JSON.parse(fs.readFileSync(progress.dataMoveFile, "utf8")) as {
      tables: { table: string; rowsCopied: number; status: string }[];
    };
    const rows = Object.fromEntries(moved.tables.map((t) => [t.table, t.rowsCopied]));
    expect(rows).toEqual({ "dbo.Customers": 1200, "dbo.Orders": 4000, "Sales.OrderLines": 2500 });
    expect(moved.tables.every((t) => t.status === "Completed")).toBe(true);
    expect(taskPuts()).toBe(1);
    // Progress was logged per table, and not once per poll.
    expect(s.output()).toMatch(/Sales\.dbo\.Orders: \w+, \d+\/4000 rows/);

    emulator.requestLog.clear();
    const second = await s.up();
    expect(second.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(emulator.requestLog.writes()).toBe(0);

    // DMS task records get cleaned up after a migration; that must never make the next up copy the data again.
    await ArmClient.fromEnvironment(emulatorEnv(emulator)).deleteIfExists(TASK_PATH, "2021-06-30");
    await s.refresh();
    emulator.requestLog.clear();
    await s.up();
    expect(taskPuts()).toBe(0);
    expect((await s.resourceOutputs("MigrationTask")).phase).toBe("completed");
  });

  test("online: up stops at readiness; cutover refuses while changes are pending, then completes", async () => {
    const s = await newStack("online", migrationProgram({ mode: "online" }));
    const first = await s.up();
    expect(first.outputs.phase.value).toBe("readyForCutover");

    // The source keeps writing faster than the target applies: not ready for cutover.
    dms.controls.simulation.set({ incomingChangesPerTick: 500 });
    dms.controls.sourceChanges({ database: "Sales", table: "dbo.Orders", inserts: 5000 });
    emulator.requestLog.clear();
    const refused = await s
      .up(migrationProgram({ mode: "online", cutover: true, waitTimeoutSeconds: 2 }))
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/cutover refused/);
    expect((refused as Error).message).toMatch(/pending/i);
    expect(emulator.requestLog.count("POST", /\/command$/)).toBe(0);

    // The workload stops; the sync drains and the cutover goes through.
    dms.controls.simulation.set({ incomingChangesPerTick: 0 });
    const done = await s.up(migrationProgram({ mode: "online", cutover: true }));
    expect(done.outputs.phase.value).toBe("completed");
    expect(emulator.requestLog.count("POST", /\/command$/)).toBe(1);

    // Cutover back to false cannot undo anything and changes nothing remotely.
    emulator.requestLog.clear();
    await s.up(migrationProgram({ mode: "online", cutover: false }));
    expect(s.output()).toMatch(/cannot be undone/);
    expect(emulator.requestLog.writes()).toBe(0);
  });

  test("a table that fails fails the up with the table and the service's message", async () => {
    dms.controls.faults.add({
      kind: "tableFails",
      table: "dbo.Orders",
      message: "Violation of PRIMARY KEY constraint 'PK_Orders'",
    });
    const s = await newStack("table-fails");
    const error = await s.up().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Orders/);
    expect((error as Error).message).toMatch(/PK_Orders/);
    // The failed task is recorded in state, so the next up reports it instead of starting another.
    const outputs = await s.resourceOutputs("MigrationTask");
    expect(outputs.phase).toBe("failed");
    const again = await s.up().catch((e: Error) => e);
    expect((again as Error).message).toMatch(/retry/);
    expect(taskPuts()).toBe(1);

    // Bumping retry replaces the failed task with a new one (the fault was used up), which completes.
    const retried = await s.up(migrationProgram({ retry: 1 }));
    expect(retried.outputs.phase.value).toBe("completed");
    expect(emulator.requestLog.count("DELETE", /\/tasks\/sales-task$/i)).toBe(1);
    expect(emulator.requestLog.count("PUT", /\/tasks\/sales-task-retry-1$/i)).toBe(1);
    expect((await s.resourceOutputs("MigrationTask")).remoteTaskName).toBe("sales-task-retry-1");
    recordPassedFault(SUITE, {
      area: "DMS (classic)",
      injected: "a table fails during the copy (tableFails), leaving the MigrationTask failed",
      expected:
        "the up fails naming the table and the service's message; the next up reports it again; retry: 1 replaces the task and completes",
    });
  });

  test("a service SKU change is applied in place with PATCH", async () => {
    const s = await newStack("sku", migrationProgram({}, "Standard_1vCores"));
    await s.up();
    emulator.requestLog.clear();
    const result = await s.up(migrationProgram({}, "Premium_4vCores"));
    expect(result.summary.resourceChanges?.update).toBe(1);
    expect(emulator.requestLog.count("PATCH", /\/services\/[^/]+$/)).toBe(1);
    expect(emulator.requestLog.count("DELETE", /\/services\//)).toBe(0);
    expect((await s.resourceOutputs("DataMigrationService")).skuName).toBe("Premium_4vCores");
  });

  test("failing connection checks stop the migration before any task runs", async () => {
    const s = await newStack(
      "bad-password",
      migrationProgram({
        source: { server: "sql01.contoso.local", userName: "migrator", password: "wrong-password" },
      }),
    );
    const error = await s.up().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/source connection check for sql01\.contoso\.local failed/);
    expect((error as Error).message).toMatch(/Login failed/i);
    expect(taskPuts()).toBe(0);
  });

  test("an up killed while following the task is resumed by the next up, which follows the same task", async () => {
    dms.controls.simulation.set({ rowsPerTick: 100 });
    const s = await newStack("killed");
    const run = s.spawnQuickstart(migrationSettings());
    // Kill the whole engine once it is following the task (a few polls after the task PUT).
    const deadline = Date.now() + 60_000;
    while (!(taskPuts() > 0 && emulator.requestLog.count("GET", /\/tasks\/sales-task$/i) > 2)) {
      if (Date.now() > deadline) throw new Error(`the child up never started following the task:\n${run.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    run.kill();
    await run.exited;
    expect(taskPuts()).toBe(1);
    // What a pipeline does after a killed job: release the dead update's lock on the backend.
    await s.stack.cancel();

    dms.controls.simulation.set({ rowsPerTick: 1000 });
    const resumed = await s.up();
    expect(resumed.outputs.phase.value).toBe("completed");
    expect(taskPuts()).toBe(1);
    expect(s.output()).toMatch(/following the existing migration task/);
  });

  test("no password appears in the state file, the engine output or the outputs; destroy cancels the running sync", async () => {
    const s = await newStack("secrets", migrationProgram({ mode: "online" }));
    const result = await s.up();
    const haystacks = [s.stateFileText(), s.output(), JSON.stringify(result.outputs)];
    for (const text of haystacks) {
      expect(text).not.toContain(SOURCE_PASSWORD);
      expect(text).not.toContain(TARGET_PASSWORD);
    }
    // The emulator, like the real service, never returns the passwords it was given.
    const taskBody = JSON.stringify(
      await ArmClient.fromEnvironment(emulatorEnv(emulator)).get(TASK_PATH, "2021-06-30"),
    );
    expect(taskBody).not.toContain(SOURCE_PASSWORD);

    // Deleting the running (syncing) migration cancels the task, deletes it, and leaves the target in place.
    emulator.requestLog.clear();
    await s.destroy();
    expect(emulator.requestLog.count("POST", /\/tasks\/sales-task\/cancel$/i)).toBe(1);
    expect(emulator.requestLog.count("DELETE", /\/tasks\/sales-task$/i)).toBe(1);
    expect(s.output()).toMatch(/target databases SalesDb on sales-target\.database\.windows\.net were left in place/);
    expect(s.output()).not.toContain(SOURCE_PASSWORD);
  });
});
