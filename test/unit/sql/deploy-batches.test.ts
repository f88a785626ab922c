/**
 * Deploying a script batch by batch: the first batch the server rejects stops the run with the
 * object, the batch index and the server's message, and a second run resumes from that batch.
 */
import { deployBatches, type DeploymentBatch } from "../../../provider/sql/deploy";
import { startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer();
});
afterAll(() => server.stop());
afterEach(() => expect(server.protocolErrors).toEqual([]));

const batches: DeploymentBatch[] = [
  { objectKey: "[Sales]", kind: "schema", sql: "CREATE SCHEMA [Sales];" },
  { objectKey: "[Sales].[Customers]", kind: "table", sql: "CREATE TABLE [Sales].[Customers] ([Id] int NOT NULL);" },
  {
    objectKey: "[Sales].[Orders]",
    kind: "table",
    sql: "CREATE TABLE [Sales].[Orders] ([Id] int NOT NULL, [CustomerId] int REFERENCES [Sales].[Customer] ([Id]));",
  },
  {
    objectKey: "[Sales].[vOrders]",
    kind: "view",
    sql: "CREATE VIEW [Sales].[vOrders] AS SELECT [Id] FROM [Sales].[Orders];",
  },
];

test("stops at the failing batch, then resumes from it", async () => {
  server.failOn(
    "CREATE TABLE [Sales].[Orders]",
    {
      number: 1767,
      state: 0,
      class: 16,
      lineNumber: 1,
      message: "Foreign key 'FK__Orders__Customer' references invalid table 'Sales.Customer'.",
    },
    { times: 1 },
  );

  const first = await deployBatches(specFor(server), batches);
  expect(first.nextBatchIndex).toBe(2);
  expect(first.executed).toBe(2);
  expect(first.failure).toMatchObject({ batchIndex: 2, objectKey: "[Sales].[Orders]", kind: "table" });
  expect(first.failure?.error).toMatchObject({ kind: "request", number: 1767, lineNumber: 1 });
  expect(first.failure?.message).toBe(
    "batch 3 of 4 (table [Sales].[Orders]) failed with error 1767, line 1: Foreign key 'FK__Orders__Customer' references invalid table 'Sales.Customer'.",
  );
  // Nothing after the failing batch was sent, and batches travel as SQL batches, in order.
  expect(server.clientBatches().map((b) => [b.kind, b.sql])).toEqual(
    batches.slice(0, 3).map((b) => ["sql-batch", b.sql]),
  );

  server.batches.length = 0;
  const done: number[] = [];
  const second = await deployBatches(specFor(server), batches, {
    fromBatchIndex: first.nextBatchIndex,
    onBatchDone: (index) => done.push(index),
  });
  expect(second).toEqual({ nextBatchIndex: 4, executed: 2 });
  expect(done).toEqual([2, 3]);
  expect(server.clientBatches().map((b) => b.sql)).toEqual([batches[2]!.sql, batches[3]!.sql]);
});

test("a resume index outside the list is refused", async () => {
  await expect(deployBatches(specFor(server), batches, { fromBatchIndex: 5 })).rejects.toThrow(RangeError);
});

test("a connection failure is thrown, not reported as a batch failure", async () => {
  const spec = specFor(server, { authentication: { type: "sql", user: "nobody", password: "wrong" } });
  await expect(deployBatches(spec, batches)).rejects.toMatchObject({ name: "SqlError", kind: "login", number: 18456 });
});

test("a batch failure that echoes the login password reports it scrubbed, in the message and the error alike", async () => {
  const spec = specFor(server);
  const password = (spec.authentication as { password: string }).password;
  server.failOn(
    "CREATE SCHEMA [Sales]",
    { number: 50000, state: 1, class: 16, message: `cannot use '${password}' here` },
    { times: 1 },
  );
  const result = await deployBatches(spec, batches);
  expect(result.failure?.message).toBe(
    "batch 1 of 4 (schema [Sales]) failed with error 50000, line 1: cannot use '***' here",
  );
  const error = result.failure!.error;
  expect(
    JSON.stringify({ ...result.failure, error: { ...error, message: error.message, stack: error.stack } }),
  ).not.toContain(password);
});
