/** AZSQL009: Database Mail. */
import type { AssessmentRule, Finding } from "../types";
import { isModelObject, objectNames } from "./object-names";

export const databaseMail: AssessmentRule = {
  id: "AZSQL009",
  title: "Database Mail",
  severity: "blocking",
  detects: "Calls to sp_send_dbmail (msdb.dbo.sp_send_dbmail).",
  recommendation:
    "Azure SQL Database has no Database Mail. Send mail from the application, a Logic App or Azure Communication Services (for example triggered from an outbox table), or migrate to Azure SQL Managed Instance.",
  code: { words: ["sp_send_dbmail"] },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      for (const name of objectNames(ctx, unit)) {
        if ((name.object ?? "").toLowerCase() === "sp_send_dbmail" && !isModelObject(ctx, unit, name)) {
          findings.push(ctx.finding(this, unit.object, `sends mail with ${name.parts.join(".")}`, name.token));
        }
      }
    }
    return findings;
  },
};
