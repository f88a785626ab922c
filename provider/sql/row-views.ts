/**
 * Rows read by column name over the driver's arrays of values, without building an object keyed by column name
 * per row (for catalog result sets of 100 000 rows, that object per row was most of the driver's time and memory).
 * All rows of one result set share a class whose getters read their column's position, so `row.name` works as
 * on a keyed row, with a single small object per row.
 */

/** Makes the rows of one result set whose select list is `columns`: `view(values).name` is the `name` column. */
export function rowViews(columns: readonly string[]): (values: unknown[]) => object {
  class RowView {
    constructor(readonly values: unknown[]) {}
  }
  columns.forEach((column, position) => {
    // The first of two columns with one name wins, as the first is what a keyed row would keep.
    if (Object.prototype.hasOwnProperty.call(RowView.prototype, column)) return;
    Object.defineProperty(RowView.prototype, column, {
      get(this: RowView) {
        return this.values[position];
      },
      enumerable: true,
    });
  });
  return (values) => new RowView(values);
}
