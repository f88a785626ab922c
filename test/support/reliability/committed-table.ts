/**
 * The check that keeps docs/RELIABILITY.md honest: a suite's rows (what it injected, expected and observed, and
 * the verdict) must be exactly the lines the committed file holds for that suite. Called from the suite's
 * afterAll, so a behaviour change that changes an observation fails the suite until `npm run reliability`
 * regenerates the file. Only the deterministic part is compared; durations are not.
 */
import * as fs from "fs";
import * as path from "path";
import { isFullMatrixRun } from "./full-matrix";
import { currentTestFile, rowsRecordedInThisFile } from "./record";
import { DETERMINISTIC_END, DETERMINISTIC_START, renderRowLine } from "./render";

export const RELIABILITY_DOC = path.join(__dirname, "..", "..", "..", "docs", "RELIABILITY.md");

/** The committed table lines whose last column names `suite`. */
export function committedLinesOf(markdown: string, suite: string): string[] {
  const start = markdown.indexOf(DETERMINISTIC_START);
  const end = markdown.indexOf(DETERMINISTIC_END);
  if (start < 0 || end < start) return [];
  return markdown
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("| ") && line.trimEnd().endsWith(`| ${suite} |`));
}

/**
 * What differs between the rows a suite recorded and the committed lines for it; empty when they agree. Committed
 * lines the run did not produce count only when the run was `complete` (the full matrix, not the CI subset).
 */
export function committedTableDifferences(
  markdown: string,
  suite: string,
  produced: readonly string[],
  complete: boolean,
): string[] {
  const committed = committedLinesOf(markdown, suite);
  const missing = produced.filter((line) => !committed.includes(line)).map((line) => `not in the file: ${line}`);
  const stale = complete
    ? committed.filter((line) => !produced.includes(line)).map((line) => `no longer observed: ${line}`)
    : [];
  return [...missing, ...stale];
}

/**
 * Throws when this test file's recorded rows and the committed docs/RELIABILITY.md disagree. A file that recorded
 * no row (every test filtered out) is not checked, nor is anything while `npm run reliability` regenerates the file.
 * `suite` defaults to the test file jest is running, which is also what rows are named after by default.
 */
export function expectCommittedTableMatches(suite = currentTestFile() ?? "(unnamed)"): void {
  // `npm run reliability` is the run that rewrites the file: comparing with the old one there would only fail it.
  if (process.env["RELIABILITY_REGENERATE"] === "1") return;
  const produced = rowsRecordedInThisFile()
    .filter((row) => row.suite === suite)
    .map(renderRowLine);
  if (produced.length === 0) return;
  const markdown = fs.existsSync(RELIABILITY_DOC) ? fs.readFileSync(RELIABILITY_DOC, "utf8") : "";
  const differences = committedTableDifferences(markdown, suite, produced, isFullMatrixRun());
  if (differences.length > 0) {
    throw new Error(
      `docs/RELIABILITY.md no longer matches what ${suite} observed; run \`npm run reliability\` to regenerate it ` +
        `(and look at why it changed):\n${differences.join("\n")}`,
    );
  }
}
