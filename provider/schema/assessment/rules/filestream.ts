/** AZSQL004 (FILESTREAM) and AZSQL005 (FileTable). */
import type { AssessmentRule, Finding } from "../types";

export const filestream: AssessmentRule = {
  id: "AZSQL004",
  title: "FILESTREAM",
  severity: "blocking",
  detects: "FILESTREAM columns, FILESTREAM_ON placement and FILESTREAM filegroups.",
  recommendation:
    "Azure SQL Database does not support FILESTREAM. Store the files in Azure Blob Storage and keep their URLs (or varbinary(max) for small files) in the table.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const table of ctx.model.tables) {
      for (const col of table.columns)
        if (col.isFilestream === true)
          findings.push(ctx.finding(this, table, `column ${col.name} is a FILESTREAM column`));
      if (table.filestreamFilegroup !== undefined)
        findings.push(ctx.finding(this, table, `FILESTREAM data placed on ${table.filestreamFilegroup}`));
    }
    for (const fg of ctx.model.filegroups)
      if (fg.type === "filestream")
        findings.push(ctx.finding(this, fg, `filegroup ${fg.name} contains FILESTREAM data`));
    return findings;
  },
};

export const fileTable: AssessmentRule = {
  id: "AZSQL005",
  title: "FileTable",
  severity: "blocking",
  detects: "Tables created AS FILETABLE.",
  recommendation:
    "Azure SQL Database does not support FileTables. Move the files to Azure Files or Azure Blob Storage and keep a regular table of metadata.",
  check(ctx) {
    return ctx.model.tables.filter((t) => t.isFileTable).map((t) => ctx.finding(this, t, `${t.key} is a FileTable`));
  },
};
