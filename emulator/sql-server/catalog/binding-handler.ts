/**
 * Every batch that reads the catalog is bound before any handler answers it, whoever answers it (the catalog
 * responder, the data-validation tables, a test's own handler, the replication simulator): a query naming a
 * column, view or alias the catalog does not have fails here with SQL Server's error, as it would on a server.
 * A batch whose form this tolerant parser cannot follow is left to the handlers unchecked: that is the parser's
 * limit, not the client's mistake (the catalog responder, which must name and type its answer, refuses those).
 */
import type { QueryHandler } from "../query-handler";
import { bindBatch, TEST_SERVER_LIMIT } from "./batch-binding";

const READS_CATALOG = /\b(?:FROM|JOIN)\s+\[?sys\]?\s*\./i;

export const catalogBindingHandler: QueryHandler = (request) => {
  if (!READS_CATALOG.test(request.sql)) return undefined;
  const bound = bindBatch(request.sql);
  if ("error" in bound && bound.error.number !== TEST_SERVER_LIMIT) return { error: bound.error };
  return undefined;
};
