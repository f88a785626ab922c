/** AZSQL018: text, ntext and image. */
import type { ColumnDef } from "../../model";
import type { AssessmentRule, Finding } from "../types";

const DEPRECATED: Record<string, string> = { text: "varchar(max)", ntext: "nvarchar(max)", image: "varbinary(max)" };

function deprecatedColumns(columns: ColumnDef[]): string[] {
  return columns
    .filter((c) => c.typeSchema === undefined && DEPRECATED[c.typeName.toLowerCase()] !== undefined)
    .map((c) => `${c.name} ${c.typeName} (use ${DEPRECATED[c.typeName.toLowerCase()]})`);
}

export const deprecatedTypes: AssessmentRule = {
  id: "AZSQL018",
  title: "Deprecated data type",
  severity: "warning",
  detects: "Columns of tables and table types, and alias types, declared as text, ntext or image.",
  recommendation:
    "text, ntext and image still work but are deprecated and block many features (string functions, online index operations). Change them to varchar(max), nvarchar(max) and varbinary(max); the change is not applied automatically because it alters the column definitions.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const table of ctx.model.tables) {
      const cols = deprecatedColumns(table.columns);
      if (cols.length > 0) findings.push(ctx.finding(this, table, `deprecated types: ${cols.join(", ")}`));
    }
    for (const type of ctx.model.types) {
      if (type.kind === "tableType") {
        const cols = deprecatedColumns(type.columns);
        if (cols.length > 0) findings.push(ctx.finding(this, type, `deprecated types: ${cols.join(", ")}`));
      } else if (DEPRECATED[type.baseType.toLowerCase()] !== undefined) {
        findings.push(ctx.finding(this, type, `alias type based on ${type.baseType}`));
      }
    }
    return findings;
  },
};
