/** What `diff` decides for SchemaDeployment, and what preview says about it. */
import { computeDiff } from "../../../../provider/resources/schema-deployment/plan-diff";
import { compareObjectHashes, objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";
import {
  schemaDeploymentInputs,
  type SchemaDeploymentInputs,
} from "../../../../provider/resources/schema-deployment/inputs";
import type { SchemaDeploymentOutputs } from "../../../../provider/resources/schema-deployment/outputs";
import { emptyModel } from "../../../../provider/schema";

const inputs: SchemaDeploymentInputs = schemaDeploymentInputs.parse({
  source: { scriptPath: "db" },
  target: {
    server: "sales.database.windows.net",
    database: "Sales",
    authentication: { type: "sql", user: "u", password: "old-pw" },
  },
});
const HASHES = { "table [Sales].[Orders]": "aaaa", "view [Sales].[v]": "bbbb" };

function recorded(extra: Partial<SchemaDeploymentOutputs> = {}): SchemaDeploymentOutputs {
  return {
    ...inputs,
    sourceFingerprint: "sha256:x",
    objectCounts: {},
    objectHashes: HASHES,
    assessment: { blocking: 0, warning: 0, info: 0, blockingRuleIds: [], failsPolicy: false },
    appliedFixes: [],
    omittedObjects: [],
    scriptPath: "db.sql",
    reportPaths: { assessmentJson: "a.json", assessmentMarkdown: "a.md", deploymentReport: "d.json" },
    deployed: true,
    plannedBatchCount: 2,
    deployedBatchCount: 2,
    statementsRun: {},
    heldBack: [],
    ...extra,
  };
}

test("same inputs, same source: no changes, nothing to say", () => {
  expect(computeDiff(recorded(), inputs, HASHES)).toEqual({
    changes: false,
    replaces: [],
    changedInputs: [],
    sourceChanges: { created: [], altered: [], removed: [] },
    messages: [],
  });
});

test("a changed source names the objects it would create, alter and no longer has", () => {
  const diff = computeDiff(recorded(), inputs, { "table [Sales].[Orders]": "cccc", "procedure [Sales].[p]": "dddd" });
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
    computeDiff(recorded(), { ...inputs, target: { ...inputs.target, database: "Sales2" } }, HASHES),
  ).toMatchObject({ changes: true, replaces: ["target"] });
  const rotated = computeDiff(
    recorded(),
    { ...inputs, target: { ...inputs.target, authentication: { type: "sql", user: "u", password: "new-pw" } } },
    HASHES,
  );
  expect(rotated).toMatchObject({ changes: true, replaces: [], changedInputs: ["target"] });
  // Preview output never carries a credential.
  expect(rotated.messages.join("\n")).not.toMatch(/pw/);
});

test("settings such as failOn or deploy are changes", () => {
  expect(computeDiff(recorded(), { ...inputs, deploy: false }, HASHES)).toMatchObject({
    changes: true,
    changedInputs: ["deploy"],
  });
  expect(computeDiff(recorded(), { ...inputs, exclude: ["view"] }, HASHES)).toMatchObject({
    changes: true,
    changedInputs: ["exclude"],
  });
});

test("a partial deployment, or drift seen by refresh, makes an update even with the same source", () => {
  const partial = computeDiff(
    recorded({ nextBatchIndex: 1, lastError: "batch 2 of 2 (view [Sales].[v]) failed" }),
    inputs,
    HASHES,
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
  expect(computeDiff(recorded({ drift }), inputs, HASHES).changes).toBe(true);
  expect(computeDiff(recorded({ drift: { ...drift, detected: false } }), inputs, HASHES).changes).toBe(false);
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
  const diff = computeDiff(recorded(), news, {
    ...HASHES,
    "procedure [Sales].[p]": "dddd",
    "view [Sales].[w]": "eeee",
  });
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
