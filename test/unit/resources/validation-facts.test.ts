import { validationFacts, type ValidationSummary } from "../../../provider/resources/validation-step";

const summary: ValidationSummary = {
  verdict: "validationFailed",
  depth: "rowCount",
  tables: 3,
  matched: 1,
  mismatched: 1,
  errors: 1,
  mismatches: [{ table: "dbo.Orders", method: "rowCount", sourceRows: "5", targetRows: "4", detail: "rows 5 ≠ 4" }],
  startedAt: "2026-01-01T00:00:00.000Z",
  endedAt: "2026-01-01T00:00:05.000Z",
  resultFile: "migration-report/sales.validation.json",
};

describe("validationFacts: what every engine writes to the report about a validation", () => {
  test("keeps the counts, times and result file, and leaves the per-table mismatches to the result file", () => {
    expect(validationFacts(summary)).toEqual({
      verdict: "validationFailed",
      depth: "rowCount",
      tables: 3,
      matched: 1,
      mismatched: 1,
      errors: 1,
      startedAt: "2026-01-01T00:00:00.000Z",
      endedAt: "2026-01-01T00:00:05.000Z",
      resultFile: "migration-report/sales.validation.json",
    });
  });

  test("says mismatchAllowed only when the user allowed the mismatch, and no resultFile when there is none", () => {
    const { resultFile: _resultFile, ...withoutFile } = summary;
    expect(validationFacts(withoutFile, true)).toEqual(
      expect.objectContaining({ verdict: "validationFailed", mismatchAllowed: true }),
    );
    expect(Object.keys(validationFacts(withoutFile, false))).not.toContain("mismatchAllowed");
    expect(Object.keys(validationFacts(withoutFile))).not.toContain("resultFile");
  });
});
