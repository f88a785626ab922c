/** AZSQL008: xp_cmdshell and other extended stored procedures, and OLE Automation (sp_OA*). */
import type { AssessmentRule, Finding } from "../types";
import { objectPart } from "../scan";
import { namesOf } from "../context";

export const extendedProcedures: AssessmentRule = {
  id: "AZSQL008",
  title: "Extended stored procedure",
  severity: "blocking",
  detects: "References to extended stored procedures (xp_cmdshell, xp_regread, any xp_*) and OLE Automation procedures (sp_OACreate...).",
  recommendation:
    "Azure SQL Database has no extended stored procedures and no operating-system access. Move file, registry and shell work to the application or to Azure Functions / Automation.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      for (const ref of namesOf(unit)) {
        const name = objectPart(ref);
        if (name.startsWith("xp_") || name.startsWith("sp_oa")) findings.push(ctx.finding(this, unit.object, `calls ${ref.parts[ref.parts.length - 1]}`, ref.token));
      }
    }
    return findings;
  },
};
