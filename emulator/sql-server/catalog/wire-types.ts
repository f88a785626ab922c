/** How a documented catalog type travels in a TDS result set (the types the test server can encode). */
import type { ColumnType } from "../protocol/column-encoding";
import type { DocumentedType } from "./catalog-knowledge";

export function wireType(type: DocumentedType): ColumnType | undefined {
  const match = /^(\w+)\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(type.trim().toLowerCase());
  if (!match) return undefined;
  const [, name, size, scale] = match;
  const length = size === "max" ? "max" : size === undefined ? undefined : Number(size);
  switch (name) {
    case "int":
    case "bigint":
    case "smallint":
    case "tinyint":
    case "bit":
    case "float":
    case "uniqueidentifier":
      return { type: name };
    case "sysname":
      return { type: "nvarchar", length: 128 };
    case "nvarchar":
    case "nchar":
      return { type: "nvarchar", length: length ?? 1 };
    case "varchar":
    case "char":
      return { type: "varchar", length: length ?? 1 };
    case "varbinary":
    case "binary":
      return { type: "varbinary", length: length ?? 1 };
    case "decimal":
    case "numeric":
      return { type: name, precision: typeof length === "number" ? length : 18, scale: Number(scale ?? 0) };
    case "datetime":
    case "datetime2":
      return { type: "datetime2", scale: 3 };
    default:
      return undefined; // sql_variant, xml...: a query must CONVERT them
  }
}
