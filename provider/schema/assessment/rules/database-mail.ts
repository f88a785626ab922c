/** AZSQL009: Database Mail. */
import type { AssessmentRule, Finding } from "../types";
import { objectPart } from "../scan";
import { namesOf } from "../context";

export const databaseMail: AssessmentRule = {
  id: "AZSQL009",
  title: "Database Mail",
  severity: "blocking",
  detects: "Calls to sp_send_dbmail (msdb.dbo.sp_send_dbmail).",
  recommendation:
    "Azure SQL Database has no Database Mail. Send mail from the application, a Logic App or Azure Communication Services (for example triggered from an outbox table), or migrate to Azure SQL Managed Instance.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      for (const ref of namesOf(unit)) {
        if (objectPart(ref) === "sp_send_dbmail") findings.push(ctx.finding(this, unit.object, `sends mail with ${ref.parts.join(".")}`, ref.token));
      }
    }
    return findings;
  },
};
