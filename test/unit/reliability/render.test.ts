/**
 * docs/RELIABILITY.md's renderer and the committed-table check, on hand-written rows: tables per matrix, counts,
 * durations kept out of the compared part, and a changed observation or verdict caught.
 */
import type { ReliabilityRow } from "../../support/reliability/record";
import { committedLinesOf, committedTableDifferences } from "../../support/reliability/committed-table";
import {
  DETERMINISTIC_END,
  headlineCounts,
  renderReliabilityMarkdown,
  renderRowLine,
} from "../../support/reliability/render";

const fault: ReliabilityRow = {
  matrix: "faults",
  area: "ARM",
  injected: "503 | twice",
  expected: "retried",
  observed: "retried",
  passed: true,
  suite: "test/reliability/a.test.ts",
  counts: { faultsInjected: 2 },
  measured: { seconds: 3.2 },
};
const kill: ReliabilityRow = {
  matrix: "kills",
  area: "engine",
  injected: "SIGKILL at registration",
  expected: "converges",
  observed: "converges",
  passed: true,
  suite: "test/reliability/b.test.ts",
};
const secrets: ReliabilityRow = {
  matrix: "secrets",
  area: "state",
  injected: "scan",
  expected: "0 hits",
  observed: "1 hit",
  passed: false,
  suite: "test/reliability/c.test.ts",
  counts: { scans: 5, hits: 1 },
};

describe("reliability table", () => {
  test("one table per matrix with every row, escaped pipes, and the counts the issue asks for", () => {
    const markdown = renderReliabilityMarkdown([secrets, kill, fault]);
    expect(markdown).toContain("| ARM | 503 \\| twice | retried | retried | pass | test/reliability/a.test.ts |");
    expect(markdown).toContain("| state | scan | 0 hits | 1 hit | FAIL | test/reliability/c.test.ts |");
    expect(markdown).toMatch(/### Bad input\n\n0 rows.*\n\n_No rows recorded in this run._/);
    expect(headlineCounts([secrets, kill, fault])).toEqual({
      faultsInjected: 2,
      kills: 1,
      badInputs: 0,
      secretScans: 5,
      secretHits: 1,
      rows: 3,
      failing: 1,
    });
    expect(markdown).toContain("| 2 | 1 | 0 | 5 | 1 | 3 | 1 |");
  });

  test("durations are rendered after the compared part only", () => {
    const markdown = renderReliabilityMarkdown([fault]);
    expect(markdown.indexOf("seconds 3.2")).toBeGreaterThan(markdown.indexOf(DETERMINISTIC_END));
    const faster = renderReliabilityMarkdown([{ ...fault, measured: { seconds: 1 } }]);
    expect(committedLinesOf(faster, fault.suite!)).toEqual(committedLinesOf(markdown, fault.suite!));
  });

  test("the check finds a changed observation, a changed verdict and a row no longer produced", () => {
    const committed = renderReliabilityMarkdown([fault, { ...fault, injected: "429" }]);
    const suite = fault.suite!;
    expect(committedTableDifferences(committed, suite, [renderRowLine(fault)], false)).toEqual([]);
    expect(
      committedTableDifferences(committed, suite, [renderRowLine({ ...fault, observed: "gave up" })], false),
    ).toEqual([expect.stringMatching(/^not in the file: .*gave up/)]);
    expect(committedTableDifferences(committed, suite, [renderRowLine({ ...fault, passed: false })], false)).toEqual([
      expect.stringMatching(/^not in the file: .*FAIL/),
    ]);
    expect(committedTableDifferences(committed, suite, [renderRowLine(fault)], true)).toEqual([
      expect.stringMatching(/^no longer observed: \| ARM \| 429 \|/),
    ]);
    // Another suite's lines are not this suite's business.
    expect(committedLinesOf(committed, "test/reliability/other.test.ts")).toEqual([]);
  });
});
