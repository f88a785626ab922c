/** AZSQL008: xp_cmdshell and other extended stored procedures, and OLE Automation (sp_OA*). */
import type { AssessmentRule, Finding } from "../types";
import { isModelObject, objectNames } from "./object-names";

export const extendedProcedures: AssessmentRule = {
  id: "AZSQL008",
  title: "Extended stored procedure",
  severity: "blocking",
  detects:
    "Calls to extended stored procedures (xp_cmdshell, xp_regread, any xp_*) and OLE Automation procedures (sp_OACreate...) that the database does not define itself; columns or variables named xp_... do not count.",
  recommendation:
    "Azure SQL Database has no extended stored procedures and no operating-system access. Move file, registry and shell work to the application or to Azure Functions / Automation.",
  code: { prefixes: ["xp_", "sp_oa"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      for (const name of objectNames(ctx, unit)) {
        const object = (name.object ?? "").toLowerCase();
        if (!object.startsWith("xp_") && !object.startsWith("sp_oa")) continue;
        if (isModelObject(ctx, unit, name)) continue;
        findings.push(ctx.finding(this, unit.object, `calls ${name.object}`, name.token));
      }
    }
    return findings;
  },
};
