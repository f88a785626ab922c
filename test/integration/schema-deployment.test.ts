/**
 * SchemaDeployment through the real Pulumi engine (Automation API, file backend). The target is the TDS test
 * server, started here in-process; the dynamic provider process reaches it over TCP with TDS 8.0 strict
 * encryption, trusting only the test CA (passed as the `ca` input).
 *
 * The test server does not execute DDL. To let the read-back after a deployment see what a real server would,
 * a handler switches the served catalog to the deployed model when the script's last batch arrives.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SchemaDeployment, type SchemaDeploymentArgs } from "../../components";
import {
  emptyModel,
  generateScript,
  readScripts,
  type DatabaseModel,
  type GeneratedScript,
} from "../../provider/schema";
import { expectedModel } from "../../provider/resources/schema-deployment/deployment-plan";
import type { SqlConnectionSpec } from "../../provider/sql";
import { createTestStack, type TestStack } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import {
  DEFAULT_TEST_LOGIN,
  startTdsTestServer,
  type RecordedBatch,
  type TdsTestServer,
} from "../../emulator/sql-server";

const SAMPLE_DB = path.join(__dirname, "../fixtures/sample-db");
const CLEAN_DB = path.join(__dirname, "../fixtures/clean-db");
const PASSWORD = DEFAULT_TEST_LOGIN.password;

let server: TdsTestServer;
let cleanScript: GeneratedScript;
let deployedCleanModel: DatabaseModel;
let stack: TestStack | undefined;
let scratch: string;

/** The batches a deployment sent: not the catalog queries, not the driver's session setup. */
function ddlBatches(): RecordedBatch[] {
  return server.clientBatches().filter((b) => !b.sql.startsWith("/* catalog:"));
}

function targetSpec(): SqlConnectionSpec {
  return {
    server: server.host,
    port: server.port,
    database: "SalesDb",
    authentication: { type: "sql", user: DEFAULT_TEST_LOGIN.user, password: PASSWORD },
    encrypt: "strict",
    ca: server.caPem,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 10_000,
  };
}

function program(args: Partial<SchemaDeploymentArgs> & Pick<SchemaDeploymentArgs, "source">) {
  return async () => {
    const deployment = new SchemaDeployment("schema", {
      target: targetSpec(),
      outputDirectory: path.join(scratch, "out"),
      ...args,
    });
    return { deployed: deployment.deployed, fingerprint: deployment.fingerprint, scriptPath: deployment.scriptPath };
  };
}

async function newStack(name: string, args: Parameters<typeof program>[0]): Promise<TestStack> {
  stack = await createTestStack({ name, program: program(args) });
  return stack;
}

/** Serves `model` to catalog queries once a batch with this exact text arrives (the target "applied" the script). */
function serveAfter(lastSql: string, model: DatabaseModel): void {
  server.use((request) => {
    if (request.sql === lastSql) server.setModel(model);
    return undefined;
  });
}

function expectNoPassword(s: TestStack, ...more: string[]): void {
  for (const text of [s.stateFileText(), s.output(), ...more]) expect(text).not.toContain(PASSWORD);
}

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/schema-deployment.test.ts";
beforeAll(async () => {
  server = await startTdsTestServer({ model: emptyModel(), databases: ["SalesDb"] });
  cleanScript = generateScript((await readScripts(CLEAN_DB)).model);
  deployedCleanModel = expectedModel(cleanScript);
});
afterAll(async () => {
  await server?.stop();
  expectCommittedTableMatches(SUITE);
});
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "schema-deployment-"));
  server.setModel(emptyModel());
  server.clearFailures();
  server.batches.length = 0;
});
afterEach(async () => {
  await stack?.dispose();
  stack = undefined;
  expect(server.protocolErrors).toEqual([]);
  fs.rmSync(scratch, { recursive: true, force: true });
});

test("preview fails on blockers with failOn blocking, before anything reaches the target", async () => {
  const s = await newStack("blockers", { source: { scriptPath: SAMPLE_DB } });
  const error = await s.preview().catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  const text = `${(error as Error).message}\n${s.output()}`;
  expect(text).toMatch(/finding\(s\) that failOn "blocking" does not allow; nothing was deployed/);
  expect(text).toMatch(/AZSQL001 blocking on procedure \[Sales\]\.\[usp_GetOrders\]/);
  // Nothing was sent to the target — not even a connection.
  expect(server.batches).toEqual([]);
  // The full report is there for whoever fixes the source.
  expect(fs.readFileSync(path.join(scratch, "out", "SalesDb.assessment.md"), "utf8")).toMatch(/AZSQL001/);
  expect(
    JSON.parse(fs.readFileSync(path.join(scratch, "out", "SalesDb.assessment.json"), "utf8")).summary.blocking,
  ).toBeGreaterThan(0);
  expectNoPassword(s);
});

test("deploy: false assesses and writes the script and reports without contacting the target", async () => {
  const s = await newStack("script-only", { source: { scriptPath: CLEAN_DB }, deploy: false });
  const result = await s.up();
  expect(result.outputs.deployed.value).toBe(false);
  const outs = await s.resourceOutputs("SchemaDeployment");
  expect(outs).toMatchObject({
    objectCounts: { schema: 1, table: 2, view: 1, procedure: 1, sequence: 1 },
    assessment: { blocking: 0, warning: 0, info: 0, blockingRuleIds: [], failsPolicy: false },
    deployedBatchCount: 0,
  });
  const script = fs.readFileSync(outs.scriptPath as string, "utf8");
  expect(script).toContain("CREATE TABLE [Sales].[Orders]");
  expect(script).toBe(cleanScript.script);
  for (const report of Object.values(outs.reportPaths as Record<string, string>))
    expect(fs.existsSync(report)).toBe(true);
  expect(server.batches).toEqual([]);

  // Unchanged: the next up does nothing at all.
  const again = await s.up();
  expect(again.summary.resourceChanges?.update ?? 0).toBe(0);
  expectNoPassword(s);
});

test("a clean source deploys in dependency order; a second up is a no-op; refresh reports drift, which the next up repairs", async () => {
  serveAfter(cleanScript.batches.at(-1)!.sql, deployedCleanModel);
  const s = await newStack("deploy", { source: { scriptPath: CLEAN_DB } });
  const first = await s.up();
  expect(first.outputs.deployed.value).toBe(true);
  expect(ddlBatches().map((b) => b.sql)).toEqual(cleanScript.batches.map((b) => b.sql));
  // Every batch travelled on an encrypted session as the test login, to the target database.
  expect(new Set(ddlBatches().map((b) => `${b.login}/${b.database}`))).toEqual(
    new Set([`${DEFAULT_TEST_LOGIN.user}/SalesDb`]),
  );

  const outs = await s.resourceOutputs("SchemaDeployment");
  expect(outs).toMatchObject({
    deployed: true,
    plannedBatchCount: cleanScript.batches.length,
    deployedBatchCount: cleanScript.batches.length,
  });
  expect(outs.nextBatchIndex).toBeUndefined();
  expect(outs.fingerprint).toMatch(/^sha256:/);
  expect(outs.anomalies).toMatchObject({ missing: [], extra: [], different: [] });

  server.batches.length = 0;
  const second = await s.up();
  expect(second.summary.resourceChanges?.update ?? 0).toBe(0);
  expect(second.summary.resourceChanges?.same).toBe(2);
  expect(ddlBatches()).toEqual([]);

  const refresh = await s.refresh();
  expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
  expect((await s.resourceOutputs("SchemaDeployment")).drift).toMatchObject({ detected: false });
  expect(ddlBatches()).toEqual([]);

  // Someone drops the view behind the stack's back: refresh says so, and the next up puts it back — only it.
  server.setModel({ ...deployedCleanModel, views: [] });
  await s.refresh();
  expect((await s.resourceOutputs("SchemaDeployment")).drift).toMatchObject({
    detected: true,
    missing: ["view [Sales].[vCustomerTotals]"],
    extra: [],
    changed: [],
  });
  const repaired = await s.up();
  expect(repaired.summary.resourceChanges?.update).toBe(1);
  expect(ddlBatches().map((b) => b.sql)).toEqual([cleanScript.batches.find((b) => b.kind === "view")!.sql]);
  expect((await s.resourceOutputs("SchemaDeployment")).drift).toBeUndefined();
  expectNoPassword(s, JSON.stringify(first.outputs), JSON.stringify(second.outputs));
});

test("a changed source shows the changed objects in preview, and the update sends only those", async () => {
  const source = path.join(scratch, "db");
  copyFolder(CLEAN_DB, source);
  serveAfter(cleanScript.batches.at(-1)!.sql, deployedCleanModel);
  const s = await newStack("changed", { source: { scriptPath: source } });
  await s.up();

  const procedure = path.join(source, "Sales/Procedures/usp_GetCustomerOrders.sql");
  fs.writeFileSync(
    procedure,
    fs.readFileSync(procedure, "utf8").replace("ORDER BY [OrderDate] DESC", "ORDER BY [OrderDate] ASC"),
  );
  fs.writeFileSync(
    path.join(source, "Sales/Views/vRecentOrders.sql"),
    "CREATE VIEW [Sales].[vRecentOrders]\nAS\nSELECT [OrderId], [OrderDate] FROM [Sales].[Orders];\nGO\n",
  );
  server.batches.length = 0;

  const before = s.output().length;
  const preview = await s.preview();
  expect(preview.changeSummary.update).toBe(1);
  const shown = s.output().slice(before);
  // Object by object: the changed procedure and the new view; nothing else is marked.
  expect(shown).toMatch(/~ procedure \[Sales\]\.\[usp_GetCustomerOrders\]\s*: "[0-9a-f]+" => "[0-9a-f]+"/);
  expect(shown).toMatch(/\+ view \[Sales\]\.\[vRecentOrders\]\s*: "[0-9a-f]+"/);
  expect(shown.match(/^\s+[~+-] [A-Za-z]+ \[/gm)).toHaveLength(2);
  expect(server.batches.filter((b) => !b.sql.startsWith("/* catalog:"))).toEqual([]);

  await s.up();
  const sent = ddlBatches().map((b) => b.sql);
  expect(sent).toHaveLength(2);
  expect(sent[0]).toMatch(/^CREATE VIEW \[Sales\]\.\[vRecentOrders\]/);
  expect(sent[1]).toMatch(
    /^CREATE OR ALTER PROCEDURE \[Sales\]\.\[usp_GetCustomerOrders\][\s\S]*ORDER BY \[OrderDate\] ASC/,
  );
  expectNoPassword(s);
});

test("a failing batch stops the update with object and server message; the next up resumes at that batch", async () => {
  const fkIndex = cleanScript.batches.findIndex((b) => b.kind === "foreignKey");
  const fk = cleanScript.batches[fkIndex]!;
  server.failOn(
    fk.sql,
    {
      number: 1767,
      state: 0,
      class: 16,
      lineNumber: 1,
      message: "Foreign key 'FK_Orders_Customers' references invalid table 'Sales.Customers'.",
    },
    { times: 1 },
  );
  serveAfter(cleanScript.batches.at(-1)!.sql, deployedCleanModel);
  const s = await newStack("resume", { source: { scriptPath: CLEAN_DB } });

  const error = await s.up().catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  const message = `${(error as Error).message}\n${s.output()}`;
  expect(message).toContain(
    `batch ${fkIndex + 1} of ${cleanScript.batches.length} (foreignKey [Sales].[Orders].[FK_Orders_Customers]) failed with error 1767`,
  );
  expect(message).toContain("references invalid table 'Sales.Customers'");
  expect(message).toContain(`the next update resumes at batch ${fkIndex + 1}`);
  expect(ddlBatches().map((b) => b.sql)).toEqual(cleanScript.batches.slice(0, fkIndex + 1).map((b) => b.sql));

  const partial = await s.resourceOutputs("SchemaDeployment");
  expect(partial).toMatchObject({ deployed: false, nextBatchIndex: fkIndex, deployedBatchCount: fkIndex });
  expect(partial.lastError).toContain("FK_Orders_Customers");

  server.batches.length = 0;
  const resumed = await s.up();
  expect(resumed.outputs.deployed.value).toBe(true);
  // The batches before the failure are not sent again.
  expect(ddlBatches().map((b) => b.sql)).toEqual(cleanScript.batches.slice(fkIndex).map((b) => b.sql));
  const done = await s.resourceOutputs("SchemaDeployment");
  expect(done).toMatchObject({ deployed: true, deployedBatchCount: cleanScript.batches.length });
  expect(done.nextBatchIndex).toBeUndefined();
  expectNoPassword(s, JSON.stringify(resumed.outputs));
  recordPassedFault(SUITE, {
    area: "SchemaDeployment",
    injected: "a schema batch fails once on the target (error 1767), leaving the deployment failed",
    expected: "the up fails naming the batch, object and server message; the next up resumes at that batch",
  });
});

test("passwords stay secret in state; destroy leaves the schema in place and says so", async () => {
  serveAfter(cleanScript.batches.at(-1)!.sql, deployedCleanModel);
  const s = await newStack("secrets", { source: { scriptPath: CLEAN_DB } });
  await s.up();
  const state = JSON.parse(s.stateFileText());
  const resource = state.checkpoint.latest.resources.find((r: { type: string }) => r.type.endsWith("SchemaDeployment"));
  expect(resource.outputs.target).toHaveProperty("ciphertext");
  expect(resource.inputs.target.authentication.password).toHaveProperty("ciphertext");
  const serializedProvider: string = resource.inputs.__provider;
  expect(serializedProvider.length).toBeLessThan(8 * 1024);
  console.log(
    `SchemaDeployment state: ${s.stateFileText().length} bytes (serialized provider ${serializedProvider.length} bytes)`,
  );

  server.batches.length = 0;
  await s.destroy();
  expect(s.output()).toMatch(/was left in place: deleting a SchemaDeployment never drops/);
  expect(ddlBatches()).toEqual([]);
  expectNoPassword(s);
});
