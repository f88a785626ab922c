/**
 * Catalog extraction through the real driver: the TDS test server answers the catalog queries from
 * a model, and what the extractor assembles must be that model again.
 */
import { CATALOG_QUERY_COUNT, extractCatalog } from "../../../provider/sql/catalog";
import { CATALOG_QUERIES } from "../../../provider/sql/catalog-queries";
import type { DatabaseModel } from "../../../provider/schema/model";
import { startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";
import { modelWithTables, sampleModel } from "./sample-model";
import { specFor } from "./tds-connection";

/** Top-level lists in key order: extraction sorts by key; a hand-written fixture need not. */
function byKeys(model: DatabaseModel): DatabaseModel {
  const copy = structuredClone(model) as unknown as Record<string, unknown>;
  for (const value of Object.values(copy)) {
    if (Array.isArray(value))
      value.sort((a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return copy as unknown as DatabaseModel;
}

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer();
});
afterAll(() => server.stop());
afterEach(() => expect(server.protocolErrors).toEqual([]));

test("a model served as catalog rows is extracted back into the same model", async () => {
  const model = sampleModel();
  server.setModel(model);
  const extracted = await extractCatalog(specFor(server));
  expect(extracted).toEqual(byKeys(model));
});

test("every catalog query starts with its marker and reads the catalog views", () => {
  for (const query of Object.values(CATALOG_QUERIES)) {
    expect(query.sql.startsWith(query.marker)).toBe(true);
    expect(query.sql).toMatch(/\bsys\.\w+/);
  }
});

test("the number of queries is fixed: it does not grow with the number of objects", async () => {
  const counts: number[] = [];
  for (const tables of [1, 40, 400]) {
    server.setModel(modelWithTables(tables));
    server.batches.length = 0;
    const extracted = await extractCatalog(specFor(server));
    expect(extracted.tables).toHaveLength(tables);
    expect(extracted.tables[tables - 1]!.indexes).toHaveLength(1);
    counts.push(server.batches.length);
    expect(server.clientBatches()).toHaveLength(CATALOG_QUERY_COUNT);
    // No connection-validation probe (`SELECT 1`) before each query: one round trip per catalog query.
    expect(server.batches.filter((b) => /^\s*select 1;?\s*$/i.test(b.sql))).toHaveLength(0);
  }
  expect(new Set(counts).size).toBe(1);
});
