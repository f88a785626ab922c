/**
 * The emulator's answers have the spec's shape: for each operation with an example in the REST spec, the
 * emulator's body for the same operation has the same keys, at every depth, with the same JSON types. The few
 * differences allowed are listed with their reason; anything else (a key renamed, dropped, added or retyped)
 * fails. Classic model: 2021-06-30 examples; current API: 2025-06-30 examples (spec-examples/README.md).
 */
import classicServiceGet from "../../dms/fixtures/spec-services-get.json";
import classicCheckStatus from "../../dms/fixtures/spec-services-check-status.json";
import projectGet from "./spec-examples/Projects_Get.2021-06-30.json";
import taskGet from "./spec-examples/Tasks_Get.2021-06-30.json";
import sqlMigrationServiceGet from "./spec-examples/GetSqlMigrationService.2025-06-30.json";
import listAuthKeys from "./spec-examples/ListAuthKeysSqlMigrationService.2025-06-30.json";
import sqlDbGetExpanded from "./spec-examples/SqlDbGetDatabaseMigrationExpanded.2025-06-30.json";
import { PROJECT_PATH, SERVICE_PATH, targetConnection, taskPath, sharedHarness, provisioned } from "./support";
import {
  api,
  getExpanded,
  migrationBody,
  migrationPath,
  servicePath,
  readyCurrentHarness,
} from "./sql-migration-support";

type Shape = string | Shape[] | { [key: string]: Shape };

/** The JSON type of every value, keys kept, arrays by the union of their elements' shapes. */
export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length ? [value.map(shapeOf).reduce(mergeShapes)] : [];
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shapeOf(v)]));
}

function mergeShapes(a: Shape, b: Shape): Shape {
  if (typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) return { ...a, ...b };
  return a;
}

/** Every difference between two shapes, as `+path` (only in the emulator), `-path` (only in the example), `~path: a≠b`. */
export function shapeDifferences(emulator: Shape, example: Shape, path = ""): string[] {
  if (Array.isArray(emulator) && Array.isArray(example)) {
    if (!emulator.length || !example.length) return [];
    return shapeDifferences(emulator[0]!, example[0]!, `${path}[]`);
  }
  if (
    typeof emulator === "object" &&
    typeof example === "object" &&
    !Array.isArray(emulator) &&
    !Array.isArray(example)
  ) {
    const keys = [...new Set([...Object.keys(emulator), ...Object.keys(example)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in example)) return [`+${p}`];
      if (!(k in emulator)) return [`-${p}`];
      return shapeDifferences(emulator[k]!, example[k]!, p);
    });
  }
  const describe = (s: Shape) => (Array.isArray(s) ? "array" : typeof s === "object" ? "object" : s);
  return describe(emulator) === describe(example) ? [] : [`~${path}: ${describe(emulator)}≠${describe(example)}`];
}

const differences = (emulatorBody: unknown, example: unknown) =>
  shapeDifferences(shapeOf(emulatorBody), shapeOf(example));

test("the comparison itself sees a renamed, dropped, added and retyped key", () => {
  expect(differences({ a: 1, b: { c: "x" }, d: [{ e: true }] }, { a: 1, b: { c: "x" }, d: [{ e: true }] })).toEqual([]);
  expect(
    differences({ a: "1", b: { cc: "x" }, d: [{ e: true, f: 1 }] }, { a: 1, b: { c: "x" }, d: [{ e: true }] }),
  ).toEqual(["~a: string≠number", "-b.c", "+b.cc", "+d[].f"]);
});

describe("classic model (2021-06-30 examples)", () => {
  const h = sharedHarness(() => provisioned("Basic_1vCore"), { per: "all" });

  test("Services_Get", async () => {
    const body = (await h.call("GET", SERVICE_PATH)).json;
    // kind: the spec defines it ("Only 'vm' (the default) is supported"); the service answers it, the example omits it.
    expect(differences(body, classicServiceGet)).toEqual(["+kind"]);
  });

  test("Services_CheckStatus", async () => {
    expect(differences((await h.call("POST", `${SERVICE_PATH}/checkStatus`)).json, classicCheckStatus)).toEqual([]);
  });

  test("Projects_Get", async () => {
    expect(differences((await h.call("GET", PROJECT_PATH)).json, projectGet)).toEqual([]);
  });

  test("Tasks_Get", async () => {
    const input = { targetConnectionInfo: { ...targetConnection(), trustServerCertificate: true } };
    expect(
      (await h.call("PUT", taskPath("example"), { properties: { taskType: "ConnectToTarget.SqlDb", input } })).status,
    ).toBe(201);
    const body = (await h.call("GET", taskPath("example"))).json;
    // errors and commands: read-only arrays of ProjectTaskProperties, answered empty; the example leaves them out.
    expect(differences(body, taskGet)).toEqual(["+properties.commands", "+properties.errors"]);
  });
});

describe("current API (2025-06-30 examples)", () => {
  const h = sharedHarness(readyCurrentHarness, { per: "all" });

  test("SqlMigrationServices_Get", async () => {
    expect((await api(h, "PATCH", servicePath(), { tags: { myTag: "myVal" } })).status).toBe(200);
    expect(differences((await api(h, "GET", servicePath())).json, sqlMigrationServiceGet)).toEqual([]);
  });

  test("SqlMigrationServices_listAuthKeys", async () => {
    expect(differences((await api(h, "POST", `${servicePath()}/listAuthKeys`)).json, listAuthKeys)).toEqual([]);
  });

  test("DatabaseMigrationsSqlDb_Get with $expand=MigrationStatusDetails", async () => {
    expect((await api(h, "PUT", migrationPath(), migrationBody())).status).toBe(201);
    h.clock.advance(0);
    h.ticks(8);
    const body = (await getExpanded(h)).json;
    expect(body.properties.migrationStatus).toBe("Succeeded");
    expect(differences(body, sqlDbGetExpanded)).toEqual([
      // Recorded 2025-06-30 traffic (emulator/datamigration/README.md): the service answers these blocks,
      // which the example leaves out.
      "+properties.backupConfiguration",
      "+properties.sqlDataMigrationConfiguration",
      "+properties.sqlSchemaMigrationConfiguration",
    ]);
  });
});
