/**
 * Answers the catalog queries of provider/sql/catalog.ts from a schema model. A query is
 * recognised by the marker comment it starts with; its result columns and their SQL types come
 * from the query's own declaration in CATALOG_QUERIES, so the answer has exactly the shape the
 * extractor reads.
 *
 * The catalog rows of the whole model are built once per connection and model, not once per query: an
 * extraction sends every catalog query on one connection, and rebuilding the rows for each of them made the
 * server's work grow with (queries × objects). A new connection or setModel rebuilds them, so a model changed
 * between two extractions is still served as it is then.
 */
import { CATALOG_QUERIES, type CatalogColumnType, type CatalogQueryName } from "../../provider/sql/catalog-queries";
import type { DatabaseModel } from "../../provider/schema/model";
import { catalogRowsFromModel } from "./catalog-rows-from-model";
import type { CellValue, ColumnSpec, ColumnType, QueryHandler } from "./query-handler";

function wireType(type: CatalogColumnType): ColumnType {
  switch (type) {
    case "int":
    case "smallint":
    case "tinyint":
    case "bit":
      return { type };
    case "nvarchar":
      return { type: "nvarchar", length: 4000 };
    case "nvarchar(max)":
      return { type: "nvarchar", length: "max" };
  }
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
    const name = (Object.keys(CATALOG_QUERIES) as CatalogQueryName[]).find((candidate) =>
      request.sql.startsWith(CATALOG_QUERIES[candidate].marker),
    );
    if (!name) return undefined;
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
    const declared = CATALOG_QUERIES[name].columns as Record<string, CatalogColumnType>;
    const columns: ColumnSpec[] = Object.entries(declared).map(([column, type]) => ({
      name: column,
      type: wireType(type),
    }));
    const rows = this.rowsFor(this.model, request.connectionId)[name].map((row) =>
      columns.map((column) => (row[column.name] ?? null) as CellValue),
    );
    return { resultSets: [{ columns, rows }] };
  };
}
