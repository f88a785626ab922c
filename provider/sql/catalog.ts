/**
 * Extracts a live database's schema into the model: one query per object class (CATALOG_QUERIES),
 * never one per object, so extraction costs the same number of round trips for ten tables or ten
 * thousand. The rows are assembled by catalog-assembly.ts.
 */
import type { DatabaseModel } from "../schema/model";
import { CatalogAssembler } from "./catalog-assembly";
import { CATALOG_QUERIES, type CatalogQueryName } from "./catalog-queries";
import { withConnection, type SqlConnectionSpec } from "./connection";
import { SqlError } from "./errors";
import { rowViews } from "./row-views";
import type { SqlSession } from "./session";
import { DEFAULT_TRANSIENT_RETRIES, withTransientRetries } from "./transient";

/** Catalog views that some editions lack (Azure SQL Database has no numbered procedures): missing means empty. */
const OPTIONAL_QUERIES: ReadonlySet<CatalogQueryName> = new Set<CatalogQueryName>(["numberedProcedures"]);
const INVALID_OBJECT_NAME = 208;

/**
 * Extracts the schema through an open session. Each query's rows are streamed (arrays of values, read through
 * row views) into the assembler as they arrive: a column or a check becomes its definition at once, other rows
 * wait only until their query is complete. No result set is held as row objects, and the rows of a query that
 * fails part-way are never completed into the model (a retry starts a new extraction).
 */
export async function extractCatalogFromSession(session: SqlSession): Promise<DatabaseModel> {
  const assembler = new CatalogAssembler();
  for (const name of Object.keys(CATALOG_QUERIES) as CatalogQueryName[]) {
    try {
      const sink = assembler.resultSet(name);
      await streamInto(session, CATALOG_QUERIES[name].sql, sink.row);
      sink.end();
    } catch (error) {
      if (OPTIONAL_QUERIES.has(name) && error instanceof SqlError && error.number === INVALID_OBJECT_NAME) {
        assembler.add(name, []);
        continue;
      }
      throw error;
    }
  }
  return assembler.finish();
}

/** Hands each row of the query's first result set to `row`, read by column name. */
async function streamInto(session: SqlSession, sql: string, row: (row: object) => void): Promise<void> {
  let view: ((values: unknown[]) => object) | undefined;
  await session.streamRows(sql, {
    columns: (names) => {
      view = rowViews(names);
    },
    row: (values) => {
      if (view === undefined) throw new Error("a row came before its result set's columns");
      row(view(values));
    },
  });
}

export interface ExtractOptions {
  /** Retries of the whole extraction after a transient error (default DEFAULT_TRANSIENT_RETRIES). */
  retries?: number;
  onRetry?: (error: SqlError, attempt: number) => void;
}

/**
 * Connects, extracts the schema of `spec.database`, disconnects. An extraction that meets a transient error
 * (failover, throttling, lost connection) starts again on a new connection: it only reads, so running it again
 * is always safe, and a model half read from before a failover and half from after would be worse.
 */
export function extractCatalog(spec: SqlConnectionSpec, options: ExtractOptions = {}): Promise<DatabaseModel> {
  return withTransientRetries(
    () => withConnection(spec, extractCatalogFromSession),
    options.retries ?? DEFAULT_TRANSIENT_RETRIES,
    options.onRetry,
  );
}

/** Number of queries an extraction sends, whatever the size of the database. */
export const CATALOG_QUERY_COUNT = Object.keys(CATALOG_QUERIES).length;
