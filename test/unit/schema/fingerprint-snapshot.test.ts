import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fingerprint } from "../../../provider/schema/fingerprint";
import { loadSnapshot, saveSnapshot, SnapshotError } from "../../../provider/schema/snapshot";
import { readScriptSources, readScriptText } from "../../../provider/schema/script-reader";

const SQL =
  "CREATE SCHEMA s\nGO\nCREATE TABLE s.T (Id int NOT NULL PRIMARY KEY)\nGO\nCREATE VIEW s.V AS SELECT Id FROM s.T";

describe("fingerprint", () => {
  it("is a sha256 that ignores object order and file layout but not content", () => {
    const a = readScriptText(SQL, "one.sql").model;
    const b = readScriptSources([
      { file: "views/v.sql", text: "CREATE VIEW s.V AS SELECT Id FROM s.T" },
      { file: "tables/t.sql", text: "\n\nCREATE TABLE s.T (Id int NOT NULL PRIMARY KEY)" },
      { file: "schemas.sql", text: "CREATE SCHEMA s" },
    ]).model;
    expect(fingerprint(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprint(b)).toBe(fingerprint(a));
    expect(fingerprint(a, { includeSource: true })).not.toBe(fingerprint(b, { includeSource: true }));
    const changed = readScriptText(SQL.replace("SELECT Id", "SELECT Id AS Key"), "one.sql").model;
    expect(fingerprint(changed)).not.toBe(fingerprint(a));
  });
});

describe("snapshots", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "schema-snapshot-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("round-trips a model through a versioned JSON file", async () => {
    const model = readScriptText(SQL).model;
    const file = path.join(dir, "nested", "snap.json");
    await saveSnapshot(file, model);
    const raw = JSON.parse(await fs.readFile(file, "utf8"));
    expect([raw.format, raw.formatVersion]).toEqual(["pulumi-azure-sql-migration/schema-snapshot", 3]);
    expect(await loadSnapshot(file)).toEqual(model);
    expect(await fs.readdir(path.dirname(file))).toEqual(["snap.json"]);
  });

  it("still loads a version 1 snapshot (before security policies), as a model without any", async () => {
    const model = readScriptText(SQL).model;
    const { securityPolicies: _none, ...v1 } = model;
    const file = path.join(dir, "v1.json");
    await fs.writeFile(
      file,
      JSON.stringify({ format: "pulumi-azure-sql-migration/schema-snapshot", formatVersion: 1, model: v1 }),
    );
    expect(await loadSnapshot(file)).toEqual({ ...model, securityPolicies: [] });
    // Version 1 knew nothing of the new fields: they are not accepted in a file that says it is version 1... as version 2 they are.
    await fs.writeFile(
      file,
      JSON.stringify({
        format: "pulumi-azure-sql-migration/schema-snapshot",
        formatVersion: 1,
        model: { ...v1, surprise: 1 },
      }),
    );
    await expect(loadSnapshot(file)).rejects.toThrow(/at model: .*surprise/);
  });

  it("names the path of a wrong field", async () => {
    const model = readScriptText(SQL).model;
    const file = path.join(dir, "bad.json");
    await saveSnapshot(file, model);
    const raw = JSON.parse(await fs.readFile(file, "utf8"));
    raw.model.tables[0].columns[0].maxLength = "four";
    await fs.writeFile(file, JSON.stringify(raw));
    await expect(loadSnapshot(file)).rejects.toThrow(
      /invalid schema snapshot at model\.tables\[0\]\.columns\[0\]\.maxLength: /,
    );
  });

  it("rejects another format version, unknown fields and broken JSON", async () => {
    const file = path.join(dir, "v.json");
    const model = readScriptText(SQL).model;
    await fs.writeFile(
      file,
      JSON.stringify({ format: "pulumi-azure-sql-migration/schema-snapshot", formatVersion: 4, model }),
    );
    await expect(loadSnapshot(file)).rejects.toThrow(/at formatVersion:/);
    await fs.writeFile(
      file,
      JSON.stringify({
        format: "pulumi-azure-sql-migration/schema-snapshot",
        formatVersion: 3,
        model: { ...model, surprise: 1 },
      }),
    );
    await expect(loadSnapshot(file)).rejects.toThrow(/at model: .*surprise/);
    await fs.writeFile(file, "{ not json");
    const err = await loadSnapshot(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).message).toMatch(/not valid JSON/);
  });
});
