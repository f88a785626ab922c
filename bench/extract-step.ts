/**
 * The "extract" step of the schema-pipeline benchmark: the generated model is served by the project's TDS test
 * server (emulator/sql-server) in the step's own process, and provider/sql's extractCatalog reads it back through
 * the real mssql/tedious driver, TDS 8.0 strict encryption, trusting only the server's test CA.
 *
 * What is timed: connect + TLS + login, every catalog query (the server turns the model into catalog rows and
 * encodes them as TDS; the driver decodes them), and the assembly of the rows into a model. The server lives in
 * the same process, so the peak RSS covers both ends of the wire.
 *
 * The step fails loudly when the extracted model does not hold the served model's objects (per kind), or when
 * the server did not receive exactly one batch per catalog query.
 */
import { CATALOG_QUERIES } from "../provider/sql/catalog-queries";
import { CATALOG_QUERY_COUNT, extractCatalog } from "../provider/sql/catalog";
import type { SqlConnectionSpec } from "../provider/sql/connection-spec";
import { allObjects, type DatabaseModel } from "../provider/schema/model";
import { DEFAULT_TEST_LOGIN, startTdsTestServer, type TdsTestServer } from "../emulator/sql-server";
import type { PipelineStep, StepContext, StepOutcome } from "./schema-pipeline";

/** Generous: the 50k catalog's largest result sets take seconds to encode and decode on a small machine. */
const REQUEST_TIMEOUT_MS = 300_000;
const DEFAULT_DATABASE = "BenchDb";

function specFor(server: TdsTestServer, database: string): SqlConnectionSpec {
  return {
    server: server.host,
    port: server.port,
    database,
    authentication: { type: "sql", user: DEFAULT_TEST_LOGIN.user, password: DEFAULT_TEST_LOGIN.password },
    encrypt: "strict",
    ca: server.caPem,
    connectTimeoutMs: 30_000,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  };
}

/** Number of objects of each kind, e.g. { table: 400, view: 150 }. */
function countByKind(model: DatabaseModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const object of allObjects(model)) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
  return counts;
}

/** Every difference in per-kind counts, as "table: served 400, extracted 399"; empty when they agree. */
function countMismatches(served: DatabaseModel, extracted: DatabaseModel): string[] {
  const expected = countByKind(served);
  const actual = countByKind(extracted);
  const kinds = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return kinds
    .filter((kind) => (expected.get(kind) ?? 0) !== (actual.get(kind) ?? 0))
    .map((kind) => `${kind}: served ${expected.get(kind) ?? 0}, extracted ${actual.get(kind) ?? 0}`);
}

function isCatalogQuery(sql: string): boolean {
  return Object.values(CATALOG_QUERIES).some((query) => sql.startsWith(query.marker));
}

export function extractStep(): PipelineStep {
  let server: TdsTestServer | undefined;
  return {
    name: "extract",
    async prepare({ model }: StepContext) {
      // Before the clock starts: the test certificates are generated, the server is listening, and the driver
      // (which provider/sql loads lazily, on first use) is loaded, so the time is extraction, not module loading.
      server = await startTdsTestServer({
        model,
        logins: [DEFAULT_TEST_LOGIN],
        databases: [model.databaseName ?? DEFAULT_DATABASE],
      });
      await import("mssql");
    },
    async run({ model }: StepContext): Promise<StepOutcome> {
      if (server === undefined) throw new Error("extract: the TDS test server was not started");
      const extracted = await extractCatalog(specFor(server, model.databaseName ?? DEFAULT_DATABASE));

      const mismatches = countMismatches(model, extracted);
      const served = allObjects(model).length;
      const got = allObjects(extracted).length;
      if (mismatches.length > 0 || got !== served) {
        throw new Error(
          `extract: the extracted model has ${got} objects, the server served ${served}:\n  ${mismatches.join("\n  ")}`,
        );
      }
      if (server.protocolErrors.length > 0) {
        throw new Error(
          `extract: the TDS test server saw protocol errors: ${server.protocolErrors.map((e) => e.message).join("; ")}`,
        );
      }
      const catalogBatches = server.batches.filter((batch) => isCatalogQuery(batch.sql)).length;
      if (catalogBatches !== CATALOG_QUERY_COUNT) {
        throw new Error(
          `extract: the server received ${catalogBatches} catalog batches, expected one per catalog query (${CATALOG_QUERY_COUNT})`,
        );
      }
      return {
        note: `${got} objects extracted, ${catalogBatches} catalog batches (${server.batches.length} requests in all)`,
        counters: { catalogBatches, requests: server.batches.length },
      };
    },
    async cleanup() {
      await server?.stop();
      server = undefined;
    },
  };
}
