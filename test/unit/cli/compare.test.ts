/**
 * `compare`: two script folders (and a snapshot) compared through the library; what is printed per object,
 * the JSON, and the exit code with and without --fail-on-changes.
 */
import { cpSync, promises as fs } from "node:fs";
import * as path from "node:path";
import { compareSchemas, readScripts, saveSnapshot } from "../../../provider/schema";
import { cli, QUICKSTART, REPO, tempDir } from "./cli-support";

let temp: ReturnType<typeof tempDir>;
let changed: string;

beforeAll(async () => {
  temp = tempDir();
  // The target: the quickstart schema with the view dropped, a column added, and a table of its own.
  changed = path.join(temp.dir, "changed");
  cpSync(path.join(REPO, QUICKSTART), changed, { recursive: true });
  await fs.rm(path.join(changed, "04-views.sql"));
  const customers = path.join(changed, "02-customers.sql");
  const text = await fs.readFile(customers, "utf8");
  await fs.writeFile(
    customers,
    text.replace(
      "[Email]        NVARCHAR (320) NULL,",
      "[Email]        NVARCHAR (320) NULL,\n    [Phone]        NVARCHAR (40)  NULL,",
    ),
  );
  await fs.writeFile(path.join(changed, "05-extra.sql"), "CREATE TABLE [dbo].[Extra] ([Id] INT NOT NULL);\nGO\n");
});
afterAll(() => temp.cleanup());

test("a folder compared with itself: no differences, exit 0 even with --fail-on-changes", async () => {
  const result = await cli(["compare", QUICKSTART, QUICKSTART, "--fail-on-changes"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("No differences: the target matches the source.");
});

test("two folders: each object to create, alter and drop, with what differs", async () => {
  const result = await cli(["compare", QUICKSTART, changed]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Source: 5 object(s) from scripts ${QUICKSTART} (4 file(s)).`);
  expect(result.stdout).toContain("To make the target match the source: 1 create, 1 alter, 1 drop.");
  expect(result.stdout).toMatch(/^ {2}create view \[Sales\]\.\[vOrderTotals\]$/m);
  // The target has a column the source lacks: making them match drops it, which is marked.
  expect(result.stdout).toMatch(
    /^ {2}alter {2}table \[dbo\]\.\[Customers\] \[may lose data\]\n {11}column Phone: drop/m,
  );
  expect(result.stdout).toMatch(/^ {2}drop {3}table \[dbo\]\.\[Extra\] \[may lose data\]$/m);
});

test("--fail-on-changes exits 1 when there are differences; --json writes them", async () => {
  const json = path.join(temp.dir, "diff", "compare.json");
  const result = await cli(["compare", QUICKSTART, changed, "--fail-on-changes", "--json", json]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("FAILED: 3 difference(s) (--fail-on-changes)");
  const doc = JSON.parse(await fs.readFile(json, "utf8"));
  const expected = compareSchemas(
    (await readScripts(path.join(REPO, QUICKSTART))).model,
    (await readScripts(changed)).model,
    { allowDrops: true, allowDataLoss: true },
  );
  expect(doc).toMatchObject({
    format: "pulumi-azure-sql-migration/compare@1",
    source: `scripts ${QUICKSTART}`,
    target: `scripts ${changed}`,
    summary: { create: 1, alter: 1, drop: 1 },
  });
  expect(doc.changes).toEqual(
    expected.changes.map((c) => ({
      action: c.action,
      kind: c.kind,
      key: c.key,
      details: c.details,
      dataLoss: c.dataLoss,
    })),
  );
});

test("the direction matters: swapping the sides swaps creates and drops", async () => {
  const result = await cli(["compare", changed, QUICKSTART]);
  expect(result.stdout).toMatch(/^ {2}create table \[dbo\]\.\[Extra\]$/m);
  expect(result.stdout).toMatch(/^ {2}drop {3}view \[Sales\]\.\[vOrderTotals\]$/m);
});

test("a snapshot on either side", async () => {
  const snapshot = path.join(temp.dir, "changed.snapshot.json");
  await saveSnapshot(snapshot, (await readScripts(changed)).model);
  const result = await cli(["compare", snapshot, changed, "--fail-on-changes"]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`Source: 5 object(s) from snapshot ${snapshot}.`);
  expect((await cli(["compare", QUICKSTART, snapshot, "--fail-on-changes"])).code).toBe(1);
});

test("a missing side is exit 2 naming the path", async () => {
  const result = await cli(["compare", QUICKSTART, "no/such/target"]);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    "pulumi-azure-sql-migration: no/such/target: cannot read the target (no such file or folder)\n",
  );
});
