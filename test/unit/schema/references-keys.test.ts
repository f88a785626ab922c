/**
 * The reference finder's catalog of known objects is built from their keys. Keys as schemaObjectKey writes them
 * are split directly, without the tokenizer; schemas whose names hold `]`, `.`, `[` or spaces must still be
 * known as schemas, which is what makes `schema.table.column` in an expression a reference to the table.
 */
import { findReferences } from "../../../provider/schema/references";
import { schemaObjectKey } from "../../../provider/schema/keys";
import { quoteParts } from "../../../provider/schema/quote";

const ODD_NAMES: [string, string][] = [
  ["we]ird", "a b"],
  ["Sales.Archive", "Order].[Lines"],
  ["[bracketed]", "x]]y"],
  ["with space", "T"],
];

test.each(ODD_NAMES)("schema.table.column naming [%s].[%s] is a reference to that table", (schema, name) => {
  const key = schemaObjectKey(schema, name);
  const known = new Set([key, schemaObjectKey("dbo", "Other")]);
  const sql = `SELECT ${quoteParts(schema, name, "Id")} + 1 AS Next`;
  expect(findReferences(sql, "dbo", { known })).toEqual([key]);
});
