/** AZSQL017: storage placed on filegroups other than PRIMARY (directly or through a partition scheme). */
import { cloneJson } from "../../generator/clone";
import type { DataSpaceRef, DatabaseModel, PartitionSchemeDef, TableDef, ViewDef } from "../../model";
import { isWord, significantTokens } from "../../tokenizer";
import type { AssessmentRule, Finding } from "../types";

function isPrimary(name: string): boolean {
  return name.toUpperCase() === "PRIMARY";
}

function schemeOnOtherFilegroups(scheme: PartitionSchemeDef): boolean {
  return scheme.filegroups.some((fg) => !isPrimary(fg));
}

/** A data space that Azure SQL Database cannot honour: a non-PRIMARY filegroup. Partition schemes are judged on their own. */
function isOffPrimary(ds: DataSpaceRef | undefined): ds is DataSpaceRef {
  return ds !== undefined && ds.kind === "filegroup" && !isPrimary(ds.name);
}

/** ALTER DATABASE ... ADD FILE / ADD LOG FILE (read from tokens: words in comments or strings do not count). */
function isAddFile(s: { firstWords: string; sql: string }): boolean {
  if (s.firstWords !== "ALTER DATABASE") return false;
  const t = significantTokens(s.sql);
  return t.some(
    (tok, i) =>
      isWord(tok, "ADD") && (isWord(t[i + 1], "FILE") || (isWord(t[i + 1], "LOG") && isWord(t[i + 2], "FILE"))),
  );
}

function clearPlacement(holder: { dataSpace?: DataSpaceRef }): void {
  if (isOffPrimary(holder.dataSpace)) delete holder.dataSpace;
}

/** True when the fix changes something of the table: a placement of it, its keys or indexes, or TEXTIMAGE_ON. */
function tableOffPrimary(table: TableDef): boolean {
  return (
    isOffPrimary(table.dataSpace) ||
    isOffPrimary(table.primaryKey?.dataSpace) ||
    table.uniqueConstraints.some((k) => isOffPrimary(k.dataSpace)) ||
    table.indexes.some((ix) => isOffPrimary(ix.dataSpace)) ||
    (table.lobFilegroup !== undefined && !isPrimary(table.lobFilegroup))
  );
}

/** Takes a table (the fix's own copy) off non-PRIMARY filegroups. */
function tableOnPrimary(table: TableDef): TableDef {
  clearPlacement(table);
  if (table.primaryKey !== undefined) clearPlacement(table.primaryKey);
  table.uniqueConstraints.forEach(clearPlacement);
  table.indexes.forEach(clearPlacement);
  if (table.lobFilegroup !== undefined && !isPrimary(table.lobFilegroup)) delete table.lobFilegroup;
  return table;
}

/** Takes an indexed view's indexes (the fix's own copy) off non-PRIMARY filegroups. */
function viewOnPrimary(view: ViewDef): ViewDef {
  view.indexes?.forEach(clearPlacement);
  return view;
}

export const filegroupPlacement: AssessmentRule = {
  id: "AZSQL017",
  title: "Filegroup or partition scheme placement",
  severity: "warning",
  detects:
    "Tables, indexes and constraints placed ON a filegroup other than PRIMARY (including TEXTIMAGE_ON), partition schemes mapped to other filegroups, ALTER DATABASE ADD FILEGROUP / ADD FILE.",
  recommendation:
    "Azure SQL Database stores everything in PRIMARY and manages files itself. Placement clauses are dropped; partitioning is kept with every partition on PRIMARY.",
  fix: {
    description:
      "Placement on non-PRIMARY filegroups removed (objects go to PRIMARY); partition schemes remapped ALL TO ([PRIMARY]); ADD FILEGROUP / ADD FILE dropped.",
    // Objects are the source's (RuleFix): a table or view to change is copied first, and put in the copy's list.
    apply(model: DatabaseModel) {
      model.tables = model.tables.map((t) => (tableOffPrimary(t) ? tableOnPrimary(cloneJson(t)) : t));
      model.views = model.views.map((v) =>
        v.indexes?.some((ix) => isOffPrimary(ix.dataSpace)) === true ? viewOnPrimary(cloneJson(v)) : v,
      );
      model.partitionSchemes = model.partitionSchemes.map((scheme) =>
        schemeOnOtherFilegroups(scheme) ? { ...cloneJson(scheme), all: true, filegroups: ["PRIMARY"] } : scheme,
      );
      model.filegroups = model.filegroups.filter((fg) => fg.type !== "rows");
      model.statements = model.statements.filter((s) => !isAddFile(s));
    },
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const table of ctx.model.tables) {
      const placed: string[] = [];
      if (isOffPrimary(table.dataSpace)) placed.push(`table on ${table.dataSpace.name}`);
      if (table.lobFilegroup !== undefined && !isPrimary(table.lobFilegroup))
        placed.push(`TEXTIMAGE_ON ${table.lobFilegroup}`);
      for (const k of [...(table.primaryKey !== undefined ? [table.primaryKey] : []), ...table.uniqueConstraints]) {
        if (isOffPrimary(k.dataSpace)) placed.push(`constraint ${k.name ?? "(unnamed)"} on ${k.dataSpace.name}`);
      }
      for (const ix of table.indexes)
        if (isOffPrimary(ix.dataSpace)) placed.push(`index ${ix.name} on ${ix.dataSpace.name}`);
      if (placed.length > 0) findings.push(ctx.finding(this, table, `${table.key}: ${placed.join("; ")}`));
    }
    for (const view of ctx.model.views) {
      const placed = (view.indexes ?? [])
        .filter((ix) => isOffPrimary(ix.dataSpace))
        .map((ix) => `index ${ix.name} on ${ix.dataSpace!.name}`);
      if (placed.length > 0) findings.push(ctx.finding(this, view, `${view.key}: ${placed.join("; ")}`));
    }
    for (const scheme of ctx.model.partitionSchemes) {
      if (schemeOnOtherFilegroups(scheme))
        findings.push(
          ctx.finding(this, scheme, `partition scheme ${scheme.name} maps to ${scheme.filegroups.join(", ")}`),
        );
    }
    for (const fg of ctx.model.filegroups)
      if (fg.type === "rows") findings.push(ctx.finding(this, fg, `filegroup ${fg.name} cannot be created`));
    for (const s of ctx.model.statements)
      if (isAddFile(s)) findings.push(ctx.finding(this, s, "ALTER DATABASE ADD FILE manages files the service owns"));
    return findings;
  },
};
