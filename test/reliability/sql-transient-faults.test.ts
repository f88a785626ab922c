/**
 * Azure SQL's transient faults, table-driven, at the provider/sql layer through the real mssql driver: each of
 * 40613, 40197, 40501, 49918, 10928, 10929 and 4060, and a connection dropped mid-batch, injected once into each
 * phase that talks to SQL — catalog reads (schema extraction), schema deployment batches and data validation.
 * The stand-in sends each error as Azure SQL does (number, state, severity, message; severity 20+ ends the
 * session), 4060 at login where the server sends it, and the dropped batch is the hard case: run, reply lost.
 *
 * Expected for every case: retried and converged — the same model, the schema deployed with every batch applied
 * exactly once (the stand-in answers a second CREATE with 2714, and a counter sees every batch it runs), the data
 * validated. A fault that does not go away stops the deployment with a named cause, and the next run converges.
 * One reliability row per case (matrix "faults", area "SQL").
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readScripts, type DatabaseModel } from "../../provider/schema";
import { extractCatalog, type SqlConnectionSpec } from "../../provider/sql";
import { validateData } from "../../provider/sql/validation";
import { converge } from "../../provider/resources/schema-deployment/converge";
import { schemaDeploymentInputs } from "../../provider/resources/schema-deployment/inputs";
import { forgetSourceReads } from "../../provider/resources/schema-deployment/read-source";
import {
  AZURE_TRANSIENT_ERROR_NUMBERS,
  azureTransientError,
  dataTableFor,
  startLocalSqlServer,
  type LocalSqlServer,
  type TdsTestServer,
} from "../../emulator/sql-server";
import { recordReliabilityRow } from "../support/reliability/record";
import { expectCommittedTableMatches } from "../support/reliability/committed-table";

// The rows this file recorded must be what docs/RELIABILITY.md holds for it (see committed-table.ts).
afterAll(() => expectCommittedTableMatches());

const LOGIN = { user: "migrator", password: "Fault-matrix p@ss;1" };
const QUICKSTART_SCHEMA = path.join(__dirname, "..", "..", "examples", "quickstart", "schema");
const RETRIED_AND_CONVERGED = "retried and converged";

type Fault = { kind: "error"; number: (typeof AZURE_TRANSIENT_ERROR_NUMBERS)[number] } | { kind: "drop" };
const FAULTS: Fault[] = [
  ...AZURE_TRANSIENT_ERROR_NUMBERS.map((number) => ({ kind: "error" as const, number })),
  { kind: "drop" },
];
const faultName = (fault: Fault) => (fault.kind === "drop" ? "connection dropped" : `error ${fault.number}`);

function specFor(local: LocalSqlServer, database: string): SqlConnectionSpec {
  return {
    server: local.server.host,
    port: local.server.port,
    database,
    authentication: { type: "sql", ...LOGIN },
    encrypt: "strict",
    ca: local.server.caPem,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 10_000,
  };
}

/**
 * Injects `fault` once, into the request matching `match`, or (4060, which SQL Server sends while logging in)
 * into the login after `loginsBefore` others. A drop lets the batch run, then closes without a reply.
 */
function inject(server: TdsTestServer, database: string, fault: Fault, match: RegExp, loginsBefore = 0): string {
  if (fault.kind === "drop") {
    server.failOn(match, { drop: "afterRunning" }, { times: 1 });
    return `connection dropped after the server ran the batch matching ${match.source} (reply lost)`;
  }
  const error = azureTransientError(fault.number, { database, server: "sales-target" });
  if (fault.number === 4060) {
    server.failLogins(error, { times: 1, skip: loginsBefore });
    return `error 4060 (severity ${error.class}) refusing the login of that phase's connection`;
  }
  server.failOn(match, error, { times: 1 });
  return `error ${fault.number} (severity ${error.class}${error.closeConnection ? ", session closed" : ""}) on the request matching ${match.source}`;
}

function record(phase: string, injected: string, passed: boolean, observed: string, measured: Record<string, number>) {
  recordReliabilityRow({
    matrix: "faults",
    area: "SQL",
    injected: `${phase}: ${injected}`,
    expected: RETRIED_AND_CONVERGED,
    observed: passed ? RETRIED_AND_CONVERGED : observed,
    passed,
    measured,
  });
}

let model: DatabaseModel;
let scratch: string;
beforeAll(async () => {
  model = (await readScripts(QUICKSTART_SCHEMA)).model;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sql-faults-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("catalog reads (schema extraction)", () => {
  let source: LocalSqlServer;
  let uninterrupted: DatabaseModel;
  beforeAll(async () => {
    source = await startLocalSqlServer({ database: "Sales", logins: [LOGIN], model, applyDeployedDdl: false });
    uninterrupted = await extractCatalog(specFor(source, "Sales"));
  });
  afterAll(() => source.stop());
  afterEach(() => source.server.clearFailures());

  test.each(FAULTS.map((fault) => [faultName(fault), fault] as const))("%s", async (_name, fault) => {
    const injected = inject(source.server, "Sales", fault, /\/\* catalog:columns \*\//);
    const retries: string[] = [];
    const started = Date.now();
    const outcome = await extractCatalog(specFor(source, "Sales"), {
      onRetry: (error) => retries.push(error.message),
    }).catch((error: Error) => error);
    const converged = !(outcome instanceof Error) && JSON.stringify(outcome) === JSON.stringify(uninterrupted);
    record(
      "catalog reads",
      injected,
      converged && retries.length === 1,
      outcome instanceof Error ? `failed: ${outcome.message}` : `model differs or ${retries.length} retries`,
      { retries: retries.length, durationMs: Date.now() - started },
    );
    expect(outcome).toEqual(uninterrupted);
    expect(retries).toHaveLength(1);
  });
});

describe("schema deployment batches", () => {
  let target: LocalSqlServer;
  /** How many times the stand-in ran each deployed DDL batch (the catalog and verify reads left out). */
  let runs: Map<string, number>;

  beforeEach(async () => {
    forgetSourceReads();
    target = await startLocalSqlServer({ database: "SalesDb", logins: [LOGIN] });
    runs = new Map();
    target.server.use((request) => {
      const read = /^\/\* (catalog|validate|verify):/.test(request.sql);
      const sessionSetup = /^\s*set /i.test(request.sql);
      if (!read && !sessionSetup && request.kind === "sql-batch")
        runs.set(request.sql, (runs.get(request.sql) ?? 0) + 1);
      return undefined;
    });
  });
  afterEach(() => target.stop());

  const deploy = () =>
    converge(
      schemaDeploymentInputs.parse({
        source: { scriptPath: QUICKSTART_SCHEMA },
        target: specFor(target, "SalesDb"),
        outputDirectory: path.join(scratch, "out"),
      }),
    );
  const ranTwice = () => [...runs].filter(([, count]) => count > 1).map(([sql]) => sql.split("\n")[0]);

  test.each(FAULTS.map((fault) => [faultName(fault), fault] as const))("%s", async (_name, fault) => {
    // 4060: the deployment's own connection (the first login reads the target to plan).
    const injected = inject(target.server, "SalesDb", fault, /CREATE TABLE \[dbo\]\.\[Orders\]/, 1);
    const started = Date.now();
    const warnings = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const outcome = await deploy().catch((error: Error) => error);
    // The fault did happen and was seen: a batch cut short (then planned again from the target), or — 4060 lands
    // on whichever connection logs in second, the pool opens two per operation — a target read retried.
    const cutShort = warnings.mock.calls.filter((call) =>
      /was cut short by a transient error|: retry 1 after a transient error/.test(String(call[0])),
    );
    warnings.mockRestore();
    const converged =
      !(outcome instanceof Error) && outcome.deployed && outcome.anomalies?.clean === true && cutShort.length === 1;
    record(
      "schema deployment",
      injected,
      converged && ranTwice().length === 0,
      outcome instanceof Error ? `failed: ${outcome.message}` : `anomalies or batches run twice: ${ranTwice()}`,
      { batchesRun: [...runs.values()].reduce((a, b) => a + b, 0), durationMs: Date.now() - started },
    );
    expect(outcome).toMatchObject({ deployed: true, anomalies: { clean: true } });
    expect(cutShort).toHaveLength(1);
    expect(ranTwice()).toEqual([]);
    expect(runs.size).toBe((outcome as { plannedBatchCount: number }).plannedBatchCount);
  });

  test("a fault that persists stops the deployment naming the cause; the next run deploys only the rest", async () => {
    target.server.failOn(
      /CREATE TABLE \[dbo\]\.\[Orders\]/,
      azureTransientError(40613, { database: "SalesDb", server: "x" }),
    );
    const stopped = await deploy().catch((error: Error) => error);
    const named =
      stopped instanceof Error &&
      /interrupted: batch \d+ of \d+ \(table \[dbo\]\.\[Orders\]\) met transient SQL errors 4 times, the last error 40613/.test(
        stopped.message,
      );
    target.server.clearFailures();
    forgetSourceReads();
    const resumed = await deploy().catch((error: Error) => error);
    const converged = !(resumed instanceof Error) && resumed.deployed && resumed.anomalies?.clean === true;
    recordReliabilityRow({
      matrix: "faults",
      area: "SQL",
      injected: "schema deployment: error 40613 on every attempt of one batch (the database stays unavailable)",
      expected: "failed with a named cause and resumable by the next up",
      observed:
        named && converged && ranTwice().length === 0
          ? "failed with a named cause and resumable by the next up"
          : `named: ${named}, next run converged: ${converged}, run twice: ${ranTwice()}`,
      passed: named && converged && ranTwice().length === 0,
    });
    expect((stopped as Error).message).toMatch(/met transient SQL errors 4 times, the last error 40613/);
    expect((stopped as Error).message).toMatch(/run the update again when the database is available/);
    expect(resumed).toMatchObject({ deployed: true, anomalies: { clean: true } });
    expect(ranTwice()).toEqual([]);
  });
});

describe("data validation", () => {
  let source: LocalSqlServer;
  let target: LocalSqlServer;
  const ROWS = { Customers: 120, Orders: 400 };

  beforeAll(async () => {
    [source, target] = await Promise.all([
      startLocalSqlServer({ database: "Sales", logins: [LOGIN], model, applyDeployedDdl: false }),
      startLocalSqlServer({ database: "SalesDb", logins: [LOGIN], model, applyDeployedDdl: false }),
    ]);
    for (const table of model.tables.filter((t) => t.schema === "dbo" && t.name in ROWS)) {
      const count = ROWS[table.name as keyof typeof ROWS];
      const rows = Array.from({ length: count }, (_, i) => table.columns.map((_c, j) => (j === 0 ? i + 1 : null)));
      source.server.data.set(table.schema, table.name, dataTableFor(table, rows));
      target.server.data.set(table.schema, table.name, dataTableFor(table, rows));
    }
  });
  afterAll(() => Promise.all([source.stop(), target.stop()]));
  afterEach(() => target.server.clearFailures());

  test.each(FAULTS.map((fault) => [faultName(fault), fault] as const))("%s", async (_name, fault) => {
    const injected = inject(target.server, "SalesDb", fault, /\/\* validate:row-count \*\/[\s\S]*\[Orders\]/);
    const retries: string[] = [];
    const started = Date.now();
    const outcome = await validateData({
      source: specFor(source, "Sales"),
      target: specFor(target, "SalesDb"),
      tables: Object.keys(ROWS).map((name) => ({ schema: "dbo", name })),
      options: { depth: "rowCount", parallelism: 1 },
      onRetry: (message) => retries.push(message),
    }).catch((error: Error) => error);
    const converged = !(outcome instanceof Error) && outcome.verdict === "validated";
    record(
      "data validation",
      injected,
      converged && retries.length === 1,
      outcome instanceof Error ? `failed: ${outcome.message}` : `${outcome.verdict} after ${retries.length} retries`,
      { retries: retries.length, durationMs: Date.now() - started },
    );
    expect(outcome).toMatchObject({ verdict: "validated" });
    expect((outcome as { tables: { verdict: string }[] }).tables.map((t) => t.verdict)).toEqual(["match", "match"]);
    expect(retries).toHaveLength(1);
  });
});
