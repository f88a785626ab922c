/**
 * The text of the data-verification queries. Each starts with a marker comment, so the TDS test
 * server (and anyone reading a server trace) can tell what a query is for without parsing SQL.
 * Table names are always bracket-quoted; nothing from input is concatenated unquoted.
 */
import { quoteParts } from "../schema/quote";
import type { QualifiedName } from "../schema/model";

export const VERIFY_MARKERS = {
  rowCount: "/* verify:row-count */",
  checksum: "/* verify:checksum */",
} as const;

/** COUNT_BIG, because a table can hold more than 2^31 rows. */
export function rowCountQuery(table: QualifiedName): string {
  return `${VERIFY_MARKERS.rowCount}\nSELECT COUNT_BIG(*) AS [row_count] FROM ${quoteParts(table.schema, table.name)};`;
}

/**
 * An order-independent checksum of every column of every row. BINARY_CHECKSUM skips columns of
 * non-comparable types (text, ntext, image, xml, cursor), so equal checksums are strong evidence,
 * not proof, that source and target hold the same data.
 */
export function checksumQuery(table: QualifiedName): string {
  return `${VERIFY_MARKERS.checksum}\nSELECT CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS [checksum] FROM ${quoteParts(table.schema, table.name)};`;
}
