/**
 * SchemaDeployment through the real Pulumi engine (Automation API, file backend). The target is the TDS test
 * server, started here in-process; the dynamic provider process reaches it over TCP with TDS 8.0 strict
 * encryption, trusting only the test CA (passed as the `ca` input).
 *
 * The target changes only by the DDL it receives: the stand-in applies each batch it accepts
 * (emulator/sql-server/ddl-applier.ts) and answers the provider's catalog read-back from the result, so the
 * post-deployment anomaly check compares the source with what the DDL really produced. What each fixture should
 * leave on the target is written out by hand below (CLEAN_DB_ON_TARGET), not computed by the code under test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SchemaDeployment, type SchemaDeploymentArgs } from "../../components";
import { generateScript, readScripts, type DatabaseModel, type GeneratedScript } from "../../provider/schema";
import { CATALOG_QUERY_COUNT, type SqlConnectionSpec } from "../../provider/sql";
import { createTestStack, type TestStack } from "../support/engine";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";
import { recordPassedFault } from "../support/reliability/record";
import { stepsInOrder } from "../support/steps";
import {
  DEFAULT_TEST_LOGIN,
  startTdsTestServer,
  type QueryRequest,
  type RecordedBatch,
  type TdsTestServer,
} from "../../emulator/sql-server";
import { DdlApplier } from "../../emulator/sql-server/ddl-applier";

const SAMPLE_DB = path.join(__dirname, "../fixtures/sample-db");
const CLEAN_DB = path.join(__dirname, "../fixtures/clean-db");
const PASSWORD = DEFAULT_TEST_LOGIN.password;

/**
 * What test/fixtures/clean-db leaves on an empty target, read off its files by hand: per object, its columns
 * and the constraints and indexes it carries.
 */
const CLEAN_DB_ON_TARGET = [
  "schema Sales",
  "sequence [Sales].[InvoiceNumbers]",
  "table [Sales].[Customers] (CustomerId, Name, Email, CreatedAt) PK_Customers UQ_Customers_Email",
  "table [Sales].[Orders] (OrderId, CustomerId, OrderDate, Total) PK_Orders CK_Orders_Total FK_Orders_Customers IX_Orders_CustomerId",
  "view [Sales].[vCustomerTotals]",
  "procedure [Sales].[usp_GetCustomerOrders]",
];

/** A procedure Azure SQL Database cannot run (a cross-database reference, AZSQL001), added to a copy of clean-db. */
const BLOCKED_PROCEDURE = `CREATE PROCEDURE [Sales].[usp_ArchiveToCrm]
AS
BEGIN
    INSERT INTO [CRM].[dbo].[OrderArchive] ([OrderId], [Total])
    SELECT [OrderId], [Total] FROM [Sales].[Orders];
END
GO
`;

const NO_ANOMALIES = { missing: [], extra: [], different: [], clean: true };

let server: TdsTestServer;
/** The target's state: replaced by an empty one before each test. */
let applier: DdlApplier;
/** Batches the target acknowledges without applying them (a server that loses work), by their first words. */
let lostBatches: string[] = [];
let connectionsBefore: number;
let cleanScript: GeneratedScript;
let stack: TestStack | undefined;
let scratch: string;

/** An empty target database. */
function emptyTarget(): DdlApplier {
  const fresh = new DdlApplier("SalesDb", (model) => server.setModel(model));
  server.setModel(fresh.model);
  return fresh;
}

/** Someone changes the target behind the stack's back: it now holds what its DDL, minus these batches, made. */
function dropBehindTheStacksBack(batchStart: string): void {
  const kept = applier.applied.filter((sql) => !sql.startsWith(batchStart));
  expect(kept.length).toBe(applier.applied.length - 1);
  applier = emptyTarget();
  for (const sql of kept) expect(applier.handler(request(sql))).toEqual({});
}

function request(sql: string): QueryRequest {
  return {
    kind: "sql-batch",
    sql,
    params: {},
    parameters: [],
    database: "SalesDb",
    login: "",
    appName: "",
    connectionId: 0,
  };
}

/** The target's objects in the form of CLEAN_DB_ON_TARGET. */
function onTarget(model: DatabaseModel): string[] {
  const names = (list: { name?: string }[] | undefined) => (list ?? []).map((x) => x.name ?? "(unnamed)");
  return [
    ...model.schemas.map((s) => `schema ${s.name}`),
    ...model.sequences.map((s) => `sequence ${s.key}`),
    ...model.tables.map((t) =>
      [
        `table ${t.key} (${t.columns.map((c) => c.name).join(", ")})`,
        ...names(t.primaryKey ? [t.primaryKey] : []),
        ...names(t.uniqueConstraints),
        ...names(t.checkConstraints),
        ...names(t.foreignKeys),
        ...names(t.indexes),
      ].join(" "),
    ),
    ...model.views.map((v) => `view ${v.key}`),
    ...model.functions.map((f) => `function ${f.key}`),
    ...model.procedures.map((p) => `procedure ${p.key}`),
  ];
}

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

function expectNoPassword(s: TestStack, ...more: string[]): void {
  for (const text of [s.stateFileText(), s.output(), ...more]) expect(text).not.toContain(PASSWORD);
}

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Rows of docs/RELIABILITY.md recorded here are checked against the committed file in afterAll. */
const SUITE = "test/integration/schema-deployment.test.ts";
beforeAll(async () => {
  server = await startTdsTestServer({ databases: ["SalesDb"] });
  // One handler for the whole file, delegating to the current target: deployed DDL changes it, the provider's
  // catalog queries (marked) read it. Scripted failures come first (server.failOn), so a failed batch is not applied.
  server.use((received) => {
    if (received.sql.startsWith("/* catalog:")) return undefined;
    if (lostBatches.some((start) => received.sql.startsWith(start))) return {};
    return applier.handler(received);
  });
  cleanScript = generateScript((await readScripts(CLEAN_DB)).model);
});
afterAll(async () => {
  await server?.stop();
  expectCommittedTableMatches(SUITE);
});
/** A fresh scratch folder and an empty target, with the counters the assertions read reset. */
function startOver(): void {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "schema-deployment-"));
  applier = emptyTarget();
  lostBatches = [];
  server.clearFailures();
  server.batches.length = 0;
  connectionsBefore = server.connections();
}

async function cleanUp(): Promise<void> {
  await stack?.dispose();
  stack = undefined;
  expect(server.protocolErrors).toEqual([]);
  fs.rmSync(scratch, { recursive: true, force: true });
}

describe("a clean source over one stack: deploy, no-op, refresh, drift, repair", () => {
  const step = stepsInOrder();
  let s: TestStack;
  let firstOutputs: string;

  beforeAll(async () => {
    startOver();
    s = await newStack("deploy", { source: { scriptPath: CLEAN_DB } });
  });
  afterAll(cleanUp);

  step("the first up sends every batch in dependency order, as the test login, to the target database", async () => {
    const first = await s.up();
    firstOutputs = JSON.stringify(first.outputs);
    expect(first.outputs.deployed.value).toBe(true);
    expect(ddlBatches().map((b) => b.sql)).toEqual(cleanScript.batches.map((b) => b.sql));
    // Every batch travelled on an encrypted session as the test login, to the target database.
    expect(new Set(ddlBatches().map((b) => `${b.login}/${b.database}`))).toEqual(
      new Set([`${DEFAULT_TEST_LOGIN.user}/SalesDb`]),
    );
  });

  step("the target holds what the fixture was written to create, and the read-back finds no anomaly", async () => {
    expect(onTarget(applier.model)).toEqual(CLEAN_DB_ON_TARGET);
    const outs = await s.resourceOutputs("SchemaDeployment");
    expect(outs).toMatchObject({
      deployed: true,
      plannedBatchCount: cleanScript.batches.length,
      deployedBatchCount: cleanScript.batches.length,
    });
    expect(outs.nextBatchIndex).toBeUndefined();
    expect(outs.fingerprint).toMatch(/^sha256:/);
    expect(outs.anomalies).toEqual(NO_ANOMALIES);
  });

  step("a second up is a no-op that sends nothing", async () => {
    server.batches.length = 0;
    const second = await s.up();
    expect(second.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(second.summary.resourceChanges?.same).toBe(2);
    expect(ddlBatches()).toEqual([]);
    expectNoPassword(s, JSON.stringify(second.outputs));
  });

  step("refresh of an unchanged target reports no drift and sends no DDL", async () => {
    const refresh = await s.refresh();
    expect(refresh.summary.resourceChanges?.update ?? 0).toBe(0);
    expect((await s.resourceOutputs("SchemaDeployment")).drift).toMatchObject({ detected: false });
    expect(ddlBatches()).toEqual([]);
  });

  step("refresh reports the view someone dropped behind the stack's back", async () => {
    dropBehindTheStacksBack("CREATE VIEW [Sales].[vCustomerTotals]");
    expect(onTarget(applier.model)).not.toContain("view [Sales].[vCustomerTotals]");
    await s.refresh();
    expect((await s.resourceOutputs("SchemaDeployment")).drift).toMatchObject({
      detected: true,
      missing: ["view [Sales].[vCustomerTotals]"],
      extra: [],
      changed: [],
    });
  });

  step("the next up sends only the view's batch, and after it the target is whole again", async () => {
    server.batches.length = 0;
    const repaired = await s.up();
    expect(repaired.summary.resourceChanges?.update).toBe(1);
    expect(ddlBatches().map((b) => b.sql)).toEqual([cleanScript.batches.find((b) => b.kind === "view")!.sql]);
    const outs = await s.resourceOutputs("SchemaDeployment");
    expect(outs.drift).toBeUndefined();
    expect(outs.anomalies).toEqual(NO_ANOMALIES);
    expect(onTarget(applier.model)).toEqual(CLEAN_DB_ON_TARGET);
    expectNoPassword(s, firstOutputs, JSON.stringify(repaired.outputs));
  });
});

describe("a live source database: a converged preview probes it, a changed one is read and named", () => {
  const step = stepsInOrder();
  let source: TdsTestServer;
  let sourceModel: DatabaseModel;
  let s: TestStack;

  /** What the source server was asked since the last call, by marker: the probe, or the whole catalog read. */
  function sourceQueries(): { probes: number; catalogQueries: number } {
    const sent = source.clientBatches().map((b) => b.sql);
    source.batches.length = 0;
    return {
      probes: sent.filter((sql) => sql.startsWith("/* catalog:schemaVersion */")).length,
      catalogQueries: sent.filter((sql) => sql.startsWith("/* catalog:") && !sql.startsWith("/* catalog:schemaV"))
        .length,
    };
  }

  beforeAll(async () => {
    startOver();
    sourceModel = (await readScripts(CLEAN_DB)).model;
    source = await startTdsTestServer({ databases: ["SalesSource"], model: sourceModel });
    s = await newStack("live-source", {
      source: { connection: { ...targetSpec(), port: source.port, ca: source.caPem, database: "SalesSource" } },
    });
  });
  afterAll(async () => {
    await cleanUp();
    await source?.stop();
  });

  step("the first up reads the source's catalog and deploys it", async () => {
    expect((await s.up()).outputs.deployed.value).toBe(true);
    expect(sourceQueries()).toMatchObject({ probes: 1 });
  });

  step("a preview of the unchanged source sends it the probe and nothing else, and shows no change", async () => {
    const preview = await s.preview();
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(sourceQueries()).toEqual({ probes: 1, catalogQueries: 0 });
  });

  step("a view added to the source between two previews is named by the second one", async () => {
    const changed = structuredClone(sourceModel);
    changed.views.push({
      ...structuredClone(changed.views[0]!),
      key: "[Sales].[vOrderDates]",
      name: "vOrderDates",
      definition: "CREATE VIEW [Sales].[vOrderDates]\nAS\nSELECT [OrderId], [OrderDate] FROM [Sales].[Orders];",
    });
    source.setModel(changed);
    const before = s.output().length;
    const preview = await s.preview();
    expect(preview.changeSummary.update).toBe(1);
    // check names the object in an input (its hashes against the objects file's), which preview shows.
    expect(s.output().slice(before)).toMatch(/view \[Sales\]\.\[vOrderDates\]\s*: "created"/);
    expect(sourceQueries().catalogQueries).toBeGreaterThan(0);
  });

  step("a probe the source fails costs a full read, with why in the log, never a reuse", async () => {
    source.setModel(sourceModel);
    const failProbe = () =>
      source.failOn("/* catalog:schemaVersion */", { number: 229, message: "The SELECT permission was denied" });
    failProbe();
    const preview = await s.preview();
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(sourceQueries()).toMatchObject({ probes: 1, catalogQueries: CATALOG_QUERY_COUNT });
    // The preview's display drops the diagnostics of an unchanged resource; an up shows them.
    failProbe();
    const before = s.output().length;
    const up = await s.up();
    expect(up.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(s.output().slice(before)).toMatch(
      /warning: .*could not tell whether database .*\/SalesSource changed since the last check \(The SELECT permission was denied\): reading it whole/,
    );
    expect(sourceQueries().catalogQueries).toBeGreaterThanOrEqual(CATALOG_QUERY_COUNT);
    source.clearFailures();
    expectNoPassword(s);
  });
});

describe("one stack per test", () => {
  beforeEach(startOver);
  afterEach(cleanUp);

  test("preview fails on blockers with failOn blocking, before anything reaches the target", async () => {
    const s = await newStack("blockers", { source: { scriptPath: SAMPLE_DB } });
    const error = await s.preview().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const text = `${(error as Error).message}\n${s.output()}`;
    expect(text).toMatch(/finding\(s\) that failOn "blocking" does not allow; nothing was deployed/);
    expect(text).toMatch(/AZSQL001 blocking on procedure \[Sales\]\.\[usp_GetOrders\]/);
    // Nothing was sent to the target — not even a connection.
    expect(server.connections()).toBe(connectionsBefore);
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

    // Unchanged: the next up does nothing at all.
    const again = await s.up();
    expect(again.summary.resourceChanges?.update ?? 0).toBe(0);
    expect(server.connections()).toBe(connectionsBefore);
    expect(server.batches).toEqual([]);
    expectNoPassword(s);
  });

  test('failOn "never" deploys all but the blocked object, which is not counted as missing', async () => {
    const source = path.join(scratch, "db");
    copyFolder(CLEAN_DB, source);
    fs.writeFileSync(path.join(source, "Sales/Procedures/usp_ArchiveToCrm.sql"), BLOCKED_PROCEDURE);
    const s = await newStack("never", { source: { scriptPath: source }, failOn: "never" });
    await s.up();
    const outs = await s.resourceOutputs("SchemaDeployment");
    expect(outs).toMatchObject({
      deployed: true,
      assessment: { blockingRuleIds: ["AZSQL001"], failsPolicy: false },
      omittedObjects: ["procedure [Sales].[usp_ArchiveToCrm]"],
    });
    expect(ddlBatches().filter((b) => b.sql.includes("usp_ArchiveToCrm"))).toEqual([]);
    expect(onTarget(applier.model)).toEqual(CLEAN_DB_ON_TARGET);
    expect(outs.anomalies).toEqual(NO_ANOMALIES);
  });

  test("a batch the target acknowledges but does not apply is reported as missing after the deployment", async () => {
    lostBatches = ["CREATE VIEW [Sales].[vCustomerTotals]"];
    const s = await newStack("lost", { source: { scriptPath: CLEAN_DB } });
    await s.up();
    expect(onTarget(applier.model)).toEqual(CLEAN_DB_ON_TARGET.filter((o) => !o.startsWith("view ")));
    const outs = await s.resourceOutputs("SchemaDeployment");
    expect(outs.anomalies).toEqual({
      missing: ["view [Sales].[vCustomerTotals]"],
      extra: [],
      different: [],
      clean: false,
    });
    expect(s.output()).toMatch(
      /departs from the source after the deployment — missing: view \[Sales\]\.\[vCustomerTotals\]/,
    );
  });

  test("a changed source shows the changed objects in preview, and the update sends only those", async () => {
    const source = path.join(scratch, "db");
    copyFolder(CLEAN_DB, source);
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
    // Object by object: the changed procedure and the new view; nothing else is named.
    expect(shown).toMatch(/view \[Sales\]\.\[vRecentOrders\]\s*: "created"/);
    expect(shown).toMatch(/procedure \[Sales\]\.\[usp_GetCustomerOrders\]\s*: "altered"/);
    expect(shown.match(/^\s+[+~-]?\s*[A-Za-z]+ \[[^\n]*: "(created|altered|removed)"$/gm)).toHaveLength(2);
    // State keeps summaries, never a hash per object.
    expect(s.stateFileText()).not.toMatch(/"(objectHashes|targetObjectHashes|sourceObjects)"/);
    expect(s.stateFileText()).not.toContain("[Sales].[usp_GetCustomerOrders]");

    // A fresh checkout (no objects file beside the script): still a change, named by kind, with why.
    fs.rmSync(path.join(scratch, "out", "SalesDb.objects.json"));
    const fresh = s.output().length;
    expect((await s.preview()).changeSummary.update).toBe(1);
    const freshShown = s.output().slice(fresh);
    expect(freshShown).toMatch(/per-object names unavailable\s*: ".*SalesDb\.objects\.json is missing"/);
    expect(freshShown).toMatch(/~ view\s*: {\s*~ count\s*: 1 => 2/);
    expect(server.batches.filter((b) => !b.sql.startsWith("/* catalog:"))).toEqual([]);

    const applied = s.output().length;
    await s.up();
    // The update's log says what changed: by kind here, as in the preview (the objects file is gone).
    expect(s.output().slice(applied)).toMatch(/schema deployment to .*SalesDb: would change/);
    const sent = ddlBatches().map((b) => b.sql);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^CREATE VIEW \[Sales\]\.\[vRecentOrders\]/);
    expect(sent[1]).toMatch(
      /^CREATE OR ALTER PROCEDURE \[Sales\]\.\[usp_GetCustomerOrders\][\s\S]*ORDER BY \[OrderDate\] ASC/,
    );
    expectNoPassword(s);
  });

  test("state written by the previous version (per-object maps) keeps working and moves to summaries", async () => {
    const source = path.join(scratch, "db");
    copyFolder(CLEAN_DB, source);
    const s = await newStack("legacy-state", { source: { scriptPath: source } });
    await s.up();
    // Rewrite the state as the previous version recorded it: the per-object maps, no summaries, no objects file.
    const objectsFile = path.join(scratch, "out", "SalesDb.objects.json");
    const { deployed, target } = JSON.parse(fs.readFileSync(objectsFile, "utf8"));
    fs.rmSync(objectsFile);
    const exported = await s.stack.exportStack();
    const resource = (
      exported.deployment.resources as {
        type: string;
        inputs: Record<string, unknown>;
        outputs: Record<string, unknown>;
      }[]
    ).find((r) => r.type.endsWith("SchemaDeployment"))!;
    delete resource.inputs.sourceSummary;
    resource.inputs.sourceObjects = deployed.hashes;
    delete resource.outputs.objectSummary;
    delete resource.outputs.targetSummary;
    resource.outputs.objectHashes = deployed.hashes;
    resource.outputs.targetObjectHashes = target.hashes;
    await s.stack.importStack(exported);

    const procedure = path.join(source, "Sales/Procedures/usp_GetCustomerOrders.sql");
    fs.writeFileSync(procedure, fs.readFileSync(procedure, "utf8").replace("DESC", "ASC"));
    const before = s.output().length;
    expect((await s.preview()).changeSummary.update).toBe(1);
    expect(s.output().slice(before)).toMatch(/procedure \[Sales\]\.\[usp_GetCustomerOrders\]\s*: "altered"/);

    dropBehindTheStacksBack("CREATE VIEW [Sales].[vCustomerTotals]");
    await s.refresh();
    expect((await s.resourceOutputs("SchemaDeployment")).drift).toMatchObject({
      detected: true,
      missing: ["view [Sales].[vCustomerTotals]"],
    });

    await s.up();
    expect(onTarget(applier.model)).toEqual(CLEAN_DB_ON_TARGET);
    const outs = await s.resourceOutputs("SchemaDeployment");
    expect(outs).toMatchObject({ deployed: true, objectSummary: { count: 6 }, targetSummary: { count: 6 } });
    expect(s.stateFileText()).not.toMatch(/"(objectHashes|targetObjectHashes|sourceObjects)"/);
    expect(fs.existsSync(objectsFile)).toBe(true);
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
    const s = await newStack("secrets", { source: { scriptPath: CLEAN_DB } });
    await s.up();
    const state = JSON.parse(s.stateFileText());
    const resource = state.checkpoint.latest.resources.find((r: { type: string }) =>
      r.type.endsWith("SchemaDeployment"),
    );
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
});
