/** AZSQL001: names that really reach into another database (found by name binding, see ../binding.ts). */
import { isThisDatabase } from "../binding";
import type { AssessmentRule, Finding } from "../types";
import { isClaimedBySpecificRule } from "./claimed-names";
import { objectNames, synonymTargetParts } from "./object-names";

/**
 * tempdb stays reachable on Azure SQL Database (#temp tables); msdb has its own rule (AZSQL007), and so do the
 * procedures that the Database Mail, SQL Agent, extended procedure and sp_configure rules report.
 */
const NOT_HERE = new Set(["tempdb", "msdb"]);

export const crossDatabaseReferences: AssessmentRule = {
  id: "AZSQL001",
  title: "Cross-database reference",
  severity: "blocking",
  detects:
    "Three-part object names (`OtherDb.schema.object`, `OtherDb..object`) that, once bound, name another database (see How names are bound: aliases, CTEs, tables, columns with methods and schemas of the model are not databases), and synonyms for another database's objects.",
  recommendation:
    "Azure SQL Database cannot query another database by name. Move the referenced objects into this database, or use elastic query (external data source and external tables), or migrate to Azure SQL Managed Instance.",
  code: { minNameParts: 3 },
  check(ctx) {
    const findings: Finding[] = [];
    const catalog = ctx.catalog();
    for (const unit of ctx.codeUnits(this)) {
      for (const name of objectNames(ctx, unit)) {
        if (name.server !== undefined || name.database === undefined) continue;
        const db = name.database.toLowerCase();
        if (db === "" || isThisDatabase(catalog, db) || NOT_HERE.has(db) || isClaimedBySpecificRule(name.object ?? ""))
          continue;
        findings.push(
          ctx.finding(this, unit.object, `references ${name.parts.join(".")} in database ${name.database}`, name.token),
        );
      }
    }
    for (const synonym of ctx.model.synonyms) {
      const parts = synonymTargetParts(synonym.baseObjectName);
      if (parts.length !== 3) continue;
      const db = parts[0]!.toLowerCase();
      if (db !== "" && !isThisDatabase(catalog, db) && !NOT_HERE.has(db))
        findings.push(ctx.finding(this, synonym, `synonym for ${synonym.baseObjectName} in another database`));
    }
    return findings;
  },
};
