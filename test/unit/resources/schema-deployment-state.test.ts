/**
 * What a SchemaDeployment keeps in state per schema object (issue 13, item 3): a 16-hex-digit hash under the
 * object's `kind key` in three maps — the input sourceObjects (check's reading, for preview's per-object
 * naming), the output objectHashes (the last source deployed, for diff) and targetObjectHashes (the target read
 * back, for refresh's drift) — so state grows linearly with the objects. Measured here at 5,000 and 50,000
 * objects; bench/README.md reports the figures and what would bound them.
 */
import { objectHashes } from "../../../provider/resources/schema-deployment/object-hashes";
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

/** Bytes of the per-object part of the state: the three maps, as the engine serializes inputs and outputs. */
function perObjectStateBytes(count: number): { bytes: number; entries: number } {
  const hashes = objectHashes(modelOf(count));
  const state = { inputs: { sourceObjects: hashes }, outputs: { objectHashes: hashes, targetObjectHashes: hashes } };
  return { bytes: Buffer.byteLength(JSON.stringify(state, null, 4)), entries: Object.keys(hashes).length };
}

test("three short hashes per object: linear in the objects, about 0.2 KB an object", () => {
  const small = perObjectStateBytes(5_000);
  const large = perObjectStateBytes(50_000);
  expect(small.entries).toBe(5_000);
  expect(large.entries).toBe(50_000);
  const perObject = large.bytes / large.entries;
  console.log(
    `SchemaDeployment per-object state: ${(small.bytes / 1024 / 1024).toFixed(2)} MB at 5,000 objects, ` +
      `${(large.bytes / 1024 / 1024).toFixed(2)} MB at 50,000 (${perObject.toFixed(0)} bytes an object)`,
  );
  // Three entries of `"kind [schema].[name]": "16 hex digits"`, indented as the file backend writes them: nothing
  // else per object (no definition text, no model) may creep into state.
  expect(perObject).toBeLessThan(3 * 100);
  expect(large.bytes / small.bytes).toBeGreaterThan(9.5);
  expect(large.bytes / small.bytes).toBeLessThan(10.5);
});
