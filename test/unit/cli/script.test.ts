/**
 * `script`: the written script is the library's, the library reads it back into the schema it came from, and
 * the held-back list names every object the generator left out with its reason.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  compareSchemas,
  generateScript,
  readScripts,
  type DatabaseModel,
  type GeneratedScript,
} from "../../../provider/schema";
import { cli, QUICKSTART, REPO, SAMPLE_DB, tempDir } from "./cli-support";

let temp: ReturnType<typeof tempDir>;
let sampleModel: DatabaseModel;
let sampleScript: GeneratedScript;

beforeAll(async () => {
  temp = tempDir();
  sampleModel = (await readScripts(path.join(REPO, SAMPLE_DB), { databaseName: "SampleDb" })).model;
  sampleScript = generateScript(sampleModel);
});
afterAll(() => temp.cleanup());

test("the quickstart script is the library's script, and reads back into the same schema", async () => {
  const out = path.join(temp.dir, "quickstart", "deploy.sql");
  const result = await cli(["script", QUICKSTART, "--out", out]);
  expect(result.code).toBe(0);
  const source = (await readScripts(path.join(REPO, QUICKSTART))).model;
  const generated = generateScript(source);
  expect(await fs.readFile(out, "utf8")).toBe(generated.script);
  expect(result.stdout).toContain(`Script: ${out} (${generated.batches.length} batch(es)).`);
  expect(result.stdout).toContain("Held back: 0 object(s); blocking findings: 0; automatic fixes applied: 0.");

  const readBack = await readScripts(out);
  expect(readBack.warnings).toEqual([]);
  expect(compareSchemas(source, readBack.model).changes).toEqual([]);
});

test("the sample database's script holds every object not held back, and none that is", async () => {
  const out = path.join(temp.dir, "sample", "deploy.sql");
  const heldBack = path.join(temp.dir, "sample", "held-back.json");
  const result = await cli(["script", SAMPLE_DB, "--database-name", "SampleDb", "--out", out, "--held-back", heldBack]);
  expect(result.code).toBe(1); // blockers under the default --fail-on blocking; the files are written anyway
  expect(sampleScript.omitted.length).toBeGreaterThan(0);
  expect(result.stdout).toContain(
    `Held back: ${sampleScript.omitted.length} object(s); blocking findings: ${sampleScript.blockers.length}; automatic fixes applied: ${sampleScript.appliedFixes.length}.`,
  );

  const readBack = (await readScripts(out)).model;
  const omitted = new Set(sampleScript.omitted.map((o) => `${o.objectKind} ${o.objectKey}`));
  const keys = (model: DatabaseModel) =>
    new Set(
      [...model.tables, ...model.views, ...model.functions, ...model.procedures].map((o) => `${o.kind} ${o.key}`),
    );
  const expected = [...keys(sampleScript.fixedModel)].filter((id) => !omitted.has(id));
  expect(expected.length).toBeGreaterThan(0);
  expect([...keys(readBack)].sort()).toEqual(expected.sort());

  const doc = JSON.parse(await fs.readFile(heldBack, "utf8"));
  expect(doc.format).toBe("pulumi-azure-sql-migration/held-back@1");
  expect(doc.database).toBe("SampleDb");
  expect(doc.heldBack).toEqual(
    sampleScript.omitted.map((o) => ({ objectKind: o.objectKind, objectKey: o.objectKey, reason: o.reason })),
  );
  expect(doc.blockers.map((b: { ruleId: string; objectKey: string }) => `${b.ruleId} ${b.objectKey}`)).toEqual(
    sampleScript.blockers.map((b) => `${b.ruleId} ${b.objectKey}`),
  );
  expect(doc.summary).toEqual({
    batches: sampleScript.batches.length,
    heldBack: sampleScript.omitted.length,
    blockers: sampleScript.blockers.length,
    appliedFixes: sampleScript.appliedFixes.length,
  });
});

test("--held-back .md lists the held-back objects with their reasons; --fail-on never exits 0", async () => {
  const out = path.join(temp.dir, "md", "deploy.sql");
  const heldBack = path.join(temp.dir, "md", "held-back.md");
  const result = await cli([
    "script",
    SAMPLE_DB,
    "--database-name",
    "SampleDb",
    "--out",
    out,
    "--held-back",
    heldBack,
    "--fail-on",
    "never",
  ]);
  expect(result.code).toBe(0);
  const markdown = await fs.readFile(heldBack, "utf8");
  expect(markdown).toMatch(/^# Held back from the deployment script: SampleDb\n/);
  const section = markdown.split("## Held-back objects\n")[1]!.split("\n## ")[0]!;
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .slice(2);
  expect(rows).toHaveLength(sampleScript.omitted.length);
  sampleScript.omitted.forEach((o, i) =>
    expect(rows[i]).toMatch(new RegExp(`^\\| ${o.objectKind} \\| .+ \\| .+ \\|$`)),
  );
  expect(rows.join("\n")).toContain("| table | [HR].[Employees] | AZSQL004");
  expect(markdown).toContain("## Blocking findings");
  expect(markdown).toContain("## Automatic fixes applied");
});

test("the script streamed to --out has the library's bytes; an unwritable --out is exit 2 naming the flag", async () => {
  const out = path.join(temp.dir, "streamed", "deploy.sql");
  const result = await cli(["script", SAMPLE_DB, "--database-name", "SampleDb", "--out", out, "--fail-on", "never"]);
  expect(result.code).toBe(0);
  expect(await fs.readFile(out, "utf8")).toBe(sampleScript.script);
  expect(result.stdout).toContain(`Script: ${out} (${sampleScript.batches.length} batch(es)).`);

  const blocker = path.join(temp.dir, "a-file");
  await fs.writeFile(blocker, "");
  const unwritable = path.join(blocker, "deploy.sql");
  const failed = await cli(["script", QUICKSTART, "--out", unwritable]);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain(`--out ${unwritable}: cannot write (a part of the path is a file, not a folder)`);
});
