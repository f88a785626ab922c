/**
 * SchemaDeployment's state keeps summaries of per-object hashes (count and digest, overall and per kind); the
 * hashes themselves are in `<db>.objects.json`, trusted only when they digest to the state's summary, and in
 * check's process for diff. What diff and refresh say with and without those per-object hashes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  changedKinds,
  summarizeHashes,
  type HashSummary,
} from "../../../../provider/resources/schema-deployment/hash-summary";
import { readObjectsSection, writeObjectsFile } from "../../../../provider/resources/schema-deployment/objects-file";
import { outputPaths } from "../../../../provider/resources/schema-deployment/output-files";
import {
  schemaDeploymentInputs,
  type SchemaDeploymentInputs,
} from "../../../../provider/resources/schema-deployment/inputs";
import type { SchemaDeploymentOutputs } from "../../../../provider/resources/schema-deployment/outputs";
import { computeDiff } from "../../../../provider/resources/schema-deployment/plan-diff";
import {
  forgetSourceHashes,
  rememberSourceHashes,
} from "../../../../provider/resources/schema-deployment/source-hash-cache";
import { sourceSides } from "../../../../provider/resources/schema-deployment/source-sides";
import { NAMES_UNAVAILABLE, previewChanges } from "../../../../provider/resources/schema-deployment/preview-changes";
import { emptyModel, type DatabaseModel } from "../../../../provider/schema";
import { provider } from "../../../../provider/resources/schema-deployment";
import { forgetSourceReads } from "../../../../provider/resources/schema-deployment/read-source";

let targetModel: DatabaseModel;
jest.mock("../../../../provider/resources/schema-deployment/deploy-to-target", () => ({
  readTargetSchema: async () => targetModel,
}));
const logged: string[] = [];
jest.mock("../../../../provider/resources/log", () => ({
  logInfo: (message: string) => void logged.push(message),
  logWarn: () => undefined,
  logWarnDelivered: async () => undefined,
}));
// Imported after the mocks: refresh reads the target through readTargetSchema.
import { detectDrift } from "../../../../provider/resources/schema-deployment/drift";
import { objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";
import { fingerprint } from "../../../../provider/schema";
import { recordedOutputs } from "./recorded-outputs";

const DEPLOYED = {
  "schema [Sales]": "1111",
  "table [Sales].[Orders]": "aaaa",
  "view [Sales].[v]": "bbbb",
};
const CHANGED = { ...DEPLOYED, "view [Sales].[v]": "cccc", "view [Sales].[w]": "dddd" };

let scratch: string;
let inputs: SchemaDeploymentInputs;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "object-summaries-"));
  forgetSourceHashes();
  inputs = schemaDeploymentInputs.parse({
    source: { scriptPath: "db" },
    target: {
      server: "sales.database.windows.net",
      database: "Sales",
      authentication: { type: "sql", user: "u", password: "p" },
    },
    outputDirectory: scratch,
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const objectsFile = () => outputPaths(scratch, "Sales").objects;

function recorded(extra: Record<string, unknown> = {}): SchemaDeploymentOutputs {
  return recordedOutputs(inputs, DEPLOYED, extra);
}

/** What diff decides for a new source whose hashes check kept (or not) in this process. */
async function diffAgainst(olds: SchemaDeploymentOutputs, next: Record<string, string>, kept: boolean) {
  const summary: HashSummary = kept ? rememberSourceHashes(next) : summarizeHashes(next);
  const news = { ...inputs, sourceSummary: summary };
  return computeDiff(olds, news, await sourceSides(olds, news, true));
}

describe("summaries", () => {
  test("the same hashes give the same summary in any order; a changed object changes its kind's digest only", () => {
    const reversed = Object.fromEntries(Object.entries(DEPLOYED).reverse());
    expect(summarizeHashes(reversed)).toEqual(summarizeHashes(DEPLOYED));
    const before = summarizeHashes(DEPLOYED);
    const after = summarizeHashes(CHANGED);
    expect(after).toMatchObject({ count: 4, kinds: { view: { count: 2 }, table: { count: 1 } } });
    expect(after.kinds.table).toEqual(before.kinds.table);
    expect(after.digest).not.toBe(before.digest);
    expect(changedKinds(before, after)).toEqual([{ kind: "view", before: 1, after: 2 }]);
    expect(changedKinds(before, summarizeHashes(DEPLOYED))).toEqual([]);
  });
});

describe("the objects file", () => {
  test("a section is used when its hashes digest to the state's summary; a stale or missing one is not", async () => {
    const missing = await readObjectsSection(objectsFile(), "deployed", summarizeHashes(DEPLOYED));
    expect(missing).toEqual({ unavailable: `${objectsFile()} is missing` });

    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED, target: CHANGED });
    expect(await readObjectsSection(objectsFile(), "deployed", summarizeHashes(DEPLOYED))).toEqual({
      hashes: DEPLOYED,
    });
    expect(await readObjectsSection(objectsFile(), "target", summarizeHashes(CHANGED))).toEqual({ hashes: CHANGED });
    // State recorded another set than the file holds (the file older than state, or another stack's).
    expect(await readObjectsSection(objectsFile(), "deployed", summarizeHashes(CHANGED))).toEqual({
      unavailable: expect.stringMatching(/does not match the state/),
    });
    // The digest is recomputed from the hashes, never taken from the file.
    const forged = JSON.parse(fs.readFileSync(objectsFile(), "utf8"));
    forged.deployed.hashes["view [Sales].[v]"] = "9999";
    fs.writeFileSync(objectsFile(), JSON.stringify(forged));
    expect(await readObjectsSection(objectsFile(), "deployed", summarizeHashes(DEPLOYED))).toEqual({
      unavailable: expect.stringMatching(/does not match the state/),
    });
  });
});

describe("diff", () => {
  test("with check's hashes in this process and a matching objects file, the objects are named", async () => {
    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED });
    const diff = await diffAgainst(recorded(), CHANGED, true);
    expect(diff.changes).toBe(true);
    expect(diff.messages).toEqual(["would create 1: view [Sales].[w]", "would alter 1: view [Sales].[v]"]);
  });

  test("without the objects file (a fresh checkout), the kinds are named, with why", async () => {
    const diff = await diffAgainst(recorded(), CHANGED, true);
    expect(diff.changes).toBe(true);
    expect(diff.messages).toEqual([
      `would change view (1 → 2 objects) (per-object names unavailable: ${objectsFile()} is missing)`,
    ]);
  });

  test("a stale objects file is not trusted: kinds are named", async () => {
    await writeObjectsFile(objectsFile(), { deployed: { ...DEPLOYED, "table [Sales].[Orders]": "0000" } });
    const diff = await diffAgainst(recorded(), CHANGED, true);
    expect(diff.changes).toBe(true);
    expect(diff.messages).toEqual([
      expect.stringMatching(/^would change view \(1 → 2 objects\) \(per-object names unavailable: .*does not match/),
    ]);
  });

  test("check's hashes not in this process: the kinds are named", async () => {
    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED });
    const diff = await diffAgainst(recorded(), CHANGED, false);
    expect(diff.changes).toBe(true);
    expect(diff.messages).toEqual([
      "would change view (1 → 2 objects) (per-object names unavailable: check kept its last reading of the unchanged source, which has no per-object hashes)",
    ]);
  });

  test("equal digests: no change, and the objects file is not read", async () => {
    // A file that is not even JSON: reading it would say so.
    fs.writeFileSync(objectsFile(), "not json");
    const spy = jest.spyOn(fs.promises, "readFile");
    const diff = await diffAgainst(recorded(), { ...DEPLOYED }, false);
    expect(diff).toMatchObject({ changes: false, messages: [] });
    expect(spy).not.toHaveBeenCalled();
  });

  test("state of the earlier version (per-object map, no summary) still names the objects, with no file", async () => {
    const { objectSummary: _summary, ...rest } = recorded();
    const legacy = { ...rest, objectHashes: DEPLOYED } as unknown as SchemaDeploymentOutputs;
    const diff = await diffAgainst(legacy, CHANGED, true);
    expect(diff.messages).toEqual(["would create 1: view [Sales].[w]", "would alter 1: view [Sales].[v]"]);
    expect(await diffAgainst(legacy, { ...DEPLOYED }, false)).toMatchObject({ changes: false });
  });
});

describe("through the provider", () => {
  const CLEAN_DB = path.join(__dirname, "../../../fixtures/clean-db");

  /** check, as the engine calls it from a fresh provider process. */
  async function check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    forgetSourceReads();
    forgetSourceHashes();
    const checked = await provider.check!(olds, news);
    expect(checked.failures ?? []).toEqual([]);
    return checked.inputs as SchemaDeploymentInputs;
  }

  test("an update writes the objects file; the next preview names a view added to the source from it", async () => {
    const source = path.join(scratch, "db");
    fs.cpSync(CLEAN_DB, source, { recursive: true });
    const program = { ...inputs, source: { scriptPath: source }, deploy: false };
    const first = await check({}, program);
    const outs = (await provider.create!(first)).outs as SchemaDeploymentOutputs;
    expect(outs).not.toHaveProperty("objectHashes");
    expect(outs.objectSummary).toEqual(first.sourceSummary);
    expect(await readObjectsSection(objectsFile(), "deployed", outs.objectSummary)).toMatchObject({
      hashes: { "view [Sales].[vCustomerTotals]": expect.any(String) },
    });

    fs.writeFileSync(
      path.join(source, "Sales/Views/vRecentOrders.sql"),
      "CREATE VIEW [Sales].[vRecentOrders]\nAS\nSELECT [OrderId] FROM [Sales].[Orders];\nGO\n",
    );
    const next = await check(first as unknown as Record<string, unknown>, program);
    // What preview shows: check's input naming the objects changed since the last reading.
    expect(next.sourceChanges).toEqual({ "view [Sales].[vRecentOrders]": "created" });
    logged.length = 0;
    const diff = await provider.diff!("id", outs, next);
    expect(diff.changes).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/: would create 1: view \[Sales\]\.\[vRecentOrders\]$/)]);
  });
});

describe("check's sourceChanges (what preview shows)", () => {
  const olds = (extra: Record<string, unknown> = {}) => ({
    outputDirectory: scratch,
    target: { database: "Sales" },
    sourceSummary: summarizeHashes(DEPLOYED),
    ...extra,
  });
  /** What check records for a new source read as `hashes`: it passes their summary along. */
  const changesFor = (
    olds: Record<string, unknown>,
    hashes: Record<string, string>,
    omitted?: Record<string, string>,
  ) => previewChanges(olds, hashes, summarizeHashes(hashes), omitted);

  test("named from the objects file when it matches the last reading; why not when it does not", async () => {
    expect(await changesFor(olds(), CHANGED)).toEqual({
      [NAMES_UNAVAILABLE]: `${objectsFile()} is missing`,
    });
    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED });
    expect(await changesFor(olds(), CHANGED)).toEqual({
      "view [Sales].[v]": "altered",
      "view [Sales].[w]": "created",
    });
    expect(await changesFor(olds(), { "schema [Sales]": "1111" })).toEqual({
      "table [Sales].[Orders]": "removed",
      "view [Sales].[v]": "removed",
    });
    // Omitted objects are named by sourceOmitted, not as created.
    expect(await changesFor(olds(), CHANGED, { "view [Sales].[w]": "AZSQL001" })).toEqual({
      "view [Sales].[v]": "altered",
    });
    await writeObjectsFile(objectsFile(), { deployed: CHANGED });
    expect(await changesFor(olds(), { ...CHANGED, "view [Sales].[x]": "eeee" })).toEqual({
      [NAMES_UNAVAILABLE]: expect.stringMatching(/does not match the state/),
    });
  });

  test("nothing when the source is unchanged or there is no previous reading; at most 25 names", async () => {
    expect(await changesFor(olds(), { ...DEPLOYED })).toBeUndefined();
    expect(await changesFor({}, CHANGED)).toBeUndefined();
    const many: Record<string, string> = { ...DEPLOYED };
    for (let i = 0; i < 30; i++) many[`view [Sales].[n${String(i).padStart(2, "0")}]`] = "ffff";
    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED });
    const shown = await changesFor(olds(), many);
    expect(Object.keys(shown!)).toHaveLength(26);
    expect(shown!["(and 5 more)"]).toBe("named in the update's log");
  });

  test("an earlier version's sourceObjects map serves as the last reading", async () => {
    const legacy = { outputDirectory: scratch, target: { database: "Sales" }, sourceObjects: DEPLOYED };
    expect(await changesFor(legacy, CHANGED)).toEqual({
      "view [Sales].[v]": "altered",
      "view [Sales].[w]": "created",
    });
  });
});

describe("refresh", () => {
  function modelWithViews(...names: string[]): DatabaseModel {
    const model = emptyModel("Sales");
    model.schemas.push({ kind: "schema", key: "[Sales]", name: "Sales" });
    for (const name of names)
      model.views.push({
        kind: "view",
        key: `[Sales].[${name}]`,
        name,
        schema: "Sales",
        definition: `CREATE VIEW [Sales].[${name}] AS SELECT 1 AS x;`,
        isSchemaBound: false,
      } as never);
    return model;
  }

  function deployedOn(model: DatabaseModel) {
    const hashes = objectHashes(model);
    return { hashes, outputs: recorded({ fingerprint: fingerprint(model), targetSummary: summarizeHashes(hashes) }) };
  }

  test("a dropped view is named when the objects file matches, its kind when the file is missing", async () => {
    const { hashes, outputs } = deployedOn(modelWithViews("a", "b"));
    targetModel = modelWithViews("a");
    expect(await detectDrift(outputs)).toMatchObject({
      detected: true,
      missing: [],
      kinds: [{ kind: "view", before: 2, after: 1 }],
      namesUnavailable: `${objectsFile()} is missing`,
    });
    await writeObjectsFile(objectsFile(), { deployed: DEPLOYED, target: hashes });
    const named = await detectDrift(outputs);
    expect(named).toMatchObject({ detected: true, missing: ["view [Sales].[b]"], extra: [], changed: [] });
    expect(named?.namesUnavailable).toBeUndefined();
  });

  test("an unchanged target: no drift, no file read", async () => {
    const model = modelWithViews("a", "b");
    const { outputs } = deployedOn(model);
    targetModel = model;
    const spy = jest.spyOn(fs.promises, "readFile");
    const drift = await detectDrift(outputs);
    expect(drift).toMatchObject({ detected: false, missing: [], extra: [], changed: [] });
    expect(drift?.kinds).toBeUndefined();
    expect(spy).not.toHaveBeenCalled();
  });

  test("state of the earlier version (targetObjectHashes map) names the drifted objects", async () => {
    const deployed = modelWithViews("a", "b");
    const { hashes, outputs } = deployedOn(deployed);
    const { targetSummary: _summary, ...rest } = outputs;
    targetModel = modelWithViews("a");
    const drift = await detectDrift({ ...rest, targetObjectHashes: hashes } as unknown as SchemaDeploymentOutputs);
    expect(drift).toMatchObject({ detected: true, missing: ["view [Sales].[b]"] });
  });
});
