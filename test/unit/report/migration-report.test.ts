/**
 * The migration report: built from a migration's facts and the per-table files beside it, valid against the
 * exported schema, readable (headline first, every section), and free of secrets.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { buildReport, migrationReportSchema, renderReportMarkdown, type ReportFacts } from "../../../provider/report";

const dir = mkdtempSync(path.join(tmpdir(), "report-"));
const validationFile = path.join(dir, "SalesDb.validation.json");
const dataMoveFile = path.join(dir, "SalesDb.data-move.json");
writeFileSync(
  validationFile,
  JSON.stringify({
    tables: [
      {
        table: "dbo.Customers",
        method: "rowCount",
        verdict: "match",
        sourceRows: "1200",
        targetRows: "1200",
        durationMs: 3,
      },
      {
        table: "dbo.Orders",
        method: "rowCount",
        verdict: "mismatch",
        sourceRows: "4000",
        targetRows: "3999",
        durationMs: 4,
      },
    ],
  }),
);
writeFileSync(
  dataMoveFile,
  JSON.stringify({
    tables: [{ table: "dbo.Orders", status: "Succeeded", rowsCopied: 4000, throughputKBps: 12.5, durationSeconds: 40 }],
  }),
);

const facts = (phase: string): ReportFacts => ({
  migration: "sales",
  engine: "dms",
  apiVersions: ["2025-06-30"],
  phase,
  schema: {
    assessment: { blocking: 0, warning: 2, info: 1, blockingRuleIds: [] },
    appliedFixes: ["AZSQL010"],
    omittedObjects: [],
    heldBack: [],
    deployed: true,
    plannedBatchCount: 12,
    deployedBatchCount: 12,
    anomalies: { clean: true, missing: [], extra: [], different: [] },
  },
  databases: [
    {
      database: "Sales",
      targetDatabase: "SalesDb",
      phase,
      state: "Succeeded",
      startedOn: "2026-12-02T10:00:00Z",
      endedOn: "2026-12-02T10:05:00Z",
      rowsCopied: 5200,
      errors: [],
      dataMoveFile,
      validation: {
        verdict: "validationFailed",
        depth: "rowCount",
        tables: 2,
        matched: 1,
        mismatched: 1,
        errors: 0,
        resultFile: validationFile,
        startedAt: "2026-12-02T10:05:00Z",
        endedAt: "2026-12-02T10:05:02Z",
      },
    },
  ],
});

test("every section is there, valid against the exported schema, headline first", async () => {
  const report = await buildReport(facts("validationFailed"), new Date("2026-12-02T10:06:00Z"));
  expect(migrationReportSchema.parse(report)).toEqual(report);
  expect(report.summary).toMatchObject({
    phase: "validationFailed",
    databases: 1,
    rowsCopied: 5200,
    tablesValidated: 2,
    tablesDiffering: 1,
    blockingFindings: 0,
  });
  expect(report.validation[0]!.results.find((r) => r.table === "dbo.Orders")).toMatchObject({
    verdict: "mismatch",
    detail: "4000 rows on the source, 3999 on the target",
  });
  expect(report.dataMove[0]).toMatchObject({
    durationSeconds: 300,
    tables: [{ table: "dbo.Orders", state: "Succeeded", rowsCopied: 4000 }],
  });
  const markdown = renderReportMarkdown(report);
  expect(markdown.split("\n").slice(0, 3).join("\n")).toMatch(
    /^# Migration report: sales\n\n\*\*Data moved but validation failed: 1 of 2 tables differ/,
  );
  for (const section of [
    "## Phases",
    "## Assessment",
    "## Schema deployment",
    "## Data move",
    "## Validation",
    "## Cutover",
  ])
    expect(markdown).toContain(section);
  // Differing tables come first in the validation table.
  expect(markdown.indexOf("dbo.Orders | rowCount")).toBeLessThan(markdown.indexOf("dbo.Customers | rowCount"));
});

test("a report whose files are gone still builds, saying what it knows", async () => {
  const f = facts("running");
  f.databases[0]!.dataMoveFile = path.join(dir, "missing.json");
  const report = await buildReport(f);
  expect(report.dataMove[0]!.tables).toEqual([]);
  expect(report.summary.headline).toMatch(/in progress/);
  expect(() => migrationReportSchema.parse({ ...report, version: 2 })).toThrow();
});
