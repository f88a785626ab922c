/**
 * The extraction steps of the schema-pipeline benchmark. The generated model is served by the project's TDS
 * test server (emulator/sql-server) running in a process of its own (tds-server-process.ts), and provider/sql's
 * extractCatalog reads it back through the real mssql/tedious driver, TDS 8.0 strict encryption, trusting only
 * the server's test CA.
 *
 * - `extract`: connect + TLS + login, every catalog query, and the assembly of the rows into a model. The wall
 *   time includes waiting for the server; the step's CPU time and peak RSS are the client's alone, and the
 *   server's CPU time during the extraction is recorded next to them (`serverCpuMs`).
 * - `assemble`: assembleModel alone, on the rows an extraction returned (fetched before the clock starts): the
 *   share of the client's time that is this project's code rather than the driver's.
 *
 * The extract step fails loudly when the extracted model does not hold the served model's objects (per kind), or
 * when the server did not receive exactly one batch per catalog query.
 */
import { assembleModel } from "../provider/sql/catalog-assembly";
import { CATALOG_QUERIES, type CatalogQueryName, type CatalogRows } from "../provider/sql/catalog-queries";
import { CATALOG_QUERY_COUNT, extractCatalog, extractCatalogFromSession } from "../provider/sql/catalog";
import { withConnection } from "../provider/sql/connection";
import type { QueryResult, RowSink, SqlParam, SqlSession } from "../provider/sql/session";
import type { SqlConnectionSpec } from "../provider/sql/connection-spec";
import { allObjects, type DatabaseModel } from "../provider/schema/model";
import { DEFAULT_TEST_LOGIN } from "../emulator/sql-server";
import type { PipelineStep, StepContext, StepOutcome } from "./schema-pipeline";
import { TdsServerProcess, type ServedCatalog } from "./tds-server-process";

/** Generous: the largest catalogs' result sets take seconds to encode and decode on a small machine. */
const REQUEST_TIMEOUT_MS = 300_000;

function specFor(served: ServedCatalog): SqlConnectionSpec {
  return {
    server: served.host,
    port: served.port,
    database: served.database,
    authentication: { type: "sql", user: DEFAULT_TEST_LOGIN.user, password: DEFAULT_TEST_LOGIN.password },
    encrypt: "strict",
    ca: served.caPem,
    connectTimeoutMs: 30_000,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
}

/** Number of objects of each kind, e.g. { table: 400, view: 150 }. */
function countByKind(model: DatabaseModel): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const object of allObjects(model)) counts[object.kind] = (counts[object.kind] ?? 0) + 1;
  return counts;
}

/** Every difference in per-kind counts, as "table: served 400, extracted 399"; empty when they agree. */
function countMismatches(served: Record<string, number>, extracted: Record<string, number>): string[] {
  const kinds = [...new Set([...Object.keys(served), ...Object.keys(extracted)])].sort();
  return kinds
    .filter((kind) => (served[kind] ?? 0) !== (extracted[kind] ?? 0))
    .map((kind) => `${kind}: served ${served[kind] ?? 0}, extracted ${extracted[kind] ?? 0}`);
}

/** The number of objects extracted; throws naming every kind whose count differs from what the server served. */
function assertSameObjects(served: Record<string, number>, extracted: DatabaseModel): number {
  const mismatches = countMismatches(served, countByKind(extracted));
  if (mismatches.length > 0) {
    const want = Object.values(served).reduce((a, n) => a + n, 0);
    throw new Error(
      `extract: the extracted model has ${allObjects(extracted).length} objects, the server served ${want}:\n  ${mismatches.join("\n  ")}`,
    );
  }
  return allObjects(extracted).length;
}

/** Starts the server process and loads the driver (provider/sql loads it lazily): not part of the time. */
async function startServing(ctx: StepContext): Promise<TdsServerProcess> {
  const server = await TdsServerProcess.start(ctx.objectCount);
  await import("mssql");
  return server;
}

export function extractStep(): PipelineStep {
  let server: TdsServerProcess | undefined;
  return {
    name: "extract",
    readsModel: false,
    async prepare(ctx) {
      server = await startServing(ctx);
      await server.mark();
    },
    // The served counts come from the server process (readsModel: false).
    async run(): Promise<StepOutcome> {
      if (server === undefined) throw new Error("extract: the TDS test server was not started");
      const extracted = await extractCatalog(specFor(server.served));
      const got = assertSameObjects(server.served.objectsByKind, extracted);
      const stats = await server.stats();
      if (stats.protocolErrors.length > 0) {
        throw new Error(`extract: the TDS test server saw protocol errors: ${stats.protocolErrors.join("; ")}`);
      }
      if (stats.catalogBatches !== CATALOG_QUERY_COUNT) {
        throw new Error(
          `extract: the server received ${stats.catalogBatches} catalog batches, expected one per catalog query (${CATALOG_QUERY_COUNT})`,
        );
      }
      return {
        note: `${got} objects extracted, ${stats.catalogBatches} catalog batches (${stats.requests} requests in all); server CPU ${stats.cpuMs} ms, server peak RSS ${stats.peakRssMb} MB`,
        counters: {
          catalogBatches: stats.catalogBatches,
          requests: stats.requests,
          serverCpuMs: stats.cpuMs,
          serverPeakRssMb: stats.peakRssMb,
        },
      };
    },
    async cleanup() {
      await server?.stop();
      server = undefined;
    },
  };
}

/** A session that keeps the first result set of every query it runs, by query text, as rows keyed by column. */
function recordingSession(session: SqlSession, rowsBySql: Map<string, unknown[]>): SqlSession {
  return {
    async query<Row extends object>(text: string, params?: Record<string, SqlParam>): Promise<QueryResult<Row>> {
      const result = await session.query<Row>(text, params);
      rowsBySql.set(text, result.recordsets[0] ?? []);
      return result;
    },
    executeBatch: (text) => session.executeBatch(text),
    async streamRows(text: string, sink: RowSink): Promise<void> {
      const rows: Record<string, unknown>[] = [];
      let names: readonly string[] = [];
      await session.streamRows(text, {
        columns(columnNames) {
          names = columnNames;
          sink.columns(columnNames);
        },
        row(values) {
          rows.push(Object.fromEntries(names.map((name, i) => [name, values[i]])));
          sink.row(values);
        },
      });
      rowsBySql.set(text, rows);
    },
  };
}

export function assembleStep(): PipelineStep {
  let rows: CatalogRows | undefined;
  let served: Record<string, number> = {};
  return {
    name: "assemble",
    readsModel: false,
    async prepare(ctx) {
      const server = await startServing(ctx);
      try {
        const rowsBySql = new Map<string, unknown[]>();
        await withConnection(specFor(server.served), (session) =>
          extractCatalogFromSession(recordingSession(session, rowsBySql)),
        );
        const byName = {} as Record<CatalogQueryName, unknown[]>;
        for (const name of Object.keys(CATALOG_QUERIES) as CatalogQueryName[])
          byName[name] = rowsBySql.get(CATALOG_QUERIES[name].sql) ?? [];
        rows = byName as CatalogRows;
        served = server.served.objectsByKind;
      } finally {
        await server.stop();
      }
    },
    async run() {
      if (rows === undefined) throw new Error("assemble: no catalog rows were fetched");
      const assembled = assembleModel(rows);
      return `${assertSameObjects(served, assembled)} objects assembled`;
    },
  };
}
