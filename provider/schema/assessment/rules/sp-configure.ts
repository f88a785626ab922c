/** AZSQL015: instance configuration through sp_configure and RECONFIGURE. */
import { isWord } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";
import { isModelObject, objectNames } from "./object-names";

export const spConfigure: AssessmentRule = {
  id: "AZSQL015",
  title: "sp_configure / RECONFIGURE",
  severity: "blocking",
  detects: "Calls to sp_configure and RECONFIGURE statements (instance-level configuration).",
  recommendation:
    "Instance configuration is managed by the service in Azure SQL Database. Use ALTER DATABASE SCOPED CONFIGURATION for the options that exist per database (MAXDOP, parameter sniffing...) and drop the rest.",
  code: { words: ["sp_configure", "RECONFIGURE"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      for (const name of objectNames(ctx, unit)) {
        if ((name.object ?? "").toLowerCase() === "sp_configure" && !isModelObject(ctx, unit, name))
          findings.push(ctx.finding(this, unit.object, "calls sp_configure", name.token));
      }
      for (const t of unit.tokens)
        if (isWord(t, "RECONFIGURE"))
          findings.push(ctx.finding(this, unit.object, "RECONFIGURE applies instance configuration", t));
    }
    return findings;
  },
};
