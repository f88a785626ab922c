import type { DatabaseModel } from '../../../provider/schema/model';
import type { QueryHandler } from './query-handler';

/** Placeholder; filled in once provider/sql/catalog-queries.ts exists. */
export class CatalogResponder {
  constructor(private model: DatabaseModel | undefined) {}
  setModel(model: DatabaseModel): void {
    this.model = model;
  }
  readonly handler: QueryHandler = () => undefined;
}
