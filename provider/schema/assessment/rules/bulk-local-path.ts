/** AZSQL016: BULK INSERT and OPENROWSET(BULK ...) reading local or UNC paths. */
import { isWord, type Token } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

/** C:\..., \\server\share\..., or a relative path: anything that is not read through an external data source. */
function isFileSystemPath(value: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(value) || value.startsWith("\\\\") || value.startsWith("/") || value.startsWith(".");
}

/** True when the statement names DATA_SOURCE = ..., i.e. reads from Azure Blob Storage. */
function usesDataSource(tokens: Token[], from: number): boolean {
  for (let i = from; i < tokens.length && i < from + 60; i++) if (isWord(tokens[i], "DATA_SOURCE")) return true;
  return false;
}

export const bulkFromLocalPath: AssessmentRule = {
  id: "AZSQL016",
  title: "BULK INSERT / OPENROWSET(BULK) from a file path",
  severity: "blocking",
  detects: "BULK INSERT and OPENROWSET(BULK ...) reading a local or UNC file path without an external DATA_SOURCE.",
  recommendation:
    "Azure SQL Database cannot read the server's file system. Upload the files to Azure Blob Storage and read them with BULK INSERT / OPENROWSET using DATA_SOURCE = an external data source (with a database scoped credential).",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      const t = unit.tokens;
      for (let i = 0; i < t.length; i++) {
        const bulkInsert = isWord(t[i], "BULK") && isWord(t[i + 1], "INSERT");
        const openrowsetBulk = isWord(t[i], "OPENROWSET") && t[i + 1]?.text === "(" && isWord(t[i + 2], "BULK");
        if (!bulkInsert && !openrowsetBulk) continue;
        const pathToken = t.slice(i, i + 12).find((x) => x.type === "string");
        if (pathToken === undefined || usesDataSource(t, i) || !isFileSystemPath(pathToken.value)) continue;
        findings.push(ctx.finding(this, unit.object, `${bulkInsert ? "BULK INSERT" : "OPENROWSET(BULK)"} reads ${pathToken.value}`, t[i]));
      }
    }
    return findings;
  },
};
