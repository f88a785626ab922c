/**
 * Fault matrix, current DMS engine (the default, `dms`), through the real Pulumi engine against the in-process
 * emulator: one stack, named steps run in order, each recording rows of docs/RELIABILITY.md (matrix "faults").
 *
 *   ARM storm on the quickstart's first up (503 on registration, 429 with Retry-After and 500 on PUTs, dropped
 *   connections and 503 on GETs): converges in that one up with one databaseMigration run. CI runs this step.
 *   The service's create LRO outlasts its budget: the up fails naming the budget; the next up waits for the same
 *   operation (no second PUT) and completes.
 *   The self-hosted runtime goes offline mid-copy: the up fails naming the runtime and what to do; once a node is
 *   back the next up follows the same run to the end.
 *   The run is canceled behind the stack's back (a DatabaseMigration left Canceled): reported, never adopted;
 *   retry: 1 starts a new run that completes.
 * The last three are slow (several ups each) and run only in the full matrix (`npm run reliability`).
 */
import { ArmClient } from "../../provider/arm";
import { quickstartProgram } from "../../examples/quickstart/program";
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
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";
import { recordPassedFault } from "../support/reliability/record";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { fullMatrixTest } from "../support/reliability/full-matrix";
import { HeldClock } from "../support/reliability/held-clock";

const SUITE = "test/reliability/current-dms-faults.test.ts";
const SUBSCRIPTION = "2c4e6a80-1b3d-4f5a-9c7e-8d0f2a4b6c8e";
const RESOURCE_GROUP = "rg-current-faults";
const GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const SERVER_PATH = `${GROUP_PATH}/providers/Microsoft.Sql/servers/faults-target`;
const MIGRATION_PATH = `${SERVER_PATH}/providers/Microsoft.DataMigration/databaseMigrations/SalesDb`;
const SERVICE_NAME = "faults-sqlms";
const API = "2025-06-30";
const NODE = "shir-faults-1";
const SOURCE_PASSWORD = "S0urce-Pa55-current-faults";
const TARGET_PASSWORD = "T4rget-Pa55-current-faults";
const TABLES = { "dbo.Customers": 1200, "dbo.Orders": 4000 };
/** A delay the emulator's clock holds until the test releases it: an operation that never ends on its own. */
const NEVER_MS = 3_600_000;

const SUITE_SETTINGS: CurrentDmsSuite = {
  subscriptionId: SUBSCRIPTION,
  resourceGroupName: RESOURCE_GROUP,
  sourceServer: "sql02.contoso.local",
  targetServer: "faults-target.database.windows.net",
  sourcePassword: SOURCE_PASSWORD,
  targetPassword: TARGET_PASSWORD,
  workFolder: "current-dms-faults-schema",
  service: { serviceName: SERVICE_NAME },
};

const program = (migration?: MigrationOverrides, service?: ServiceOverrides): PulumiFn =>
  quickstartProgram(currentDmsSettings(SUITE_SETTINGS, migration, service));

describe("fault matrix: current DMS (one stack, steps in order)", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let arm: ArmClient;
  let s: TestStack;
  const clock = new HeldClock(NEVER_MS);

  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 100, rowsPerTick: 2000 });
    // Microsoft.DataMigration starts unregistered: the quickstart's first up registers it (under the storm).
    emulator = await startTestEmulator({
      clock,
      modules: withDataMigrationModule(dms),
      registeredProviders: ["Microsoft.Sql"],
    });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
    await createAzureTarget(arm, GROUP_PATH, SERVER_PATH);
    dms.controls.servers.define({
      server: "sql02.contoso.local",
      logins: { migrator: SOURCE_PASSWORD },
      databases: { Sales: { tables: TABLES } },
    });
    const empty = Object.fromEntries(Object.keys(TABLES).map((t) => [t, 0]));
    dms.controls.servers.define({
      server: "faults-target.database.windows.net",
      logins: { azadmin: TARGET_PASSWORD },
      databases: { SalesDb: { tables: empty } },
    });
    s = await createTestStack({ name: "current-faults", program: program(), env: emulatorEnv(emulator) });
  });
  afterAll(async () => {
    await s?.dispose();
    await emulator?.stop();
    expectCommittedTableMatches(SUITE);
  });
  afterEach(() => {
    emulator.faults.clear();
    dms.controls.faults.clear();
    dms.controls.simulation.set({ rowsPerTick: 2000 });
  });

  const count = (method: string, pattern: RegExp) => emulator.requestLog.count(method, pattern);
  /** Requests that reached the emulator's handlers (a faulted answer never did). */
  const served = (method: string, pattern: RegExp) =>
    emulator.requestLog.read().filter((e) => e.method === method && pattern.test(e.path) && !e.faulted).length;
  const faulted = (kind: string) => emulator.requestLog.read().filter((e) => e.fault === kind).length;
  const migrationPuts = () => served("PUT", /\/databaseMigrations\/SalesDb$/i);
  const servicePuts = () => served("PUT", new RegExp(`/sqlMigrationServices/${SERVICE_NAME}$`, "i"));
  const operationId = async () =>
    (await arm.get<{ properties: { migrationOperationId?: string } }>(MIGRATION_PATH, API)).properties
      .migrationOperationId;

  /** `up` while an operator registers the runtime node once the provider has read the service's keys. */
  async function upWithRuntime(next?: PulumiFn) {
    const operator = operateSelfHostedRuntime(
      arm,
      { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
      { nodeName: NODE, pollMs: 100, registerWhen: () => count("POST", /\/listAuthKeys$/) > 0 },
    );
    try {
      return await s.up(next);
    } finally {
      operator.stop();
    }
  }
  const failure = (up: Promise<unknown>) =>
    up.then(
      () => new Error("the up succeeded"),
      (e: Error) => e,
    );
  /** A fresh start for a step: nothing of the stack left in Azure, an empty request log. */
  async function destroyed() {
    await s.destroy();
    emulator.requestLog.clear();
  }

  test("an ARM storm on the first up (registration, PUTs, GETs): converged in that up, one databaseMigration run", async () => {
    emulator.faults.add({ method: "POST", path: /\/Microsoft\.DataMigration\/register$/i, count: 2, kind: "503" });
    emulator.faults.add({
      method: "PUT",
      path: new RegExp(`/sqlMigrationServices/${SERVICE_NAME}$`, "i"),
      count: 2,
      kind: "429",
      retryAfterSeconds: 1,
    });
    emulator.faults.add({ method: "PUT", path: /\/databaseMigrations\/SalesDb$/i, count: 2, kind: "500" });
    emulator.faults.add({ method: "GET", path: /\/databaseMigrations\/SalesDb$/i, count: 2, kind: "drop" });
    emulator.faults.add({ method: "GET", path: /\/databaseMigrations\/SalesDb$/i, count: 2, kind: "503" });

    const result = await upWithRuntime();
    expect(result.outputs.engine.value).toBe("dms");
    expect(result.outputs.phase.value).toBe("completed");
    const storm = { "503": faulted("503"), "429": faulted("429"), "500": faulted("500"), drop: faulted("drop") };
    expect(storm).toEqual({ "503": 4, "429": 2, "500": 2, drop: 2 });
    expect(served("POST", /\/Microsoft\.DataMigration\/register$/i)).toBe(1);
    expect(servicePuts()).toBe(1);
    // A PUT answered 500 never reached the service: one run exists, the one that completed.
    expect(migrationPuts()).toBe(1);

    const rows: [string, number][] = [
      ["503 on the Microsoft.DataMigration register POST, twice", 2],
      ["429 with Retry-After: 1 on the sqlMigrationService PUT, twice", storm["429"]],
      ["500 on the databaseMigration PUT, twice", storm["500"]],
      ["connection reset on the databaseMigration GET, twice", storm.drop],
      ["503 on the databaseMigration GET, twice", 2],
    ];
    for (const [injected, times] of rows) {
      recordPassedFault(SUITE, {
        area: "ARM (current DMS)",
        injected,
        expected: "retried and converged in the same up, one databaseMigration run",
        observed: `retried (${times} faulted answers) and converged in the same up, one databaseMigration run`,
        counts: { faultsInjected: times },
      });
    }
  });

  fullMatrixTest(
    "the service's create LRO outlasts its budget: the up fails naming it; the next up waits for the same operation",
    async () => {
      await destroyed();
      // An operation that never ends on its own: the clock holds it until the resumed up has seen it running.
      emulator.faults.add({
        method: "PUT",
        path: new RegExp(`/sqlMigrationServices/${SERVICE_NAME}$`, "i"),
        count: 1,
        kind: "lroSlow",
        delayMs: NEVER_MS,
      });
      const started = Date.now();
      const error = await failure(upWithRuntime(program({}, { timeoutSeconds: 2 })));
      expect(error.message).toMatch(/sqlMigrationServices\/faults-sqlms did not finish within 2 s/);
      expect(error.message).toMatch(/run `pulumi up` again to keep waiting, or raise the resource's timeoutSeconds/);
      expect(Date.now() - started).toBeLessThan(120_000);
      expect(migrationPuts()).toBe(0);
      expect(clock.heldCount()).toBe(1);

      const serviceGets = () => served("GET", new RegExp(`/sqlMigrationServices/${SERVICE_NAME}$`, "i"));
      const seenBefore = serviceGets();
      const resumedUp = upWithRuntime(program({}, { timeoutSeconds: 300 }));
      // The operation ends once the resumed up has read the service still Provisioning.
      const release = setInterval(() => {
        if (serviceGets() > seenBefore) clock.release();
      }, 50);
      const resumed = await resumedUp.finally(() => clearInterval(release));
      expect(resumed.outputs.phase.value).toBe("completed");
      expect(s.output()).toMatch(/sqlMigrationService faults-sqlms is Provisioning; waiting up to 300 s/);
      expect(servicePuts()).toBe(1);
      expect(migrationPuts()).toBe(1);
      recordPassedFault(SUITE, {
        area: "ARM (current DMS)",
        injected: "the sqlMigrationService PUT's long-running operation never ends within timeoutSeconds (lroSlow)",
        expected:
          "the up fails naming the budget and saying it goes on in Azure; the next up waits for the same operation (one PUT) and completes",
      });
    },
  );

  fullMatrixTest(
    "the self-hosted runtime goes offline mid-copy: the up fails naming it; once back, the next up finishes the same run",
    async () => {
      await destroyed();
      // Slow enough that the copy is still running when the node stops.
      dms.controls.simulation.set({ rowsPerTick: 5 });
      let stopped = false;
      const stopNodeOnceCopying = setInterval(() => {
        if (stopped || migrationPuts() === 0 || count("GET", /\/databaseMigrations\/SalesDb$/i) < 2) return;
        stopped = true;
        dms.controls.integrationRuntime.setNodeStatus(NODE, "Offline");
      }, 50);
      const error = await failure(upWithRuntime(program({ waitTimeoutSeconds: 5 }))).finally(() =>
        clearInterval(stopNodeOnceCopying),
      );
      expect(stopped).toBe(true);
      expect(error.message).toMatch(
        /made no progress within 5s: the integration runtime of sqlMigrationService faults-sqlms is Offline \(nodes: shir-faults-1 \(Offline\)\)/,
      );
      expect(error.message).toMatch(/start the Microsoft Integration Runtime service on a node/);
      const run = await operationId();
      expect(error.message).toContain(`it follows the same run ${run}`);
      expect(await s.resourceOutputs("DatabaseMigration")).toMatchObject({
        phase: "running",
        migrationOperationId: run,
      });

      dms.controls.integrationRuntime.setNodeStatus(NODE, "Online");
      dms.controls.simulation.set({ rowsPerTick: 2000 });
      const resumed = await s.up(program({ waitTimeoutSeconds: 120 }));
      expect(resumed.outputs.phase.value).toBe("completed");
      expect(migrationPuts()).toBe(1);
      expect(await operationId()).toBe(run);
      recordPassedFault(SUITE, {
        area: "DMS (current)",
        injected: "the only self-hosted integration runtime node goes offline mid-copy",
        expected:
          "the up fails within its wait budget naming the runtime state, its nodes and what to do; once a node is back the next up follows the same run (one PUT) to the end",
      });
    },
  );

  fullMatrixTest(
    "a run canceled behind the stack's back: reported, never adopted; retry: 1 starts a new run that completes",
    async () => {
      await destroyed();
      dms.controls.simulation.set({ rowsPerTick: 5 });
      const started = await upWithRuntime(program({ wait: "started" }));
      expect(started.outputs.phase.value).toBe("running");
      const run = await operationId();
      await arm.execute({
        method: "POST",
        path: `${MIGRATION_PATH}/cancel`,
        apiVersion: API,
        body: { migrationOperationId: run },
      });
      dms.controls.simulation.set({ rowsPerTick: 2000 });

      const error = await failure(s.up(program({ wait: "started" })));
      expect(error.message).toMatch(new RegExp(`was canceled \\(\\w+, run ${run}\\)`));
      expect(error.message).toMatch(/Set retry to 1 to start a new run/);
      const again = await failure(s.up(program({ wait: "started" })));
      expect(again.message).toMatch(/Nothing was changed/);
      expect(migrationPuts()).toBe(1);

      const retried = await s.up(program({ retry: 1 }));
      expect(retried.outputs.phase.value).toBe("completed");
      expect(migrationPuts()).toBe(2);
      expect(await operationId()).not.toBe(run);
      recordPassedFault(SUITE, {
        area: "DMS (current)",
        injected: "DatabaseMigration run canceled behind the stack's back (left Canceled)",
        expected:
          "the next up fails saying the run was canceled and how to start a new one (never adopted as healthy), and again without retry; retry: 1 starts one new run that completes",
      });
    },
  );
});
