/** AZSQL007: SQL Server Agent jobs and other use of msdb. */
import type { AssessmentRule, Finding } from "../types";
import { objectPart } from "../scan";
import { namesOf } from "../context";

const AGENT_PROCEDURE = /^sp_(add|update|delete|start|stop)_job|^sp_add_jobstep$|^sp_add_jobschedule$|^sp_add_jobserver$|^sp_add_schedule$|^sp_attach_schedule$/;

export const sqlAgent: AssessmentRule = {
  id: "AZSQL007",
  title: "SQL Server Agent or msdb",
  severity: "blocking",
  detects: "Calls to SQL Agent job procedures (sp_add_job, sp_start_job...) and any other reference to the msdb database (Database Mail is AZSQL009).",
  recommendation:
    "Azure SQL Database has no SQL Server Agent and no msdb. Recreate jobs with Elastic Jobs, Azure Automation or Logic Apps, or migrate to Azure SQL Managed Instance, which has SQL Agent.",
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits()) {
      for (const ref of namesOf(unit)) {
        const name = objectPart(ref);
        if (name === "sp_send_dbmail") continue;
        if (AGENT_PROCEDURE.test(name)) findings.push(ctx.finding(this, unit.object, `calls SQL Agent procedure ${ref.parts.join(".")}`, ref.token));
        else if (ref.parts.length >= 3 && ref.parts[0]!.toLowerCase() === "msdb") findings.push(ctx.finding(this, unit.object, `references ${ref.parts.join(".")} in msdb`, ref.token));
      }
    }
    return findings;
  },
};
