/**
 * Fault matrix, classic DMS engine, through the real Pulumi engine against the in-process emulator: one stack,
 * named steps run in order, each recording a row of docs/RELIABILITY.md (matrix "faults"). The case is
 * the first two steps: the service's provisioning fails once, and the next up must provision it again — not adopt
 * it Failed and then fail every task with ServiceNotReady. The second up also runs under an ARM storm (429 with
 * Retry-After, 500, dropped connections, 503) and must converge in that one up with one task. The two slowest steps
 * run only in the full matrix (`npm run reliability`).
 */
import { ArmClient } from "../../provider/arm";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../emulator/datamigration";
import type { Emulator } from "../../emulator";
import { createTestStack, type TestStack } from "../support/engine";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";
import { recordReliabilityRow, type ReliabilityRow } from "../support/reliability/record";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { fullMatrixTest } from "../support/reliability/full-matrix";

const SUITE = "test/reliability/classic-dms-faults.test.ts";
const SUBSCRIPTION = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
const RESOURCE_GROUP = "rg-classic-faults";
const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`;
const SERVICE_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DataMigration/services/faults-dms`;
const API = "2021-06-30";
const SOURCE_PASSWORD = "S0urce-Pa55-classic-faults";
const TARGET_PASSWORD = "T4rget-Pa55-classic-faults";

function settings(service: { timeoutSeconds?: number } = {}): QuickstartSettings {
  return {
    engine: "dmsClassic",
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    service: { serviceName: "faults-dms", virtualSubnetId: SUBNET, ...service },
    project: { projectName: "faults-project" },
    migration: {
      mode: "offline",
      taskName: "faults-task",
      source: { server: "sql01.contoso.local", userName: "migrator", password: SOURCE_PASSWORD },
      target: { server: "sales-target.database.windows.net", userName: "azadmin", password: TARGET_PASSWORD },
      databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
      progressLogIntervalSeconds: 0,
      validation: { depth: "none" },
    },
  };
}

describe("fault matrix: classic DMS (one stack, steps in order)", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let arm: ArmClient;
  let s: TestStack;

  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 100, rowsPerTick: 2000 });
    emulator = await startTestEmulator({ modules: withDataMigrationModule(dms) });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
    await arm.request({
      method: "PUT",
      path: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP}`,
      apiVersion: "2021-04-01",
      body: { location: "westeurope" },
    });
    dms.controls.servers.define({
      server: "sql01.contoso.local",
      logins: { migrator: SOURCE_PASSWORD },
      databases: { Sales: { tables: { "dbo.Customers": 1200, "dbo.Orders": 4000 } } },
    });
    dms.controls.servers.define({ server: "sales-target.database.windows.net", logins: { azadmin: TARGET_PASSWORD } });
    s = await createTestStack({
      name: "classic-faults",
      program: quickstartProgram(settings()),
      env: emulatorEnv(emulator),
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emulator?.stop();
    expectCommittedTableMatches(SUITE);
  });
  afterEach(() => {
    emulator.faults.clear();
    dms.controls.faults.clear();
  });

  const record = (row: Omit<ReliabilityRow, "matrix" | "suite">) =>
    recordReliabilityRow({ matrix: "faults", suite: SUITE, ...row });
  const count = (method: string, pattern: RegExp) => emulator.requestLog.count(method, pattern);
  const servicePuts = () => count("PUT", /\/services\/faults-dms$/i);
  const taskPuts = () => count("PUT", /\/tasks\/faults-task$/i);
  const faulted = (kind: string) => emulator.requestLog.read().filter((e) => e.fault === kind).length;
  const serviceState = async () =>
    (await arm.get<{ properties: { provisioningState: string } }>(SERVICE_PATH, API)).properties.provisioningState;
  const upError = (program = quickstartProgram(settings())) =>
    s.up(program).then(
      () => new Error("the up succeeded"),
      (e: Error) => e,
    );

  test("service provisioning fails once: the up fails naming the cause, and no task is created", async () => {
    dms.controls.faults.add({
      kind: "serviceProvisioningFails",
      service: "faults-dms",
      message: "Subnet has no free IPs.",
    });
    const started = Date.now();
    const error = await upError();
    expect(error.message).toMatch(/Subnet has no free IPs/);
    expect(await serviceState()).toBe("Failed");
    expect(taskPuts()).toBe(0);
    record({
      area: "DMS (classic)",
      injected: "the service's provisioning operation ends Failed once (serviceProvisioningFails)",
      expected: "the up fails with the service's error; no project or task is started on a broken service",
      observed: "the up fails with the service's error; no project or task is started on a broken service",
      passed: true,
      measured: { seconds: Math.round((Date.now() - started) / 100) / 10 },
    });
  });

  test("the next up provisions the Failed service again and completes, under a storm of 429/500/drop/503", async () => {
    emulator.requestLog.clear();
    emulator.faults.add({
      method: "PUT",
      path: /\/projects\/faults-project$/,
      count: 3,
      kind: "429",
      retryAfterSeconds: 1,
    });
    emulator.faults.add({ method: "PUT", path: /\/tasks\/faults-task$/, count: 2, kind: "500" });
    emulator.faults.add({ method: "GET", path: /\/tasks\/faults-task$/, count: 2, kind: "drop" });
    emulator.faults.add({ method: "GET", path: /\/tasks\/faults-task$/, count: 2, kind: "503" });
    const started = Date.now();
    const result = await s.up();
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    expect(result.outputs.phase.value).toBe("completed");
    expect(s.output()).toMatch(/DMS service faults-dms is Failed; provisioning it again/);
    expect(servicePuts()).toBe(1);
    expect(await serviceState()).toBe("Succeeded");
    // A task PUT answered 500 never reached the service, so one task exists: the one that completed.
    expect(count("PUT", /\/tasks\/faults-task$/i)).toBe(3);
    expect(
      emulator.requestLog
        .read()
        .filter((e) => /\/tasks\/faults-task$/i.test(e.path) && e.method === "PUT" && !e.faulted),
    ).toHaveLength(1);
    const storm = { "429": faulted("429"), "500": faulted("500"), drop: faulted("drop"), "503": faulted("503") };
    expect(storm).toEqual({ "429": 3, "500": 2, drop: 2, "503": 2 });
    record({
      area: "DMS (classic)",
      injected: "DataMigrationService left Failed by the earlier up",
      expected: "provisioned again by the next up (one PUT), never adopted as it is; the migration completes",
      observed: "provisioned again by the next up (one PUT), never adopted as it is; the migration completes",
      passed: true,
      measured: { seconds },
    });
    const storms: [string, string, number][] = [
      ["429", "429 with Retry-After: 1 on the project PUT, 3 times in a row", storm["429"]],
      ["500", "500 on the task PUT, twice", storm["500"]],
      ["drop", "connection reset on the task GET, twice", storm.drop],
      ["503", "503 on the task GET, twice", storm["503"]],
    ];
    for (const [, injected, times] of storms) {
      record({
        area: "ARM",
        injected,
        expected: "retried and converged in the same up, one task",
        observed: `retried (${times} faulted answers) and converged in the same up, one task`,
        passed: true,
        counts: { faultsInjected: times },
      });
    }
  });

  test("an LRO that fails (the service PUT): the up fails with ARM's error; the next up provisions again", async () => {
    await s.destroy();
    emulator.requestLog.clear();
    emulator.faults.add({
      method: "PUT",
      path: /\/services\/faults-dms$/,
      count: 1,
      kind: "lroFailed",
      code: "InternalServerError",
      message: "Deployment of the DMS virtual machine failed.",
    });
    const error = await upError();
    expect(error.message).toMatch(/Deployment of the DMS virtual machine failed/);
    expect(await serviceState()).toBe("Failed");
    const healed = await s.up();
    expect(healed.outputs.phase.value).toBe("completed");
    expect(servicePuts()).toBe(2);
    record({
      area: "ARM",
      injected: "the service PUT's long-running operation ends Failed (lroFailed)",
      expected: "the up fails with ARM's error; the next up provisions the service again and completes",
      observed: "the up fails with ARM's error; the next up provisions the service again and completes",
      passed: true,
    });
  });

  fullMatrixTest(
    "an LRO that does not end within the budget: the up stops saying so; the next up waits it out",
    async () => {
      await s.destroy();
      emulator.faults.add({ method: "PUT", path: /\/services\/faults-dms$/, count: 1, kind: "lroSlow", delayMs: 2500 });
      const started = Date.now();
      const error = await upError(quickstartProgram(settings({ timeoutSeconds: 2 })));
      expect(error.message).toMatch(/did not finish within 2 s/);
      expect(error.message).toMatch(/run `pulumi up` again to keep waiting/);
      expect(Date.now() - started).toBeLessThan(60_000);
      const resumed = await s.up(quickstartProgram(settings({ timeoutSeconds: 60 })));
      expect(resumed.outputs.phase.value).toBe("completed");
      record({
        area: "ARM",
        injected: "the service PUT's long-running operation outlasts timeoutSeconds (lroSlow)",
        expected: "the up fails saying it goes on in Azure; the next up waits for it and completes",
        observed: "the up fails saying it goes on in Azure; the next up waits for it and completes",
        passed: true,
      });
    },
  );

  fullMatrixTest(
    "the service stopped behind the stack's back (classic 'runtime offline'): named, with the command; resumes once started",
    async () => {
      await arm.execute({ method: "POST", path: `${SERVICE_PATH}/stop`, apiVersion: API });
      expect(await serviceState()).toBe("Stopped");
      const refreshed = await s.up(quickstartProgram(settings({ timeoutSeconds: 60 })), { refresh: true }).then(
        () => new Error("the up succeeded"),
        (e: Error) => e,
      );
      expect(refreshed.message).toMatch(/DMS service faults-dms is Stopped, so it cannot run migration tasks/);
      expect(refreshed.message).toMatch(/az dms start --resource-group rg-classic-faults --name faults-dms/);
      await arm.execute({ method: "POST", path: `${SERVICE_PATH}/start`, apiVersion: API });
      const resumed = await s.up(quickstartProgram(settings({ timeoutSeconds: 60 })), { refresh: true });
      expect(resumed.outputs.phase.value).toBe("completed");
      record({
        area: "DMS (classic)",
        injected: "the service stopped after the migration (no runtime to run tasks)",
        expected: "the up fails naming the state and the command that starts it; the next up after a start converges",
        observed: "the up fails naming the state and the command that starts it; the next up after a start converges",
        passed: true,
      });
    },
  );
});
