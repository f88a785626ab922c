/** What `diff` decides for SchemaDeployment, and what preview says about it. */
import { computeDiff, type SourceSides } from "../../../../provider/resources/schema-deployment/plan-diff";
import { compareObjectHashes, objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";
import { summarizeHashes } from "../../../../provider/resources/schema-deployment/hash-summary";
import {
  schemaDeploymentInputs,
  type SchemaDeploymentInputs,
} from "../../../../provider/resources/schema-deployment/inputs";
import type { SchemaDeploymentOutputs } from "../../../../provider/resources/schema-deployment/outputs";
import { emptyModel } from "../../../../provider/schema";
import { recordedOutputs } from "./recorded-outputs";

const inputs: SchemaDeploymentInputs = schemaDeploymentInputs.parse({
  source: { scriptPath: "db" },
  target: {
    server: "sales.database.windows.net",
    database: "Sales",
    authentication: { type: "sql", user: "u", password: "old-pw" },
  },
});
const HASHES = { "table [Sales].[Orders]": "aaaa", "view [Sales].[v]": "bbbb" };

/** The last deployed source (HASHES) and a new one, both with their per-object hashes at hand. */
function sides(next: Record<string, string>, previous: Record<string, string> = HASHES): SourceSides {
  return {
    previous: { summary: summarizeHashes(previous), detail: { hashes: previous } },
    next: { summary: summarizeHashes(next), detail: { hashes: next } },
  };
}

/** The outputs of a completed update of HASHES in two batches. */
function recorded(extra: Partial<SchemaDeploymentOutputs> = {}): SchemaDeploymentOutputs {
  return recordedOutputs(inputs, HASHES, { plannedBatchCount: 2, deployedBatchCount: 2, ...extra });
}

test("same inputs, same source: no changes, nothing to say", () => {
  expect(computeDiff(recorded(), inputs, sides(HASHES))).toEqual({
    changes: false,
    replaces: [],
    changedInputs: [],
    sourceChanges: { created: [], altered: [], removed: [] },
    messages: [],
  });
});

test("a changed source names the objects it would create, alter and no longer has", () => {
  const diff = computeDiff(
    recorded(),
    inputs,
    sides({ "table [Sales].[Orders]": "cccc", "procedure [Sales].[p]": "dddd" }),
  );
  expect(diff.changes).toBe(true);
  expect(diff.sourceChanges).toEqual({
    created: ["procedure [Sales].[p]"],
    altered: ["table [Sales].[Orders]"],
    removed: ["view [Sales].[v]"],
  });
  expect(diff.messages).toEqual([
    "would create 1: procedure [Sales].[p]",
    "would alter 1: table [Sales].[Orders]",
    "no longer in the source 1: view [Sales].[v] (left on the target: dropExtraObjects is false)",
  ]);
});

test("another target database replaces; another password only updates", () => {
  expect(
    computeDiff(recorded(), { ...inputs, target: { ...inputs.target, database: "Sales2" } }, sides(HASHES)),
  ).toMatchObject({ changes: true, replaces: ["target"] });
  const rotated = computeDiff(
    recorded(),
    { ...inputs, target: { ...inputs.target, authentication: { type: "sql", user: "u", password: "new-pw" } } },
    sides(HASHES),
  );
  expect(rotated).toMatchObject({ changes: true, replaces: [], changedInputs: ["target"] });
  // Preview output never carries a credential.
  expect(rotated.messages.join("\n")).not.toMatch(/pw/);
});

test("settings such as failOn or deploy are changes", () => {
  expect(computeDiff(recorded(), { ...inputs, deploy: false }, sides(HASHES))).toMatchObject({
    changes: true,
    changedInputs: ["deploy"],
  });
  expect(computeDiff(recorded(), { ...inputs, exclude: ["view"] }, sides(HASHES))).toMatchObject({
    changes: true,
    changedInputs: ["exclude"],
  });
});

test("a partial deployment, or drift seen by refresh, makes an update even with the same source", () => {
  const partial = computeDiff(
    recorded({ nextBatchIndex: 1, lastError: "batch 2 of 2 (view [Sales].[v]) failed" }),
    inputs,
    sides(HASHES),
  );
  expect(partial.changes).toBe(true);
  expect(partial.messages[0]).toMatch(/stopped at batch 2 of 2 .*resumes/);
  const drift = {
    detected: true,
    checkedAt: "now",
    fingerprint: "sha256:y",
    missing: ["view [Sales].[v]"],
    extra: [],
    changed: [],
  };
  expect(computeDiff(recorded({ drift }), inputs, sides(HASHES)).changes).toBe(true);
  expect(computeDiff(recorded({ drift: { ...drift, detected: false } }), inputs, sides(HASHES)).changes).toBe(false);
});

test("without per-object hashes on either side, a changed source is still a change, named by kind with why", () => {
  const next = { ...HASHES, "view [Sales].[v]": "cccc", "view [Sales].[w]": "dddd", "procedure [Sales].[p]": "eeee" };
  const missing = { unavailable: "out/Sales.objects.json is missing" };
  const noPrevious = computeDiff(recorded(), inputs, {
    previous: { summary: summarizeHashes(HASHES), detail: missing },
    next: { summary: summarizeHashes(next), detail: { hashes: next } },
  });
  expect(noPrevious.changes).toBe(true);
  expect(noPrevious.sourceChanges).toBeUndefined();
  expect(noPrevious.kindChanges).toEqual([
    { kind: "procedure", before: 0, after: 1 },
    { kind: "view", before: 1, after: 2 },
  ]);
  expect(noPrevious.messages).toEqual([
    "would change procedure (0 → 1 objects), view (1 → 2 objects) (per-object names unavailable: out/Sales.objects.json is missing)",
  ]);
  // Same count, other definitions: the kind is still named, and the table (same digest) is not.
  const altered = { ...HASHES, "view [Sales].[v]": "ffff" };
  const noNext = computeDiff(recorded(), inputs, {
    previous: { summary: summarizeHashes(HASHES), detail: { hashes: HASHES } },
    next: { summary: summarizeHashes(altered), detail: { unavailable: "check kept its last reading" } },
  });
  expect(noNext).toMatchObject({ changes: true, kindChanges: [{ kind: "view", before: 1, after: 1 }] });
  expect(noNext.messages).toEqual([
    "would change view (1 object, some differ) (per-object names unavailable: check kept its last reading)",
  ]);
});

test("equal digests are no change, without per-object hashes on either side", () => {
  const unavailable = { unavailable: "not read" };
  const diff = computeDiff(recorded(), inputs, {
    previous: { summary: summarizeHashes(HASHES), detail: unavailable },
    next: { summary: summarizeHashes({ ...HASHES }), detail: unavailable },
  });
  expect(diff).toMatchObject({ changes: false, sourceChanges: { created: [], altered: [], removed: [] } });
});

test("drift refresh could only place in kinds says so", () => {
  const drift = {
    detected: true,
    checkedAt: "now",
    fingerprint: "sha256:y",
    missing: [],
    extra: [],
    changed: [],
    kinds: [{ kind: "view", before: 1, after: 0 }],
    namesUnavailable: "out/Sales.objects.json is missing",
  };
  expect(computeDiff(recorded({ drift }), inputs, sides(HASHES)).messages).toEqual([
    "refresh found drift on the target (in view (1 → 0 objects); objects not named: out/Sales.objects.json is missing); the update deploys what is missing or changed again",
  ]);
});

test("a source not known yet (preview) is a change decided at update", () => {
  expect(computeDiff(recorded(), inputs, undefined)).toMatchObject({
    changes: true,
    messages: [expect.stringMatching(/not known yet/)],
  });
});

test("object hashes ignore where an object was read from, and see what it is", () => {
  const a = emptyModel();
  a.schemas.push({ kind: "schema", key: "[Sales]", name: "Sales", source: { file: "a.sql", line: 1 } });
  const moved = structuredClone(a);
  moved.schemas[0]!.source = { file: "b/c.sql", line: 9 };
  expect(objectHashes(moved)).toEqual(objectHashes(a));
  const owned = structuredClone(a);
  owned.schemas[0]!.owner = "Reporting";
  expect(compareObjectHashes(objectHashes(a), objectHashes(owned))).toEqual({
    created: [],
    altered: ["schema [Sales]"],
    removed: [],
  });
});

test("objects the script would leave out are named with why, not as objects it would create", () => {
  const news = {
    ...inputs,
    sourceOmitted: { "procedure [Sales].[p]": "AZSQL001: references Crm.dbo.T in database Crm" },
  };
  const diff = computeDiff(
    recorded(),
    news,
    sides({ ...HASHES, "procedure [Sales].[p]": "dddd", "view [Sales].[w]": "eeee" }),
  );
  expect(diff.changes).toBe(true);
  expect(diff.messages).toEqual([
    "would create 1: view [Sales].[w]",
    "would leave out 1 (see the deployment report): procedure [Sales].[p] (AZSQL001: references Crm.dbo.T in database Crm)",
  ]);
});

test("check's list of left-out objects is what the generator leaves out", async () => {
  const { omittedObjects } = await import("../../../../provider/resources/schema-deployment/prepare");
  const { readScriptText } = await import("../../../../provider/schema");
  const { model } = readScriptText(
    "CREATE VIEW dbo.Remote AS SELECT * FROM Crm.dbo.T\nGO\nCREATE VIEW dbo.Local AS SELECT x.Loc.Lat FROM dbo.Places AS x",
    "s.sql",
    { databaseName: "Shop" },
  );
  expect(omittedObjects({ model }, {})).toEqual({
    "view [dbo].[Remote]": "AZSQL001: references Crm.dbo.T in database Crm",
  });
});
