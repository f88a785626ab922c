/** AZSQL002: linked servers — four-part names, OPENQUERY, OPENDATASOURCE and OPENROWSET to a provider. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";
import { namesOf } from "../context";

export const linkedServerReferences: AssessmentRule = {
  id: "AZSQL002",
  title: "Linked server or ad hoc remote query",
  severity: "blocking",
  detects: "Four-part names (`Server.Db.schema.object`), OPENQUERY, OPENDATASOURCE and OPENROWSET with a provider (OPENROWSET(BULK ...) is AZSQL016).",
  recommendation:
    "Azure SQL Database has no linked servers. Replace remote queries with elastic query or an integration pipeline (Azure Data Factory), or migrate to Azure SQL Managed Instance, which supports linked servers.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      const tokens = unit.tokens;
      for (const ref of namesOf(unit)) {
        if (ref.parts.length === 4) findings.push(ctx.finding(this, unit.object, `four-part name ${ref.parts.join(".")} uses linked server ${ref.parts[0]}`, ref.token));
      }
      tokens.forEach((t, i) => {
        if (isWord(t, "OPENQUERY") || isWord(t, "OPENDATASOURCE")) findings.push(ctx.finding(this, unit.object, `${t.upper} reaches a remote data source`, t));
        if (isWord(t, "OPENROWSET") && tokens[i + 1]?.text === "(" && !isWord(tokens[i + 2], "BULK")) findings.push(ctx.finding(this, unit.object, "OPENROWSET reaches a remote data source through an OLE DB provider", t));
      });
    }
    for (const server of ctx.model.serverObjects) {
      if (server.serverObjectType === "LINKED SERVER") findings.push(ctx.finding(this, server, `linked server ${server.name} is defined`));
    }
    return findings;
  },
};
