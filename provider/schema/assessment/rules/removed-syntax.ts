/** AZSQL019: syntax that no longer parses at the compatibility levels Azure SQL Database offers. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";
import { clauseOfEachToken } from "../scan";

export const removedSyntax: AssessmentRule = {
  id: "AZSQL019",
  title: "Removed T-SQL syntax",
  severity: "blocking",
  detects:
    "Old-style outer joins (`*=` and `=*` in WHERE/HAVING) and the old RAISERROR form without parentheses (`RAISERROR 50001 'text'`).",
  recommendation:
    "These forms were removed after compatibility level 80; Azure SQL Database starts at 100. Rewrite old outer joins as LEFT/RIGHT OUTER JOIN and use RAISERROR(msg, severity, state) or THROW.",
  code: { operators: ["*=", "=*"], words: ["RAISERROR"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      const t = unit.tokens;
      let clauses: (string | undefined)[] | undefined;
      t.forEach((tok, i) => {
        if (tok.type === "operator" && (tok.text === "*=" || tok.text === "=*")) {
          clauses ??= clauseOfEachToken(t);
          const clause = clauses[i];
          if (clause === "WHERE" || clause === "HAVING")
            findings.push(ctx.finding(this, unit.object, `old-style outer join operator ${tok.text}`, tok));
        }
        if (isWord(tok, "RAISERROR") && t[i + 1] !== undefined && t[i + 1]!.text !== "(" && t[i + 1]!.text !== ";") {
          findings.push(ctx.finding(this, unit.object, "RAISERROR without parentheses (old form)", tok));
        }
      });
    }
    return findings;
  },
};
