/**
 * Validation and the migration report through the real engine: the emulated DMS copies between two local SQL
 * stand-ins (TDS servers with table data), and validation reads them with the real driver. Offline (current
 * DMS): validated; a target that differs fails the up naming the table and both counts, and `revalidate` after
 * the fix passes with no second data move. Online (classic DMS): cutover refused while a table differs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArmClient } from "../../provider/arm";
import { migrationReportSchema } from "../../provider/report";
import { quickstartProgram, type QuickstartSettings } from "../../examples/quickstart/program";
import { packageRoot } from "../../examples/runner/local-workspace";
import { operateSelfHostedRuntime } from "../../examples/runner/self-hosted-runtime";
import {
  createDataMigrationModule,
  withDataMigrationModule,
  type DataMigrationModule,
} from "../../emulator/datamigration";
import type { Emulator } from "../../emulator";
import { createTestStack, type TestStack } from "../support/engine";
import { emulatorEnv, startTestEmulator } from "../support/emulator-env";
import { sqlServerBackend, startTdsTestServer, type DataTable, type TdsTestServer } from "../../emulator/sql-server";

const SUBSCRIPTION = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
const RESOURCE_GROUP = "rg-validate";
const GROUP_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`;
const SERVER_PATH = `${GROUP_PATH}/providers/Microsoft.Sql/servers/sales-target`;
const SOURCE = { server: "sql01.contoso.local", userName: "migrator", password: "S0urce-Pa55-validation" };
const TARGET = { server: "sales-target.database.windows.net", userName: "azadmin", password: "T4rget-Pa55-validation" };

function table(rows: number): DataTable {
  return {
    columns: ["Id", "Name"],
    primaryKey: [{ column: "Id", type: "int" }],
    rows: Array.from({ length: rows }, (_, i) => [i + 1, `row ${i + 1}`]),
  };
}
const TABLES: Record<string, number> = { "dbo.Customers": 120, "dbo.Orders": 400, "Sales.OrderLines": 250 };

describe("validation and the migration report (real engine, emulator, local SQL stand-ins)", () => {
  let emulator: Emulator;
  let dms: DataMigrationModule;
  let arm: ArmClient;
  let source: TdsTestServer;
  let target: TdsTestServer;
  let stack: TestStack | undefined;
  const reportDirectory = path.join(packageRoot(), ".work", "validation-report");

  beforeAll(async () => {
    dms = createDataMigrationModule({ tickMs: 50, rowsPerTick: 1000, appliedChangesPerTick: 1000 });
    emulator = await startTestEmulator({
      modules: withDataMigrationModule(dms),
      registeredProviders: ["Microsoft.Sql"],
    });
    arm = ArmClient.fromEnvironment(emulatorEnv(emulator));
    [source, target] = await Promise.all([
      startTdsTestServer({ logins: [{ user: SOURCE.userName, password: SOURCE.password }] }),
      startTdsTestServer({ logins: [{ user: TARGET.userName, password: TARGET.password }] }),
    ]);
    await arm.request({ method: "PUT", path: GROUP_PATH, apiVersion: "2021-04-01", body: { location: "westeurope" } });
    await arm.execute({
      method: "PUT",
      path: SERVER_PATH,
      apiVersion: "2023-08-01",
      body: { location: "westeurope", properties: { administratorLogin: TARGET.userName } },
    });
  });
  afterAll(() => Promise.all([emulator?.stop(), source?.stop(), target?.stop()]));
  beforeEach(() => {
    fs.rmSync(reportDirectory, { recursive: true, force: true });
    source.data.clear();
    target.data.clear();
    for (const [name, rows] of Object.entries(TABLES)) {
      const [schema, tableName] = name.split(".") as [string, string];
      source.data.set(schema, tableName, table(rows));
      // What the schema step deployed: the tables exist on the target, empty.
      target.data.set(schema, tableName, table(0));
    }
    dms.controls.servers.clear();
    dms.controls.servers.attach(SOURCE.server, sqlServerBackend(source, ["Sales"]));
    dms.controls.servers.attach(TARGET.server, sqlServerBackend(target, ["SalesDb"]));
  });
  afterEach(async () => {
    await stack?.dispose();
    stack = undefined;
    emulator.requestLog.clear();
  });

  /** Validation reaches the stand-ins where they listen (the runtime reaches them by name). */
  const validationRoute = (depth: "none" | "rowCount" | "checksum" = "rowCount") => ({
    depth,
    source: { server: source.host, port: source.port, ca: source.caPem, encrypt: "strict" as const },
    target: { server: target.host, port: target.port, ca: target.caPem, encrypt: "strict" as const },
  });

  function currentDms(migration: Partial<QuickstartSettings["migration"]> = {}): QuickstartSettings {
    return {
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      reportDirectory,
      schema: {
        source: { scriptPath: path.join(packageRoot(), "examples", "quickstart", "schema") },
        target: {
          server: TARGET.server,
          database: "SalesDb",
          authentication: { type: "sql", user: TARGET.userName, password: TARGET.password },
        },
        deploy: false,
        outputDirectory: reportDirectory,
      },
      migration: {
        source: SOURCE,
        target: TARGET,
        databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
        progressLogIntervalSeconds: 0,
        validation: validationRoute(),
        ...migration,
      },
    } as QuickstartSettings;
  }

  async function upWithRuntime(s: TestStack, settings: QuickstartSettings) {
    const operator = operateSelfHostedRuntime(
      arm,
      { subscriptionId: SUBSCRIPTION, resourceGroupName: RESOURCE_GROUP },
      { pollMs: 100 },
    );
    try {
      return await s.up(quickstartProgram(settings));
    } finally {
      operator.stop();
    }
  }

  const migrationPuts = () => emulator.requestLog.count("PUT", /\/databaseMigrations\/SalesDb$/i);

  test("offline: the copy is validated, the report says so; a target that differs fails naming the table and both counts; revalidate after the fix passes with no new copy", async () => {
    stack = await createTestStack({
      name: "validated",
      program: quickstartProgram(currentDms()),
      env: emulatorEnv(emulator),
    });
    const first = await upWithRuntime(stack, currentDms());
    expect(first.outputs.phase.value).toBe("validated");
    expect(target.data.get("dbo", "Orders")!.rows).toHaveLength(400);
    const report = first.outputs.report.value as { markdownPath: string; jsonPath: string; headline: string };
    expect(report.headline).toMatch(/validated: 1 database, 770 rows copied, all 3 tables match/);
    const json = migrationReportSchema.parse(JSON.parse(fs.readFileSync(report.jsonPath, "utf8")));
    expect(json.validation[0]!.results.map((r) => [r.table, r.sourceRows, r.targetRows, r.verdict])).toEqual([
      ["Sales.OrderLines", "250", "250", "match"],
      ["dbo.Customers", "120", "120", "match"],
      ["dbo.Orders", "400", "400", "match"],
    ]);
    expect(json.dataMove[0]!.tables.map((t) => t.table).sort()).toEqual([
      "Sales.OrderLines",
      "dbo.Customers",
      "dbo.Orders",
    ]);
    expect(json.assessment).toBeDefined();
    const markdown = fs.readFileSync(report.markdownPath, "utf8");
    for (const text of [markdown, JSON.stringify(json), stack.stateFileText()]) {
      expect(text).not.toContain(SOURCE.password);
      expect(text).not.toContain(TARGET.password);
    }

    // Someone deletes a row on the target: the next validation fails, naming the table and both counts.
    target.data.update("dbo", "Orders", (rows) => rows.pop());
    const failed = await stack.up(quickstartProgram(currentDms({ revalidate: 1 }))).catch((e: Error) => e);
    expect((failed as Error).message).toMatch(/dbo\.Orders: 400 rows on the source, 399 on the target/);
    expect((failed as Error).message).toMatch(/set revalidate to 2/);
    expect(JSON.parse(fs.readFileSync(report.jsonPath, "utf8")).summary.phase).toBe("validationFailed");

    // The row is back: revalidating passes, and nothing was copied again.
    target.data.update("dbo", "Orders", (rows) => rows.push([400, "row 400"]));
    const fixed = await stack.up(quickstartProgram(currentDms({ revalidate: 2 })));
    expect(fixed.outputs.phase.value).toBe("validated");
    expect(migrationPuts()).toBe(1);
  });

  test("online (classic DMS): cutover refused while a table differs, no command sent; allowed once it matches", async () => {
    const classic = (migration: Record<string, unknown> = {}): QuickstartSettings => ({
      engine: "dmsClassic",
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      reportDirectory,
      service: {
        virtualSubnetId: `${GROUP_PATH}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`,
        skuName: "Premium_4vCores",
      },
      migration: {
        mode: "online",
        source: SOURCE,
        target: TARGET,
        databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
        progressLogIntervalSeconds: 0,
        validation: validationRoute(),
        ...migration,
      },
    });
    stack = await createTestStack({
      name: "cutover-gate",
      program: quickstartProgram(classic()),
      env: emulatorEnv(emulator),
    });
    const synced = await stack.up();
    expect(synced.outputs.phase.value).toBe("readyForCutover");
    target.data.update("Sales", "OrderLines", (rows) => rows.splice(0, 2));

    const refused = await stack
      .up(quickstartProgram(classic({ cutover: true, waitTimeoutSeconds: 30 })))
      .catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/cutover refused/);
    expect((refused as Error).message).toMatch(/table Sales\.OrderLines: 250 rows on the source, 248 on the target/);
    expect(emulator.requestLog.count("POST", /\/command$/)).toBe(0);

    target.data.update("Sales", "OrderLines", (rows) => rows.unshift([1, "row 1"], [2, "row 2"]));
    const done = await stack.up(quickstartProgram(classic({ cutover: true })));
    expect(done.outputs.phase.value).toBe("completed");
    expect(emulator.requestLog.count("POST", /\/command$/)).toBe(1);

    // The report shows the cutover's timeline: the refused validation, then the gate, validation and command.
    const report = migrationReportSchema.parse(
      JSON.parse(fs.readFileSync((done.outputs.report.value as { jsonPath: string }).jsonPath, "utf8")),
    );
    expect(report.engine).toBe("dmsClassic");
    // Every table's progress reaches the report through the task's data-move file (state keeps a summary).
    expect(report.dataMove[0]!.tables.map((t) => t.table).sort()).toEqual([
      "Sales.OrderLines",
      "dbo.Customers",
      "dbo.Orders",
    ]);
    expect(report.cutover.map((c) => [c.check, c.passed])).toEqual([
      ["readiness gate", true],
      ["validation", false],
      ["readiness gate", true],
      ["validation", true],
      ["complete command sent", true],
    ]);
    expect(report.phases.map((p) => p.name)).toContain("cutover Sales");
  });
});
