/**
 * What a SchemaDeployment keeps in state for its schema objects (issue 13, item 3): three summaries — the input
 * sourceSummary (check's reading), the outputs objectSummary (the last source deployed, for diff) and
 * targetSummary (the target read back, for refresh's drift) — each a count and a digest, overall and per kind,
 * so state stays the same size whatever the object count. The per-object hashes (16 hex digits under each
 * object's `kind key`, which earlier versions kept in three maps in state: 263 bytes an object, 12.5 MB at 50,000)
 * are in `<db>.objects.json`. Measured here at 5,000 and 50,000 objects; bench/README.md reports the figures.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { summarizeHashes } from "../../../provider/resources/schema-deployment/hash-summary";
import { objectHashes } from "../../../provider/resources/schema-deployment/object-hashes";
import { writeObjectsFile } from "../../../provider/resources/schema-deployment/objects-file";
import { emptyModel, type DatabaseModel } from "../../../provider/schema";

/** A source of `count` objects with names of a realistic length: tables, views, procedures, functions. */
function modelOf(count: number): DatabaseModel {
  const model = emptyModel("Sales");
  model.schemas.push({ kind: "schema", key: "[Sales]", name: "Sales" });
  for (let i = 0; i < count - 1; i++) {
    const name = `Object_${String(i).padStart(5, "0")}_with_a_realistic_name`;
    const key = `[Sales].[${name}]`;
    const base = { key, name, schema: "Sales" };
    const definition = `CREATE VIEW ${key} AS SELECT 1 AS x;`;
    if (i % 4 === 0)
      model.tables.push({
        ...base,
        kind: "table",
        columns: [],
        uniqueConstraints: [],
        checkConstraints: [],
        indexes: [],
        foreignKeys: [],
        isFileTable: false,
        isMemoryOptimized: false,
      });
    else if (i % 4 === 1) model.views.push({ ...base, kind: "view", definition, isSchemaBound: false });
    else if (i % 4 === 2) model.procedures.push({ ...base, kind: "procedure", definition } as never);
    else model.functions.push({ ...base, kind: "function", definition } as never);
  }
  return model;
}

/**
 * Bytes of the per-object part of the state — the three summaries and check's list of changed objects at its
 * largest, as the engine serializes inputs and outputs — and of the objects file that holds the hashes.
 */
async function perObjectBytes(count: number): Promise<{ stateBytes: number; fileBytes: number; objects: number }> {
  const hashes = objectHashes(modelOf(count));
  const summary = summarizeHashes(hashes);
  // check's sourceChanges at its largest: 25 names and a count (preview-changes.ts).
  const ids = Object.keys(hashes).slice(0, 25);
  const sourceChanges = { ...Object.fromEntries(ids.map((id) => [id, "altered"])), "(and 99999 more)": "named" };
  const state = {
    inputs: { sourceSummary: summary, sourceChanges },
    outputs: { objectSummary: summary, targetSummary: summary },
  };
  const file = path.join(scratch, `${count}.objects.json`);
  await writeObjectsFile(file, { deployed: hashes, target: hashes });
  return {
    stateBytes: Buffer.byteLength(JSON.stringify(state, null, 4)),
    fileBytes: fs.statSync(file).size,
    objects: summary.count,
  };
}

let scratch: string;
beforeAll(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), "schema-state-"))));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("state keeps summaries: bounded whatever the object count; the hashes go to the objects file", async () => {
  const small = await perObjectBytes(5_000);
  const large = await perObjectBytes(50_000);
  expect(small.objects).toBe(5_000);
  expect(large.objects).toBe(50_000);
  console.log(
    `SchemaDeployment per-object state: ${small.stateBytes} bytes at 5,000 objects, ${large.stateBytes} bytes at ` +
      `50,000; objects file: ${(small.fileBytes / 1024 / 1024).toFixed(2)} MB and ` +
      `${(large.fileBytes / 1024 / 1024).toFixed(2)} MB`,
  );
  // A count and a digest per kind (five kinds here) and overall, three times, and at most 25 changed objects
  // named: no entry per object in state.
  expect(large.stateBytes).toBeLessThan(10 * 1024);
  expect(large.stateBytes / small.stateBytes).toBeLessThan(1.05);
  // The file does grow with the objects: the hashes are there, not lost.
  expect(large.fileBytes / small.fileBytes).toBeGreaterThan(9.5);
});
