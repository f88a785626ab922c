/** AZSQL014: trace flags and DBCC commands Azure SQL Database does not support. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

/** DBCC commands that need server-level control and are not available in Azure SQL Database. */
const UNSUPPORTED_DBCC = new Set([
  "TRACEON",
  "TRACEOFF",
  "TRACESTATUS",
  "DROPCLEANBUFFERS",
  "FREESYSTEMCACHE",
  "FREESESSIONCACHE",
  "SQLPERF",
  "CHECKALLOC",
  "CHECKCATALOG",
  "CHECKFILEGROUP",
  "DBREINDEX",
  "INDEXDEFRAG",
  "SHRINKFILE",
  "PAGE",
  "IND",
  "LOG",
  "MEMORYSTATUS",
  "OPENTRAN",
  "UPDATEUSAGE",
]);

export const dbccAndTraceFlags: AssessmentRule = {
  id: "AZSQL014",
  title: "Trace flag or unsupported DBCC command",
  severity: "blocking",
  detects: `DBCC TRACEON/TRACEOFF (trace flags) and DBCC commands that are not available: ${[...UNSUPPORTED_DBCC].sort().join(", ")}.`,
  recommendation:
    "Trace flags cannot be set in Azure SQL Database. Use database-scoped configuration (ALTER DATABASE SCOPED CONFIGURATION) or query hints for the behaviour the trace flag enabled, and remove maintenance DBCC calls (the service manages them).",
  code: { words: ["DBCC"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      unit.tokens.forEach((t, i) => {
        if (!isWord(t, "DBCC")) return;
        const command = unit.tokens[i + 1];
        if (command !== undefined && command.type !== "quotedIdentifier" && UNSUPPORTED_DBCC.has(command.upper))
          findings.push(ctx.finding(this, unit.object, `DBCC ${command.upper} is not supported`, t));
      });
    }
    return findings;
  },
};
