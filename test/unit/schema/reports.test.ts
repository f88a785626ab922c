import { assess } from "../../../provider/schema/assessment/assess";
import { evaluateFailPolicy, shouldFail } from "../../../provider/schema/assessment/fail-policy";
import { renderAssessmentJson } from "../../../provider/schema/assessment/report-json";
import { renderAssessmentMarkdown } from "../../../provider/schema/assessment/report-markdown";
import { readScriptText } from "../../../provider/schema/script-reader";

const report = () =>
  assess(
    readScriptText(
      "USE Shop\nGO\nCREATE PROCEDURE dbo.[P|1] AS EXEC xp_cmdshell 'dir'\nGO\nCREATE TABLE dbo.T (A ntext NULL)",
      "s.sql",
    ).model,
  );

describe("renderAssessmentJson", () => {
  it("writes the summary, the rules involved and each finding", () => {
    const doc = JSON.parse(renderAssessmentJson(report(), { databaseName: "Shop" }));
    expect(doc.format).toBe("pulumi-azure-sql-migration/assessment@1");
    expect(doc.database).toBe("Shop");
    expect(doc.summary).toEqual({ blocking: 1, warning: 2, info: 0 });
    expect(doc.rules.map((r: { id: string }) => r.id)).toEqual(["AZSQL008", "AZSQL010", "AZSQL018"]);
    expect(doc.rules[1].fix).toMatch(/^USE statements removed/);
    expect(doc.findings[0]).toEqual({
      ruleId: "AZSQL008",
      severity: "blocking",
      objectKind: "procedure",
      objectKey: "[dbo].[P|1]",
      file: "s.sql",
      line: 3,
      message: "calls xp_cmdshell",
      recommendation: expect.stringContaining("no extended stored procedures"),
      fixable: false,
    });
  });
});

describe("renderAssessmentMarkdown", () => {
  it("groups findings by rule and escapes table cells", () => {
    const md = renderAssessmentMarkdown(report(), { databaseName: "Shop" });
    expect(md).toContain("# Azure SQL Database assessment: Shop");
    expect(md).toContain("**1** blocking, **2** warning, **0** info.");
    expect(md).toContain("## AZSQL008 Extended stored procedure (1)");
    expect(md).toContain("| blocking | [dbo].[P\\|1] | s.sql:3 | calls xp_cmdshell |");
    expect(md).toContain("Automatic fix: USE statements removed");
  });

  it("says so when there is nothing to report", () => {
    expect(renderAssessmentMarkdown(assess(readScriptText("CREATE SCHEMA s").model))).toContain("No findings");
  });
});

describe("failOn policy", () => {
  it("fails on blocking findings, on warnings only when asked, and never when told", () => {
    const findings = report().findings;
    expect(evaluateFailPolicy(findings, "blocking").offending.map((f) => f.ruleId)).toEqual(["AZSQL008"]);
    expect(evaluateFailPolicy(findings, "warning").offending.map((f) => f.ruleId)).toEqual(["AZSQL008", "AZSQL018"]);
    expect(shouldFail(findings, "never")).toBe(false);
  });

  it("does not count findings the generator fixes, unless asked", () => {
    const fixableOnly = assess(readScriptText("USE Shop").model).findings;
    expect(shouldFail(fixableOnly, "warning")).toBe(false);
    expect(shouldFail(fixableOnly, "warning", { countFixable: true })).toBe(true);
    expect(shouldFail([], "blocking")).toBe(false);
  });
});
