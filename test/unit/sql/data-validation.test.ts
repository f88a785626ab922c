/**
 * Data validation through the real mssql driver against two TDS test servers (source and target) whose table
 * data the test controls: row counts, checksums per key range, the fallback for tables without a key,
 * transient errors retried, timeouts reported, and bounded query counts.
 */
import { validateData, VALIDATION_MARKERS } from "../../../provider/sql/validation";
import { startTdsTestServer, type DataTable, type TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";

let source: TdsTestServer;
let target: TdsTestServer;
beforeAll(async () => {
  [source, target] = await Promise.all([startTdsTestServer(), startTdsTestServer()]);
});
afterAll(() => Promise.all([source.stop(), target.stop()]));
beforeEach(() => {
  for (const server of [source, target]) {
    server.data.clear();
    server.clearFailures();
    server.batches.length = 0;
  }
});
afterEach(() => expect([...source.protocolErrors, ...target.protocolErrors]).toEqual([]));

function orders(count: number): DataTable {
  return {
    columns: ["OrderID", "Customer", "Amount"],
    primaryKey: [{ column: "OrderID", type: "int" }],
    rows: Array.from({ length: count }, (_, i) => [i + 1, `customer ${i % 17}`, (i * 7) % 1000]),
  };
}

const both = (schema: string, name: string, table: () => DataTable) => {
  source.data.set(schema, name, table());
  target.data.set(schema, name, table());
};

const sent = (server: TdsTestServer, marker: string) =>
  server.clientBatches().filter((b) => b.sql.includes(marker)).length;

const request = (options: Parameters<typeof validateData>[0]["options"] = {}) => ({
  source: specFor(source),
  target: specFor(target),
  options,
});

test("rowCount (default): every user table of the source, equal counts validate, a missing row fails naming both counts", async () => {
  both("Sales", "Orders", () => orders(120));
  both("dbo", "Odd]Name", () => ({ columns: ["x"], rows: [[1], [2]] }));
  const clean = await validateData(request());
  expect(clean.verdict).toBe("validated");
  expect(clean.tables.map((t) => [t.table, t.method, t.sourceRows, t.targetRows, t.verdict])).toEqual([
    ["Sales.Orders", "rowCount", "120", "120", "match"],
    ["dbo.Odd]Name", "rowCount", "2", "2", "match"],
  ]);
  // The odd name reached the server bracket-quoted, with ] doubled.
  expect(source.clientBatches().some((b) => b.sql.includes("FROM [dbo].[Odd]]Name]"))).toBe(true);
  expect(
    source
      .clientBatches()
      .every(
        (b) =>
          !b.sql.includes(VALIDATION_MARKERS.rowCount) ||
          b.sql.includes("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED"),
      ),
  ).toBe(true);

  target.data.update("Sales", "Orders", (rows) => rows.pop());
  const broken = await validateData(request());
  expect(broken.verdict).toBe("validationFailed");
  expect(broken.tables.find((t) => t.table === "Sales.Orders")).toMatchObject({
    verdict: "mismatch",
    sourceRows: "120",
    targetRows: "119",
  });
});

test("checksum: a table cut into many key ranges costs a bounded number of queries and finds one changed row", async () => {
  both("Sales", "Orders", () => orders(10_000));
  target.data.update("Sales", "Orders", (rows) => {
    rows[7_654]![2] = 999_999;
  });
  const result = await validateData({
    ...request({ depth: "checksum", rowsPerRange: 500, isolationLevel: "snapshot" }),
    tables: [{ schema: "Sales", name: "Orders" }],
  });
  const [table] = result.tables;
  expect(result.verdict).toBe("validationFailed");
  expect(table).toMatchObject({
    method: "keyRangeChecksum",
    verdict: "mismatch",
    rangesTotal: 20,
    rangesCompared: 20,
    sourceRows: "10000",
    targetRows: "10000",
  });
  expect(table!.mismatchedRanges).toEqual([
    expect.objectContaining({ from: "7501", to: "8000", sourceRows: "500", targetRows: "500" }),
  ]);
  // Per side: one count, one key lookup (source), one bounds query and one checksum per range — never more.
  expect(sent(source, VALIDATION_MARKERS.rangeChecksum)).toBe(20);
  expect(sent(target, VALIDATION_MARKERS.rangeChecksum)).toBe(20);
  expect(source.clientBatches().length).toBeLessThanOrEqual(20 + 3 + 1);
  expect(source.clientBatches().some((b) => b.sql.includes("SET TRANSACTION ISOLATION LEVEL SNAPSHOT"))).toBe(true);

  // A sample compares a fraction of the ranges, the same ones every time.
  source.batches.length = 0;
  const sampled = await validateData({
    ...request({ depth: "checksum", rowsPerRange: 500, sample: 0.25 }),
    tables: [{ schema: "Sales", name: "Orders" }],
  });
  expect(sampled.tables[0]).toMatchObject({ rangesCompared: 5, rangesTotal: 20 });
  expect(sent(source, VALIDATION_MARKERS.rangeChecksum)).toBe(5);
});

test("checksum on a string key walks the key in ranges; target rows past the source end are caught", async () => {
  const customers = (): DataTable => ({
    columns: ["Code", "Name"],
    primaryKey: [{ column: "Code", type: "nvarchar" }],
    rows: Array.from({ length: 45 }, (_, i) => [`C${String(i).padStart(3, "0")}`, `name ${i}`]),
  });
  both("Sales", "Customers", customers);
  const clean = await validateData({
    ...request({ depth: "checksum", rowsPerRange: 10 }),
    tables: [{ schema: "Sales", name: "Customers" }],
  });
  expect(clean.tables[0]).toMatchObject({ verdict: "match", rangesTotal: 6 });
  target.data.update("Sales", "Customers", (rows) => rows.push(["Z999", "extra"]));
  const extra = await validateData({
    ...request({ depth: "checksum", rowsPerRange: 10 }),
    tables: [{ schema: "Sales", name: "Customers" }],
  });
  expect(extra.tables[0]).toMatchObject({ verdict: "mismatch", sourceRows: "45", targetRows: "46" });
  expect(extra.tables[0]!.mismatchedRanges).toEqual([
    expect.objectContaining({ from: "C044", to: "", sourceRows: "0", targetRows: "1" }),
  ]);
});

test("a table without a primary key falls back to a whole-table hash and says so", async () => {
  both("dbo", "Heap", () => ({
    columns: ["a", "b"],
    rows: [
      [1, "x"],
      [2, "y"],
    ],
  }));
  const result = await validateData(request({ depth: "checksum" }));
  expect(result.tables[0]).toMatchObject({
    method: "tableChecksum",
    verdict: "match",
    note: "no primary key: whole-table hash",
  });
  target.data.update("dbo", "Heap", (rows) => {
    rows[1]![1] = "z";
  });
  expect((await validateData(request({ depth: "checksum" }))).tables[0]).toMatchObject({
    verdict: "mismatch",
    sourceRows: "2",
    targetRows: "2",
  });
});

test("a transient error is retried; a missing table is reported per table, never thrown", async () => {
  both("Sales", "Orders", () => orders(10));
  target.failOn(
    VALIDATION_MARKERS.rowCount,
    { number: 40613, message: "Database 'SalesDb' on server 'tds' is not currently available." },
    { times: 1 },
  );
  const retries: string[] = [];
  const retried = await validateData({ ...request(), onRetry: (message) => retries.push(message) });
  expect(retried.verdict).toBe("validated");
  expect(retries).toHaveLength(1);
  expect(retries[0]).toMatch(/not currently available/);

  source.data.set("Sales", "OnlySource", orders(3));
  target.failOn(VALIDATION_MARKERS.rowCount, { number: 208, message: "Invalid object name 'Sales.OnlySource'." });
  const missing = await validateData(request({ retries: 1 }));
  expect(missing.verdict).toBe("validationFailed");
  expect(missing.tables.find((t) => t.table === "Sales.OnlySource")).toMatchObject({
    verdict: "error",
    error: expect.stringMatching(/Invalid object name/),
  });
});

test("a query past its timeout is a per-table error naming the timeout", async () => {
  both("Sales", "Orders", () => orders(10));
  let slow = true;
  target.use((req) =>
    slow && req.sql.includes(VALIDATION_MARKERS.rowCount)
      ? new Promise((resolve) => setTimeout(() => resolve({}), 2500))
      : undefined,
  );
  const result = await validateData(request({ queryTimeoutSeconds: 1, retries: 0 }));
  slow = false;
  expect(result.tables[0]).toMatchObject({ verdict: "error", error: expect.stringMatching(/timeout|timed out/i) });
});

test("depth none validates nothing and says skipped; the password never appears in results", async () => {
  both("Sales", "Orders", () => orders(5));
  expect((await validateData(request({ depth: "none" }))).verdict).toBe("skipped");
  expect(source.clientBatches()).toHaveLength(0);
  target.failOn(VALIDATION_MARKERS.rowCount, { number: 18456, message: "boom" });
  const result = await validateData(request({ retries: 0 }));
  expect(JSON.stringify(result)).not.toContain(
    specFor(source).authentication.type === "sql"
      ? (specFor(source).authentication as { password: string }).password
      : "-",
  );
});
