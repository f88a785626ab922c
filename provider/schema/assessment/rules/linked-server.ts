/** AZSQL002: linked servers — four-part object names, EXECUTE ... AT, OPENQUERY, OPENDATASOURCE, OPENROWSET to a provider. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";
import { isClaimedBySpecificRule } from "./claimed-names";
import { objectNames, synonymTargetParts } from "./object-names";

export const linkedServerReferences: AssessmentRule = {
  id: "AZSQL002",
  title: "Linked server or ad hoc remote query",
  severity: "blocking",
  detects:
    "Four-part object names (`Server.Db.schema.object`, not `schema.table.column.Method()`), EXECUTE (...) AT a linked server, OPENQUERY, OPENDATASOURCE and OPENROWSET with a provider (OPENROWSET(BULK ...) is AZSQL016), synonyms for a linked server's objects, and linked server definitions.",
  recommendation:
    "Azure SQL Database has no linked servers. Replace remote queries with elastic query or an integration pipeline (Azure Data Factory), or migrate to Azure SQL Managed Instance, which supports linked servers.",
  code: { minNameParts: 4, words: ["OPENQUERY", "OPENDATASOURCE", "OPENROWSET", "AT"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      const tokens = unit.tokens;
      for (const name of objectNames(ctx, unit)) {
        if (name.server === undefined || isClaimedBySpecificRule(name.object ?? "")) continue;
        findings.push(
          ctx.finding(
            this,
            unit.object,
            `four-part name ${name.parts.join(".")} uses linked server ${name.server}`,
            name.token,
          ),
        );
      }
      tokens.forEach((t, i) => {
        if (isWord(t, "OPENQUERY") || isWord(t, "OPENDATASOURCE"))
          findings.push(ctx.finding(this, unit.object, `${t.upper} reaches a remote data source`, t));
        if (isWord(t, "OPENROWSET") && tokens[i + 1]?.text === "(" && !isWord(tokens[i + 2], "BULK"))
          findings.push(
            ctx.finding(this, unit.object, "OPENROWSET reaches a remote data source through an OLE DB provider", t),
          );
        // EXECUTE ('...') AT LinkedServer
        if ((isWord(t, "EXEC") || isWord(t, "EXECUTE")) && tokens[i + 1]?.text === "(") {
          const close = unit.parens[i + 1]!;
          const server = close > 0 && isWord(tokens[close + 1], "AT") ? tokens[close + 2] : undefined;
          if (server !== undefined && (server.type === "identifier" || server.type === "quotedIdentifier")) {
            findings.push(
              ctx.finding(this, unit.object, `EXECUTE ... AT ${server.value} runs the batch on a linked server`, t),
            );
          }
        }
      });
    }
    for (const synonym of ctx.model.synonyms) {
      const parts = synonymTargetParts(synonym.baseObjectName);
      if (parts.length === 4)
        findings.push(ctx.finding(this, synonym, `synonym for ${synonym.baseObjectName} on linked server ${parts[0]}`));
    }
    for (const server of ctx.model.serverObjects) {
      if (server.serverObjectType === "LINKED SERVER")
        findings.push(ctx.finding(this, server, `linked server ${server.name} is defined`));
    }
    return findings;
  },
};
