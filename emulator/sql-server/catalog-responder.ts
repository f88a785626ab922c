/**
 * Answers the catalog queries of provider/sql/catalog.ts from a schema model. A query is recognised by the marker
 * comment it starts with, which says which of the model's catalog rows it asks for. Before answering, the query
 * is bound against the server's own knowledge of the catalog views (catalog/, written from Microsoft's
 * documentation): a column, view or alias the catalog does not have fails with the error SQL Server raises
 * (207, 208, 4104). The result set is named and typed from the query itself: each select-list item's name, and
 * the type the catalog gives it, so a wrong alias reaches the extractor as a missing column, as it would from
 * SQL Server.
 *
 * The catalog rows of the whole model are built once per connection and model, not once per query: an
 * extraction sends every catalog query on one connection, and rebuilding the rows for each of them made the
 * server's work grow with (queries × objects). A new connection or setModel rebuilds them, so a model changed
 * between two extractions is still served as it is then.
 */
import { CATALOG_QUERIES, type CatalogQueryName } from "../../provider/sql/catalog-queries";
import type { DatabaseModel } from "../../provider/schema/model";
import { bindBatch } from "./catalog/batch-binding";
import type { OutputColumn } from "./catalog/name-binding";
import { wireType } from "./catalog/wire-types";
import { catalogRowsFromModel } from "./catalog-rows-from-model";
import type { CellValue, ColumnSpec, QueryHandler, QueryResponse } from "./query-handler";
import { answerSchemaVersion } from "./schema-version-responder";

/** The marker of a schema-version probe (one row of per-view aggregates; schema-version-responder.ts). */
const SCHEMA_VERSION_MARKER = "/* catalog:schemaVersion */";

function testServerLimit(message: string): QueryResponse {
  return { error: { number: 50000, state: 1, class: 16, message } };
}

/** The result columns of a bound catalog query, or why the test server cannot encode them. */
function resultColumns(outputs: OutputColumn[] | undefined, query: string): ColumnSpec[] | string {
  if (!outputs) return `catalog query ${query} has no SELECT`;
  const columns: ColumnSpec[] = [];
  for (const output of outputs) {
    const type = output.type === undefined ? undefined : wireType(output.type);
    if (!type)
      return `the TDS test server cannot type result column '${output.name}' (${output.type ?? "an expression"}) of catalog query ${query}: CAST it`;
    columns.push({ name: output.name, type });
  }
  return columns;
}

type CatalogRowsByQuery = ReturnType<typeof catalogRowsFromModel>;

export class CatalogResponder {
  private cached: { model: DatabaseModel; connectionId: number; rows: CatalogRowsByQuery } | undefined;

  constructor(private model: DatabaseModel | undefined) {}

  setModel(model: DatabaseModel): void {
    this.model = model;
    this.cached = undefined;
  }

  private rowsFor(model: DatabaseModel, connectionId: number): CatalogRowsByQuery {
    if (this.cached?.model !== model || this.cached.connectionId !== connectionId) {
      this.cached = { model, connectionId, rows: catalogRowsFromModel(model) };
    }
    return this.cached.rows;
  }

  readonly handler: QueryHandler = (request) => {
    const probe = request.sql.startsWith(SCHEMA_VERSION_MARKER);
    const name = (Object.keys(CATALOG_QUERIES) as CatalogQueryName[]).find((candidate) =>
      request.sql.startsWith(CATALOG_QUERIES[candidate].marker),
    );
    if (!name && !probe) return undefined;
    if (!this.model) {
      return {
        error: {
          number: 50000,
          state: 1,
          class: 16,
          message: "the TDS test server was given no model to answer catalog queries from",
        },
      };
    }
    const bound = bindBatch(request.sql);
    if ("error" in bound) return { error: bound.error };
    const columns = resultColumns(bound.columns, name ?? "schemaVersion");
    if (typeof columns === "string") return testServerLimit(columns);
    if (!name) return answerSchemaVersion(request.sql, columns, this.model);
    const rows = this.rowsFor(this.model, request.connectionId)[name].map((row) =>
      columns.map((column) => (row[column.name] ?? null) as CellValue),
    );
    return { resultSets: [{ columns, rows }] };
  };
}
