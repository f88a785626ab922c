/**
 * The report as a person reads it: the headline and key figures first, then a section per step with tables.
 * Long lists are cut with a line saying how many were left out (the JSON has everything).
 */
import type { MigrationReport } from "./report-schema";

const ROWS_SHOWN = 200;

function cell(value: unknown): string {
  return String(value ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

function table(headers: string[], rows: unknown[][]): string[] {
  if (!rows.length) return ["(none)"];
  const shown = rows.slice(0, ROWS_SHOWN).map((row) => `| ${row.map(cell).join(" | ")} |`);
  const more = rows.length > ROWS_SHOWN ? [`…and ${rows.length - ROWS_SHOWN} more (see the JSON report)`] : [];
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...shown, ...more];
}

function duration(seconds: number | undefined): string {
  if (seconds === undefined) return "";
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

// Longer than ~80 lines on purpose: the report's sections in document order; each section is a few lines and the order
// is the point.
export function renderReportMarkdown(report: MigrationReport): string {
  const s = report.summary;
  const lines: string[] = [
    `# Migration report: ${report.migration}`,
    "",
    `**${s.headline}**`,
    "",
    `- Phase: \`${s.phase}\``,
    `- Databases: ${s.databases}; rows copied: ${s.rowsCopied}`,
    `- Tables validated: ${s.tablesValidated}; differing: ${s.tablesDiffering}`,
    ...(s.blockingFindings !== undefined ? [`- Blocking assessment findings: ${s.blockingFindings}`] : []),
    `- Engine: ${report.engine} (api-versions ${report.apiVersions.join(", ") || "none"}); generated ${report.generatedAt}`,
    "",
    "## Phases",
    ...table(
      ["phase", "started", "ended", "duration"],
      report.phases.map((p) => [p.name, p.startedAt, p.endedAt, duration(p.durationSeconds)]),
    ),
  ];
  if (report.assessment) {
    const a = report.assessment;
    lines.push("", "## Assessment", `Findings: ${a.blocking} blocking, ${a.warning} warning, ${a.info} info.`);
    if (a.blockingRuleIds.length) lines.push(`Blocking rules: ${a.blockingRuleIds.join(", ")}.`);
    lines.push(`Fixes applied: ${a.fixesApplied.length ? a.fixesApplied.join(", ") : "none"}.`);
    lines.push(`Held back from the script: ${a.heldBack.length ? a.heldBack.join("; ") : "nothing"}.`);
    if (a.reportFile) lines.push(`Full assessment: ${a.reportFile}`);
  }
  if (report.schemaDeployment) {
    const d = report.schemaDeployment;
    lines.push(
      "",
      "## Schema deployment",
      `Deployed: ${d.deployed ? "yes" : "no"} (${d.deployedBatches} of ${d.plannedBatches} batches).`,
    );
    if (d.lastError) lines.push(`Last error: ${d.lastError}`);
    if (d.anomalies) {
      lines.push(
        d.anomalies.clean
          ? "Read back: no anomaly."
          : `Anomalies: missing ${d.anomalies.missing.join(", ") || "none"}; extra ${d.anomalies.extra.join(", ") || "none"}; different ${d.anomalies.different.join(", ") || "none"}.`,
      );
    }
    if (d.scriptFile) lines.push(`Script: ${d.scriptFile}`);
  }
  lines.push("", "## Data move");
  for (const db of report.dataMove) {
    lines.push("", `### ${db.database} → ${db.targetDatabase}: ${db.phase}${db.state ? ` (${db.state})` : ""}`);
    lines.push(
      `Rows copied: ${db.rowsCopied}; ${db.startedOn ? `started ${db.startedOn}` : "not started"}${db.endedOn ? `, ended ${db.endedOn}` : ""}${db.durationSeconds !== undefined ? ` (${duration(db.durationSeconds)})` : ""}.`,
    );
    if (db.errors.length) lines.push("Errors:", ...db.errors.map((e) => `- ${e}`));
    lines.push(
      ...table(
        ["table", "state", "rows", "KB/s", "duration"],
        db.tables.map((t) => [
          t.table,
          t.state,
          t.rowsCopied,
          t.throughputKBps?.toFixed(1),
          duration(t.durationSeconds),
        ]),
      ),
    );
  }
  lines.push("", "## Validation");
  if (!report.validation.length) lines.push("(not run)");
  for (const v of report.validation) {
    lines.push(
      "",
      `### ${v.database}: ${v.verdict} (${v.depth})${v.mismatchAllowed ? " — mismatch allowed at cutover" : ""}`,
    );
    lines.push(
      `${v.matched} of ${v.tables} tables match; ${v.mismatched} differ; ${v.errors} could not be validated${v.durationSeconds !== undefined ? `; took ${duration(v.durationSeconds)}` : ""}.`,
    );
    const ordered = [...v.results].sort((a, b) => Number(a.verdict === "match") - Number(b.verdict === "match"));
    lines.push(
      ...table(
        ["table", "method", "source", "target", "verdict", "detail"],
        ordered.map((r) => [r.table, r.method, r.sourceRows, r.targetRows, r.verdict, r.detail ?? r.note ?? r.error]),
      ),
    );
  }
  lines.push("", "## Cutover");
  lines.push(
    ...(report.cutover.length
      ? table(
          ["time", "check", "passed", "values"],
          report.cutover.map((c) => [c.at, c.check, c.passed ? "yes" : "no", JSON.stringify(c.values)]),
        )
      : ["(no cutover: offline migration)"]),
  );
  return `${lines.join("\n")}\n`;
}
