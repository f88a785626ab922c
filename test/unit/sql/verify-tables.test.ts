/**
 * Row counts and checksums per table, with every name bracket-quoted — including names that
 * contain `]`, which must reach the server doubled.
 */
import { compareTableFigures, readTableFigures } from "../../../provider/sql/verify";
import { checksumQuery, rowCountQuery } from "../../../provider/sql/verify-queries";
import { checksumOfRows, startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer();
});
afterAll(() => server.stop());
afterEach(() => expect(server.protocolErrors).toEqual([]));

const odd = { schema: "Odd]Name", name: "Table]With]Brackets" };
const orders = { schema: "Sales", name: "Orders" };

test("queries quote every name, doubling ]", () => {
  expect(rowCountQuery(odd)).toContain("FROM [Odd]]Name].[Table]]With]]Brackets];");
  expect(checksumQuery(odd)).toContain("CHECKSUM_AGG(BINARY_CHECKSUM(*))");
  expect(checksumQuery({ schema: "x", name: "a'; DROP TABLE t; --" })).toContain("FROM [x].[a'; DROP TABLE t; --];");
});

test("reads row counts and checksums through the driver", async () => {
  const rows = [
    [1, "a"],
    [2, "b"],
    [3, null],
  ];
  server.tables.set(odd.schema, odd.name, { rows });
  server.tables.set(orders.schema, orders.name, { rowCount: 5_000_000_000, checksum: -12345 });

  const figures = await readTableFigures(specFor(server), [odd, orders]);
  expect(figures).toEqual([
    { table: odd, rowCount: "3", checksum: checksumOfRows(rows) },
    { table: orders, rowCount: "5000000000", checksum: -12345 },
  ]);
  const sent = server.clientBatches().map((b) => b.sql);
  expect(sent).toEqual([rowCountQuery(odd), checksumQuery(odd), rowCountQuery(orders), checksumQuery(orders)]);
});

test("an empty table has a NULL checksum; checksums can be skipped", async () => {
  server.tables.set("dbo", "Empty", { rows: [] });
  const [withChecksum] = await readTableFigures(specFor(server), [{ schema: "dbo", name: "Empty" }]);
  expect(withChecksum).toEqual({ table: { schema: "dbo", name: "Empty" }, rowCount: "0", checksum: null });
  const [countOnly] = await readTableFigures(specFor(server), [{ schema: "dbo", name: "Empty" }], { checksums: false });
  expect(countOnly).toEqual({ table: { schema: "dbo", name: "Empty" }, rowCount: "0" });
});

test("a missing table surfaces as error 208 with the quoted name", async () => {
  await expect(readTableFigures(specFor(server), [{ schema: "dbo", name: "Gone" }])).rejects.toMatchObject({
    kind: "request",
    number: 208,
    message: "Invalid object name '[dbo].[Gone]'.",
  });
});

test("source and target figures are compared per table", () => {
  const comparison = compareTableFigures(
    [
      { table: orders, rowCount: "10", checksum: 1 },
      { table: odd, rowCount: "3", checksum: 7 },
    ],
    [{ table: orders, rowCount: "10", checksum: 2 }],
  );
  expect(comparison).toEqual([
    { table: orders, sourceRows: "10", targetRows: "10", rowsMatch: true, checksumsMatch: false },
    { table: odd, sourceRows: "3", targetRows: "0", rowsMatch: false },
  ]);
});
