/**
 * Answers the catalog queries of provider/sql/catalog.ts from a schema model. A query is
 * recognised by the marker comment it starts with; its result columns and their SQL types come
 * from the query's own declaration in CATALOG_QUERIES, so the answer has exactly the shape the
 * extractor reads.
 */
import { CATALOG_QUERIES, type CatalogColumnType, type CatalogQueryName } from '../../../provider/sql/catalog-queries';
import type { DatabaseModel } from '../../../provider/schema/model';
import { catalogRowsFromModel } from './catalog-rows-from-model';
import type { CellValue, ColumnSpec, ColumnType, QueryHandler } from './query-handler';

function wireType(type: CatalogColumnType): ColumnType {
  switch (type) {
    case 'int':
    case 'smallint':
    case 'tinyint':
    case 'bit':
      return { type };
    case 'nvarchar':
      return { type: 'nvarchar', length: 4000 };
    case 'nvarchar(max)':
      return { type: 'nvarchar', length: 'max' };
  }
}

export class CatalogResponder {
  constructor(private model: DatabaseModel | undefined) {}

  setModel(model: DatabaseModel): void {
    this.model = model;
  }

  readonly handler: QueryHandler = (request) => {
    const name = (Object.keys(CATALOG_QUERIES) as CatalogQueryName[]).find((candidate) => request.sql.startsWith(CATALOG_QUERIES[candidate].marker));
    if (!name) return undefined;
    if (!this.model) {
      return { error: { number: 50000, state: 1, class: 16, message: 'the TDS test server was given no model to answer catalog queries from' } };
    }
    const declared = CATALOG_QUERIES[name].columns as Record<string, CatalogColumnType>;
    const columns: ColumnSpec[] = Object.entries(declared).map(([column, type]) => ({ name: column, type: wireType(type) }));
    const rows = catalogRowsFromModel(this.model)[name].map((row) => columns.map((column) => (row[column.name] ?? null) as CellValue));
    return { resultSets: [{ columns, rows }] };
  };
}
