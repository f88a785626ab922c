/** AZSQL003: CLR assemblies and the modules and types implemented by them. */
import type { AssessmentRule, Finding } from "../types";
import { findWords } from "../scan";

export const clrAssemblies: AssessmentRule = {
  id: "AZSQL003",
  title: "CLR assembly or CLR module",
  severity: "blocking",
  detects:
    "CREATE ASSEMBLY, and functions, procedures, triggers, types and aggregates implemented by a CLR assembly (EXTERNAL NAME). Methods of the built-in CLR types (xml, hierarchyid, geography, geometry) are not CLR code of the database and do not count.",
  recommendation:
    "Azure SQL Database does not run CLR code. Rewrite the logic in T-SQL or move it to the application (or an Azure Function), or migrate to Azure SQL Managed Instance, which supports SAFE CLR assemblies.",
  code: { words: ["EXTERNAL"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const assembly of ctx.model.assemblies) {
      findings.push(
        ctx.finding(this, assembly, `CLR assembly ${assembly.name} (PERMISSION_SET = ${assembly.permissionSet})`),
      );
    }
    for (const unit of ctx.codeUnits(this)) {
      if (unit.object.kind === "assembly") continue;
      const at = findWords(unit.tokens, "EXTERNAL", "NAME")[0];
      if (at !== undefined)
        findings.push(ctx.finding(this, unit.object, "implemented by a CLR assembly (EXTERNAL NAME)", unit.tokens[at]));
    }
    return findings;
  },
};
