/** AZSQL007: SQL Server Agent jobs and other use of msdb. */
import type { AssessmentRule, Finding } from "../types";
import { isModelObject, objectNames, synonymTargetParts } from "./object-names";

const AGENT_PROCEDURE =
  /^sp_(add|update|delete|start|stop)_job|^sp_add_jobstep$|^sp_add_jobschedule$|^sp_add_jobserver$|^sp_add_schedule$|^sp_attach_schedule$/;

export const sqlAgent: AssessmentRule = {
  id: "AZSQL007",
  title: "SQL Server Agent or msdb",
  severity: "blocking",
  detects:
    "Calls to SQL Agent job procedures (sp_add_job, sp_start_job...) and any other reference to an object in the msdb database, synonyms included (Database Mail is AZSQL009).",
  recommendation:
    "Azure SQL Database has no SQL Server Agent and no msdb. Recreate jobs with Elastic Jobs, Azure Automation or Logic Apps, or migrate to Azure SQL Managed Instance, which has SQL Agent.",
  code: {
    words: ["msdb"],
    prefixes: [
      "sp_add_job",
      "sp_update_job",
      "sp_delete_job",
      "sp_start_job",
      "sp_stop_job",
      "sp_add_schedule",
      "sp_attach_schedule",
    ],
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const unit of ctx.codeUnits(this)) {
      for (const name of objectNames(ctx, unit)) {
        const object = (name.object ?? "").toLowerCase();
        if (object === "sp_send_dbmail") continue;
        if (AGENT_PROCEDURE.test(object) && !isModelObject(ctx, unit, name))
          findings.push(
            ctx.finding(this, unit.object, `calls SQL Agent procedure ${name.parts.join(".")}`, name.token),
          );
        else if (name.database?.toLowerCase() === "msdb" && name.server === undefined)
          findings.push(ctx.finding(this, unit.object, `references ${name.parts.join(".")} in msdb`, name.token));
      }
    }
    for (const synonym of ctx.model.synonyms) {
      const parts = synonymTargetParts(synonym.baseObjectName);
      if (parts.length === 3 && parts[0]!.toLowerCase() === "msdb")
        findings.push(ctx.finding(this, synonym, `synonym for ${synonym.baseObjectName} in msdb`));
    }
    return findings;
  },
};
