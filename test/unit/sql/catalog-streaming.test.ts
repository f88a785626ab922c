/**
 * Catalog extraction streams its result sets: rows come from the driver as arrays of values (no object keyed by
 * column name per row), are read through row views, and go into the assembler as they arrive, so no catalog result
 * set is ever held whole. Errors keep their meaning: a server error is the server's SqlError (retryable when
 * transient), an exception of the code consuming the rows comes out as it is (never mistaken for a transient fault).
 */
import { extractCatalogFromSession } from "../../../provider/sql/catalog";
import { CatalogAssembler } from "../../../provider/sql/catalog-assembly";
import { CATALOG_QUERIES } from "../../../provider/sql/catalog-queries";
import { withConnection } from "../../../provider/sql/connection";
import { SqlError } from "../../../provider/sql/errors";
import { rowViews } from "../../../provider/sql/row-views";
import type { RowSink, SqlSession } from "../../../provider/sql/session";
import { startTdsTestServer, type TdsTestServer } from "../../../emulator/sql-server";
import { sampleModel } from "./sample-model";
import { specFor } from "./tds-connection";

let server: TdsTestServer;
beforeAll(async () => {
  server = await startTdsTestServer();
  server.setModel(sampleModel());
});
afterAll(() => server.stop());
afterEach(() => server.clearFailures());

/** Collects what a sink receives. */
function collectingSink(): RowSink & { names: readonly string[]; rows: unknown[][] } {
  const sink = {
    names: [] as readonly string[],
    rows: [] as unknown[][],
    columns(names: readonly string[]) {
      sink.names = names;
    },
    row(values: unknown[]) {
      sink.rows.push(values);
    },
  };
  return sink;
}

test("streamRows hands the select list's names once, then each row as an array of values in that order", async () => {
  const sink = collectingSink();
  await withConnection(specFor(server), (session) => session.streamRows(CATALOG_QUERIES.schemas.sql, sink));
  expect(sink.names).toEqual(Object.keys(CATALOG_QUERIES.schemas.columns));
  expect(sink.rows.length).toBe(sampleModel().schemas.length);
  for (const row of sink.rows) expect(Array.isArray(row)).toBe(true);
  const nameAt = sink.names.indexOf("name");
  expect(sink.rows.map((row) => row[nameAt]).sort()).toEqual(
    sampleModel()
      .schemas.map((s) => s.name)
      .sort(),
  );
});

test("a server error while streaming fails with the server's number, the number the retry policy reads", async () => {
  server.failOn(/\/\* catalog:columns \*\//, { number: 40501, state: 1, class: 16, message: "The service is busy." });
  const outcome = await withConnection(specFor(server), (session) =>
    session.streamRows(CATALOG_QUERIES.columns.sql, collectingSink()),
  ).catch((error: unknown) => error);
  expect(outcome).toBeInstanceOf(SqlError);
  expect((outcome as SqlError).number).toBe(40501);
});

test("an exception of the sink comes out as it is, after the request ended: the session stays usable", async () => {
  const boom = new Error("the consumer failed");
  await withConnection(specFor(server), async (session) => {
    const failing: RowSink = {
      columns() {},
      row() {
        throw boom;
      },
    };
    await expect(session.streamRows(CATALOG_QUERIES.schemas.sql, failing)).rejects.toBe(boom);
    const sink = collectingSink();
    await session.streamRows(CATALOG_QUERIES.schemas.sql, sink);
    expect(sink.rows.length).toBe(sampleModel().schemas.length);
  });
});

test("extraction streams every catalog query: it never asks for a result set as keyed row objects", async () => {
  const streamed: string[] = [];
  const model = await withConnection(specFor(server), (session) => {
    const streamingOnly: SqlSession = {
      query: () => Promise.reject(new Error("extraction must not buffer a result set (session.query)")),
      executeBatch: () => Promise.reject(new Error("extraction sends no batch")),
      streamRows: (text, sink) => {
        streamed.push(text);
        return session.streamRows(text, sink);
      },
    };
    return extractCatalogFromSession(streamingOnly);
  });
  expect(streamed).toEqual(Object.values(CATALOG_QUERIES).map((q) => q.sql));
  expect(model.tables.length).toBe(sampleModel().tables.length);
});

test("row views read each column by name from the array, the first of two same-named columns winning", () => {
  const view = rowViews(["object_id", "name", "name"]);
  const values: unknown[] = [7, "Orders", "shadowed"];
  const row = view(values) as { object_id: unknown; name: unknown; missing?: unknown };
  expect(row.object_id).toBe(7);
  expect(row.name).toBe("Orders");
  expect(row.missing).toBeUndefined();
  values[1] = "Changed";
  expect(row.name).toBe("Changed");
});

test("the assembler refuses children that come before the database row (their collation is not known yet)", () => {
  const assembler = new CatalogAssembler();
  expect(() => assembler.resultSet("columns")).toThrow(/columns came before the database row/);
});
