/**
 * `assess` on the repository's schemas: exit codes under each --fail-on, the printed counts (checked against
 * the library's own assessment, so new rules change both sides alike), the reports, snapshots as a source.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  assess,
  evaluateFailPolicy,
  readScripts,
  renderAssessmentJson,
  renderAssessmentMarkdown,
  saveSnapshot,
  type AssessmentReport,
} from "../../../provider/schema";
import { cli, QUICKSTART, REPO, SAMPLE_DB, tempDir } from "./cli-support";

let quickstart: AssessmentReport;
let sample: AssessmentReport;
let temp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  quickstart = assess((await readScripts(path.join(REPO, QUICKSTART))).model);
  sample = assess((await readScripts(path.join(REPO, SAMPLE_DB), { databaseName: "SampleDb" })).model);
  temp = tempDir();
});
afterAll(() => temp.cleanup());

const countsLine = (r: AssessmentReport) =>
  `Findings: ${r.summary.blocking} blocking, ${r.summary.warning} warning, ${r.summary.info} info.`;

test("the quickstart schema is clean: exit 0 and its counts", async () => {
  expect(quickstart.summary.blocking).toBe(0);
  const result = await cli(["assess", QUICKSTART]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`from scripts ${QUICKSTART} (4 file(s))`);
  expect(result.stdout).toContain(countsLine(quickstart));
  expect(result.stdout).toMatch(/PASSED: no finding fails --fail-on blocking\n$/);
  expect(result.stderr).toBe("");
});

test("the sample database has blockers: exit 1 under --fail-on blocking (the default), each blocker listed with rule and object", async () => {
  const offending = evaluateFailPolicy(sample.findings, "blocking").offending;
  expect(offending.length).toBeGreaterThan(0);
  for (const args of [[], ["--fail-on", "blocking"]]) {
    const result = await cli(["assess", SAMPLE_DB, "--database-name", "SampleDb", ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(countsLine(sample));
    for (const f of sample.findings.filter((x) => x.severity === "blocking"))
      expect(result.stdout).toContain(`  ${f.ruleId} ${f.objectKind} ${f.objectKey}`);
    expect(result.stdout).toContain(`FAILED: ${offending.length} finding(s) not allowed by --fail-on blocking`);
    // The seed INSERT is a reader's note on stderr (data, not deployed), not an error.
    expect(result.stderr).toMatch(
      /^note: 1 remark\(s\) from reading scripts test\/fixtures\/sample-db:\n.*Seed\.sql:2: data statement \(INSERT\)/,
    );
  }
});

test("--fail-on never passes the same findings; --fail-on warning fails the clean-of-blockers case only when there are warnings", async () => {
  const never = await cli(["assess", SAMPLE_DB, "--fail-on", "never"]);
  expect(never.code).toBe(0);
  expect(never.stdout).toContain("PASSED: no finding fails --fail-on never");
  expect(never.stdout).toContain("Blocking:");

  const warning = await cli(["assess", SAMPLE_DB, "--database-name", "SampleDb", "--fail-on", "warning"]);
  expect(warning.code).toBe(1);
  expect(warning.stdout).toContain(
    `FAILED: ${evaluateFailPolicy(sample.findings, "warning").offending.length} finding(s)`,
  );
  expect(warning.stdout).toContain("Warnings:");
  expect((await cli(["assess", QUICKSTART, "--fail-on", "warning"])).code).toBe(quickstart.summary.warning > 0 ? 1 : 0);
});

test("--json and --markdown write the library's reports (also when the check fails), creating their folders", async () => {
  const json = path.join(temp.dir, "reports", "sample.assessment.json");
  const markdown = path.join(temp.dir, "reports", "md", "sample.assessment.md");
  const result = await cli([
    "assess",
    SAMPLE_DB,
    "--database-name",
    "SampleDb",
    "--json",
    json,
    "--markdown",
    markdown,
  ]);
  expect(result.code).toBe(1);
  expect(await fs.readFile(json, "utf8")).toBe(renderAssessmentJson(sample, { databaseName: "SampleDb" }));
  expect(await fs.readFile(markdown, "utf8")).toBe(renderAssessmentMarkdown(sample, { databaseName: "SampleDb" }));
  expect(JSON.parse(await fs.readFile(json, "utf8")).summary).toEqual(sample.summary);
  expect(result.stdout).toContain(`JSON report: ${json}`);
  expect(result.stdout).toContain(`Markdown report: ${markdown}`);
});

test("relative report paths are resolved against the working folder", async () => {
  const result = await cli(["assess", path.join(REPO, QUICKSTART), "--json", "out/q.json"], { cwd: temp.dir });
  expect(result.code).toBe(0);
  expect(JSON.parse(await fs.readFile(path.join(temp.dir, "out/q.json"), "utf8")).summary).toEqual(quickstart.summary);
});

test("--database-name keeps three-part names of the source database from being cross-database findings", async () => {
  const without = await cli(["assess", SAMPLE_DB, "--fail-on", "never"]);
  const withName = await cli(["assess", SAMPLE_DB, "--fail-on", "never", "--database-name", "SampleDb"]);
  expect(without.stdout).toMatch(/AZSQL001 procedure \[Sales\]\.\[usp_GetOrders\] .*database SampleDb/);
  expect(withName.stdout).not.toMatch(/in database SampleDb/);
});

test("--tier is passed to the assessment", async () => {
  const model = (await readScripts(path.join(REPO, SAMPLE_DB), { databaseName: "SampleDb" })).model;
  const basic = assess(model, { targetTier: "Basic" });
  const result = await cli([
    "assess",
    SAMPLE_DB,
    "--database-name",
    "SampleDb",
    "--tier",
    "basic",
    "--fail-on",
    "never",
  ]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("for Basic.");
  expect(result.stdout).toContain(countsLine(basic));
});

test("a snapshot is a source; an invalid one is exit 2 naming the file", async () => {
  const model = (await readScripts(path.join(REPO, SAMPLE_DB), { databaseName: "SampleDb" })).model;
  const snapshot = path.join(temp.dir, "sample.snapshot.json");
  await saveSnapshot(snapshot, model);
  const result = await cli(["assess", snapshot]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain(`from snapshot ${snapshot}`);
  expect(result.stdout).toContain(countsLine(sample));

  const broken = path.join(temp.dir, "broken.json");
  await fs.writeFile(broken, "{ not json");
  const bad = await cli(["assess", broken]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(
    new RegExp(`^pulumi-azure-sql-migration: ${broken.replace(/[.]/g, "\\.")}: not valid JSON`),
  );
});

test("a folder without .sql files is an error, not a clean assessment", async () => {
  const empty = path.join(temp.dir, "empty");
  await fs.mkdir(empty);
  const result = await cli(["assess", empty]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`${empty}: no .sql files in this folder`);
});

test("an unwritable report path is exit 2 naming the flag and the file", async () => {
  const blocker = path.join(temp.dir, "a-file");
  await fs.writeFile(blocker, "");
  const result = await cli(["assess", QUICKSTART, "--markdown", path.join(blocker, "report.md")]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`--markdown ${path.join(blocker, "report.md")}: cannot write`);
});
