/** AZSQL016: BULK INSERT and OPENROWSET(BULK ...) reading files that Azure SQL Database cannot reach. */
import { isWord, type Token } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

/** An http(s) URL is not a file of the server (and without DATA_SOURCE it fails on SQL Server too, not only here). */
function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** True when the tokens from `from` to `to` (exclusive) name a DATA_SOURCE option. */
function namesDataSource(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isWord(tokens[i], "DATA_SOURCE")) return true;
  return false;
}

export const bulkFromLocalPath: AssessmentRule = {
  id: "AZSQL016",
  title: "BULK INSERT / OPENROWSET(BULK) from a file path",
  severity: "blocking",
  detects:
    "BULK INSERT and OPENROWSET(BULK ...) reading a file without an external DATA_SOURCE in their own options: a local or UNC path, a relative path, or a path built from a sqlcmd variable ($(DataPath)file.csv).",
  recommendation:
    "Azure SQL Database cannot read the server's file system. Upload the files to Azure Blob Storage and read them with BULK INSERT / OPENROWSET using DATA_SOURCE = an external data source (with a database scoped credential).",
  code: { words: ["BULK"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      const t = unit.tokens;
      for (let i = 0; i < t.length; i++) {
        let path: Token | undefined;
        let optionsEnd = i;
        if (isWord(t[i], "BULK") && isWord(t[i + 1], "INSERT")) {
          // BULK INSERT table FROM 'file' [WITH ( ... )]
          let j = i + 2;
          while (j < t.length && j < i + 12 && !isWord(t[j], "FROM")) j++;
          path = isWord(t[j], "FROM") && t[j + 1]?.type === "string" ? t[j + 1] : undefined;
          optionsEnd = j + 2;
          if (isWord(t[j + 2], "WITH") && t[j + 3]?.text === "(")
            optionsEnd = Math.max(optionsEnd, unit.parens[j + 3]! + 1);
        } else if (isWord(t[i], "OPENROWSET") && t[i + 1]?.text === "(" && isWord(t[i + 2], "BULK")) {
          // OPENROWSET(BULK 'file', DATA_SOURCE = '...', ...)
          path = t[i + 3]?.type === "string" ? t[i + 3] : undefined;
          optionsEnd = unit.parens[i + 1]! > 0 ? unit.parens[i + 1]! : t.length;
        }
        if (path === undefined || isUrl(path.value) || namesDataSource(t, i, optionsEnd)) continue;
        findings.push(
          ctx.finding(
            this,
            unit.object,
            `${isWord(t[i], "BULK") ? "BULK INSERT" : "OPENROWSET(BULK)"} reads ${path.value}`,
            t[i],
          ),
        );
      }
    }
    return findings;
  },
};
