/** AZSQL001: three-part names that reach into another database. */
import type { AssessmentRule, Finding } from "../types";
import { objectPart } from "../scan";
import { namesOf } from "../context";
import { isClaimedBySpecificRule } from "./claimed-names";

/** tempdb stays reachable on Azure SQL Database (#temp tables); msdb and mail/agent use have their own rules. */
const ALLOWED_DATABASES = new Set(["tempdb"]);

export const crossDatabaseReferences: AssessmentRule = {
  id: "AZSQL001",
  title: "Cross-database reference",
  severity: "blocking",
  detects: "Three-part names (`OtherDb.schema.object`, `OtherDb..object`) naming a database other than the one being migrated.",
  recommendation:
    "Azure SQL Database cannot query another database by name. Move the referenced objects into this database, or use elastic query (external data source and external tables), or migrate to Azure SQL Managed Instance.",
  check(ctx) {
    const findings: Finding[] = [];
    const own = ctx.model.databaseName?.toLowerCase();
    for (const unit of ctx.codeUnits()) {
      for (const ref of namesOf(unit)) {
        if (ref.parts.length !== 3) continue;
        const db = ref.parts[0]!.toLowerCase();
        if (db === "" || db === own || ALLOWED_DATABASES.has(db) || db === "msdb" || isClaimedBySpecificRule(objectPart(ref))) continue;
        findings.push(ctx.finding(this, unit.object, `references ${ref.parts.join(".")} in database ${ref.parts[0]}`, ref.token));
      }
    }
    for (const synonym of ctx.model.synonyms) {
      const parts = synonym.baseObjectName.split(".");
      const db = parts.length === 3 ? parts[0]!.replace(/^\[|\]$/g, "").replace(/]]/g, "]").toLowerCase() : "";
      if (db !== "" && db !== own && !ALLOWED_DATABASES.has(db)) findings.push(ctx.finding(this, synonym, `synonym for ${synonym.baseObjectName} in another database`));
    }
    return findings;
  },
};
