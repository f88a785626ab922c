/** AZSQL015: instance configuration through sp_configure and RECONFIGURE. */
import type { AssessmentRule, Finding } from "../types";
import { objectPart } from "../scan";
import { namesOf } from "../context";
import { isWord } from "../../tokenizer";

export const spConfigure: AssessmentRule = {
  id: "AZSQL015",
  title: "sp_configure / RECONFIGURE",
  severity: "blocking",
  detects: "Calls to sp_configure and RECONFIGURE statements (instance-level configuration).",
  recommendation:
    "Instance configuration is managed by the service in Azure SQL Database. Use ALTER DATABASE SCOPED CONFIGURATION for the options that exist per database (MAXDOP, parameter sniffing...) and drop the rest.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      for (const ref of namesOf(unit)) if (objectPart(ref) === "sp_configure") findings.push(ctx.finding(this, unit.object, "calls sp_configure", ref.token));
      for (const t of unit.tokens) if (isWord(t, "RECONFIGURE")) findings.push(ctx.finding(this, unit.object, "RECONFIGURE applies instance configuration", t));
    }
    return findings;
  },
};
