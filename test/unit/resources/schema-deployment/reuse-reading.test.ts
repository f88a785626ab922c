/**
 * SchemaDeployment's check keeps the last check's reading of the source (sourceSummary, sourceOmitted) while the
 * source is at the version recorded beside it (sourceVersion) and the assessment inputs are the same, and reads
 * the source whole otherwise. A reused reading is told apart from a fresh one by planting a marker in the
 * previous inputs: only a check that did not read the source can return it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { provider } from "../../../../provider/resources/schema-deployment";
import { forgetSourceReads } from "../../../../provider/resources/schema-deployment/read-source";
import { summarizeHashes } from "../../../../provider/resources/schema-deployment/hash-summary";
import {
  forgetSourceHashes,
  recalledSourceHashes,
} from "../../../../provider/resources/schema-deployment/source-hash-cache";
import { readScripts, saveSnapshot } from "../../../../provider/schema";

const CLEAN_DB = path.join(__dirname, "../../../fixtures/clean-db");
const PLANTED = { count: 0, digest: "planted marker", kinds: {} };
const TARGET = {
  server: "sales.database.windows.net",
  database: "Sales",
  authentication: { type: "sql", user: "u", password: "pw" },
};

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "reuse-reading-"));
  forgetSourceReads();
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

type Inputs = Record<string, unknown>;

async function check(olds: Inputs, news: Inputs): Promise<Inputs> {
  // each check is its own provider process in the engine
  forgetSourceReads();
  forgetSourceHashes();
  const result = await provider.check!(olds, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Inputs;
}

/** The inputs a first check records, with its reading replaced by the marker. */
async function recordedWithMarker(news: Inputs): Promise<Inputs> {
  const first = await check({}, news);
  expect(first.sourceVersion).toMatch(/^v1 \S+ [0-9a-f]{32}$/);
  expect(first.sourceSummary).toMatchObject({ kinds: { table: { count: 2 } } });
  return { ...first, sourceSummary: PLANTED };
}

function scripts(): Inputs {
  const folder = path.join(scratch, "db");
  fs.cpSync(CLEAN_DB, folder, { recursive: true });
  return { source: { scriptPath: folder }, target: TARGET };
}
const procedure = (news: Inputs) =>
  path.join((news.source as { scriptPath: string }).scriptPath, "Sales/Procedures/usp_GetCustomerOrders.sql");

test("scripts unchanged, same inputs: the last reading is kept, not read again", async () => {
  const news = scripts();
  const olds = await recordedWithMarker(news);
  const again = await check(olds, news);
  expect(again.sourceSummary).toEqual(PLANTED);
  expect(again.sourceVersion).toBe(olds.sourceVersion);
});

test("state of the earlier version (a sourceObjects map) is kept as its summary, its hashes kept for diff", async () => {
  const news = scripts();
  const { sourceSummary: _summary, ...olds } = await recordedWithMarker(news);
  const legacyMap = { "view [Sales].[planted]": "0000" };
  const again = await check({ ...olds, sourceObjects: legacyMap }, news);
  expect(again.sourceSummary).toEqual(summarizeHashes(legacyMap));
  expect(again).not.toHaveProperty("sourceObjects");
  expect(recalledSourceHashes(summarizeHashes(legacyMap).digest)).toEqual(legacyMap);
});

test.each<[string, (news: Inputs) => Inputs]>([
  [
    "a script edited (same size, new modification time)",
    (news) => {
      const file = procedure(news);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("DESC", "ASC "));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
      return news;
    },
  ],
  [
    "a script added",
    (news) => {
      const folder = (news.source as { scriptPath: string }).scriptPath;
      fs.writeFileSync(path.join(folder, "Sales/Views/vNew.sql"), "CREATE VIEW [Sales].[vNew] AS SELECT 1 AS x;\nGO\n");
      return news;
    },
  ],
  ["exclude changed", (news) => ({ ...news, exclude: ["procedure"] })],
  ["failOn changed", (news) => ({ ...news, failOn: "never" })],
  ["targetTier changed", (news) => ({ ...news, targetTier: "Hyperscale" })],
])("%s: the source is read again", async (_name, change) => {
  const news = scripts();
  const olds = await recordedWithMarker(news);
  const again = await check(olds, change(news));
  expect(again.sourceSummary).not.toEqual(PLANTED);
  expect(again.sourceSummary).toMatchObject({ kinds: { table: { count: 2 } } });
});

test("a recorded version that differs, or none, reads the source again", async () => {
  const news = scripts();
  const olds = await recordedWithMarker(news);
  expect((await check({ ...olds, sourceVersion: "v1 0.0.0 0" }, news)).sourceSummary).not.toEqual(PLANTED);
  const { sourceVersion: _dropped, ...unversioned } = olds;
  expect((await check(unversioned, news)).sourceSummary).not.toEqual(PLANTED);
});

test("what a program passes as sourceVersion or sourceSummary is replaced, never trusted", async () => {
  const news = scripts();
  const olds = await recordedWithMarker(news);
  const forged = await check({}, { ...news, sourceVersion: olds.sourceVersion, sourceSummary: PLANTED });
  expect(forged.sourceSummary).not.toEqual(PLANTED);
  expect(forged.sourceVersion).toBe(olds.sourceVersion);
});

test("a snapshot: kept while the file is the same, read again when it changes", async () => {
  const file = path.join(scratch, "schema.json");
  const model = (await readScripts(CLEAN_DB)).model;
  await saveSnapshot(file, model);
  const news = { source: { snapshotPath: file }, target: TARGET };
  const olds = await recordedWithMarker(news);
  expect((await check(olds, news)).sourceSummary).toEqual(PLANTED);
  model.views.push({ ...structuredClone(model.views[0]!), key: "[Sales].[vOther]", name: "vOther" });
  await saveSnapshot(file, model);
  const again = await check(olds, news);
  expect(again.sourceSummary).toMatchObject({ kinds: { view: { count: 2 } } });
});
