/**
 * Indexed views through the schema library: the reader (an index on a view, the view's SCHEMABINDING, what SQL Server
 * refuses), the model's validation and the snapshot, the generator's order, compare and the anomaly check, the
 * filegroup fix; and loose-statement keys that stay distinct when two statements share a line.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assess } from "../../../provider/schema/assessment/assess";
import { compareSchemas, findAnomalies } from "../../../provider/schema/compare";
import { statementKey } from "../../../provider/schema/keys";
import type { DatabaseModel, IndexDef, ViewDef } from "../../../provider/schema/model";
import { databaseModelSchema, indexedViewIssues } from "../../../provider/schema/model-validation";
import { generateScript } from "../../../provider/schema/script-generator";
import { readScriptSources, readScriptText } from "../../../provider/schema/script-reader";
import { loadSnapshot, parseSnapshot, saveSnapshot, serializeSnapshot } from "../../../provider/schema/snapshot";

const TABLES = `CREATE TABLE dbo.Product (ProductID int NOT NULL CONSTRAINT PK_Product PRIMARY KEY, Name nvarchar(50) NOT NULL, ModelID int NOT NULL)
GO
CREATE TABLE dbo.Model (ModelID int NOT NULL CONSTRAINT PK_Model PRIMARY KEY, Name nvarchar(50) NOT NULL)
GO`;

const INDEXED = `${TABLES}
CREATE VIEW dbo.vProductModel
WITH SCHEMABINDING
AS
-- indexed: materialised by its unique clustered index
SELECT p.ProductID, p.Name, m.Name AS ModelName FROM dbo.Product p INNER JOIN dbo.Model m ON p.ModelID = m.ModelID;
GO
CREATE UNIQUE CLUSTERED INDEX IX_vProductModel ON dbo.vProductModel (ProductID);
GO
CREATE NONCLUSTERED INDEX IX_vProductModel_Name ON dbo.vProductModel (Name DESC) INCLUDE (ModelName);
GO
CREATE VIEW dbo.vNames AS SELECT Name FROM dbo.vProductModel WITH (NOEXPAND)
GO`;

const read = (sql: string) => readScriptText(sql, "db.sql");
const view = (model: DatabaseModel, name: string): ViewDef => model.views.find((v) => v.name === name)!;
const ix = (
  name: string,
  type: IndexDef["type"],
  isUnique: boolean,
  columns: string[],
  extra: Partial<IndexDef> = {},
): IndexDef => ({
  name,
  type,
  isUnique,
  columns: columns.map((c) => ({ name: c, descending: false })),
  includedColumns: [],
  ...extra,
});

describe("reader", () => {
  it("gives an index on a view to the view, in a project where the nonclustered index's file sorts first", () => {
    const { model, warnings } = read(INDEXED);
    expect(warnings).toEqual([]);
    expect(model.statements).toEqual([]);
    expect(view(model, "vProductModel")).toMatchObject({
      isSchemaBound: true,
      indexes: [
        ix("IX_vProductModel", "clustered", true, ["ProductID"]),
        {
          ...ix("IX_vProductModel_Name", "nonclustered", false, []),
          columns: [{ name: "Name", descending: true }],
          includedColumns: ["ModelName"],
        },
      ],
    });
    // A plain view has no `indexes` at all (its hash and fingerprint stay what they were).
    expect(view(model, "vNames")).not.toHaveProperty("indexes");

    const project = readScriptSources([
      {
        file: "Indexes/IX_vProductModel_Name.sql",
        text: "CREATE NONCLUSTERED INDEX IX_vProductModel_Name ON dbo.vProductModel (Name)",
      },
      { file: "Tables/Product.sql", text: TABLES.split("GO")[0]! },
      { file: "Tables/Model.sql", text: TABLES.split("GO")[1]! },
      {
        file: "Views/vProductModel.sql",
        text: "CREATE VIEW dbo.vProductModel WITH SCHEMABINDING AS SELECT p.ProductID, p.Name FROM dbo.Product p\nGO\nCREATE UNIQUE CLUSTERED INDEX IX_vProductModel ON dbo.vProductModel (ProductID)",
      },
    ]);
    expect(project.warnings).toEqual([]);
    expect(view(project.model, "vProductModel").indexes?.map((i) => `${i.name} ${i.type}`)).toEqual([
      "IX_vProductModel_Name nonclustered",
      "IX_vProductModel clustered",
    ]);
  });

  it("reads SCHEMABINDING from the view's header only, whatever the other options, column list or ALTER form", () => {
    const bound = (header: string) =>
      read(`${header} AS SELECT ProductID FROM dbo.Product`).model.views[0]!.isSchemaBound;
    expect(bound("CREATE VIEW dbo.V WITH SCHEMABINDING")).toBe(true);
    expect(bound("CREATE VIEW [dbo].[V] (Id) WITH ENCRYPTION, SCHEMABINDING, VIEW_METADATA")).toBe(true);
    expect(bound("CREATE OR ALTER VIEW dbo.V WITH SCHEMABINDING")).toBe(true);
    expect(bound("ALTER VIEW dbo.V WITH SCHEMABINDING")).toBe(true);
    expect(bound("CREATE VIEW dbo.V WITH VIEW_METADATA")).toBe(false);
    // The word in a comment, or in the body (a string, a CTE's WITH) is not the option.
    expect(
      read("CREATE VIEW dbo.V /* WITH SCHEMABINDING */ AS SELECT 'WITH SCHEMABINDING' AS x").model.views[0]!
        .isSchemaBound,
    ).toBe(false);
    expect(
      read("CREATE VIEW dbo.V AS WITH SCHEMABINDING AS (SELECT 1 AS x) SELECT x FROM SCHEMABINDING").model.views[0]!
        .isSchemaBound,
    ).toBe(false);
  });

  it("keeps what SQL Server refuses as written, saying why, and models none of it", () => {
    const { model, warnings } = read(`${TABLES}
CREATE VIEW dbo.vPlain AS SELECT ProductID FROM dbo.Product
GO
CREATE UNIQUE CLUSTERED INDEX IX_vPlain ON dbo.vPlain (ProductID)
GO
CREATE VIEW dbo.vBound WITH SCHEMABINDING AS SELECT ProductID, Name FROM dbo.Product
GO
CREATE CLUSTERED INDEX IX_vBound_NotUnique ON dbo.vBound (ProductID)
GO
CREATE NONCLUSTERED INDEX IX_vBound_Name ON dbo.vBound (Name)
GO
CREATE UNIQUE CLUSTERED INDEX IX_vFiltered ON dbo.vBound (ProductID) WHERE ProductID > 0
GO
CREATE UNIQUE CLUSTERED INDEX IX_Nowhere ON dbo.vMissing (Id)
GO`);
    expect(model.views.filter((v) => v.indexes !== undefined)).toEqual([]);
    expect(warnings.map((w) => [w.line, w.kind, w.message])).toEqual([
      [
        7,
        "notUnderstood",
        "index [dbo].[vPlain].[IX_vPlain] on the view [dbo].[vPlain]: the view is not created WITH SCHEMABINDING (SQL Server refuses it); kept as written",
      ],
      [
        11,
        "notUnderstood",
        "index [dbo].[vBound].[IX_vBound_NotUnique] on the view [dbo].[vBound]: the clustered index of a view must be UNIQUE (SQL Server refuses it); kept as written",
      ],
      [
        15,
        "notUnderstood",
        "index [dbo].[vBound].[IX_vFiltered] on the view [dbo].[vBound]: a filtered index cannot be created on a view (SQL Server refuses it); kept as written",
      ],
      [
        17,
        "notUnderstood",
        "index [dbo].[vMissing].[IX_Nowhere] on [dbo].[vMissing], which the scripts define neither as a table nor as a view; kept as written",
      ],
      [
        13,
        "notUnderstood",
        "index [dbo].[vBound].[IX_vBound_Name] on the view [dbo].[vBound]: the view has no unique clustered index, which SQL Server needs before any other index of a view; kept as written",
      ],
    ]);
    expect(model.statements.map((s) => s.key)).toEqual([
      "db.sql:7",
      "db.sql:11",
      "db.sql:15",
      "db.sql:17",
      "db.sql:13",
    ]);
  });
});

describe("model validation and snapshots", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "indexed-views-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("names what SQL Server requires of an indexed view", () => {
    const clustered = ix("CIX", "clustered", true, ["Id"]);
    expect(indexedViewIssues({ isSchemaBound: false })).toEqual([]);
    expect(
      indexedViewIssues({ isSchemaBound: true, indexes: [clustered, ix("IX", "nonclustered", false, ["A"])] }),
    ).toEqual([]);
    expect(indexedViewIssues({ isSchemaBound: false, indexes: [clustered] })).toEqual([
      "an indexed view must be created WITH SCHEMABINDING",
    ]);
    expect(indexedViewIssues({ isSchemaBound: true, indexes: [ix("IX", "nonclustered", false, ["A"])] })).toEqual([
      "an indexed view has exactly one unique clustered index (this one has none)",
    ]);
    expect(indexedViewIssues({ isSchemaBound: true, indexes: [ix("CIX", "clustered", false, ["Id"])] })).toEqual([
      "an indexed view has exactly one unique clustered index (this one has a non-unique one)",
    ]);
    expect(
      indexedViewIssues({
        isSchemaBound: true,
        indexes: [
          clustered,
          ix("CS", "nonclusteredColumnstore", false, ["A"]),
          ix("F", "nonclustered", false, ["A"], { filter: "([A]>(0))" }),
        ],
      }),
    ).toEqual([
      "index CS: a nonclusteredColumnstore index cannot be created on a view",
      "index F: a filtered index cannot be created on a view",
    ]);
  });

  it("saves format version 3 with the view's indexes and loads it back; refuses an indexed view SQL Server could not have", async () => {
    const model = read(INDEXED).model;
    const file = path.join(dir, "snap.json");
    await saveSnapshot(file, model);
    const raw = JSON.parse(await fs.readFile(file, "utf8"));
    expect(raw.formatVersion).toBe(3);
    expect(raw.model.views.find((v: ViewDef) => v.name === "vProductModel").indexes).toHaveLength(2);
    expect(await loadSnapshot(file)).toEqual(model);

    const unbound = structuredClone(raw);
    unbound.model.views.find((v: ViewDef) => v.name === "vProductModel").isSchemaBound = false;
    expect(() => parseSnapshot(JSON.stringify(unbound))).toThrow(
      /at model\.views\[\d\]\.indexes: an indexed view must be created WITH SCHEMABINDING/,
    );
    const empty = structuredClone(raw);
    empty.model.views.find((v: ViewDef) => v.name === "vNames").indexes = [];
    expect(() => parseSnapshot(JSON.stringify(empty))).toThrow(/at model\.views\[\d\]\.indexes: /);
    expect(databaseModelSchema.safeParse(model).success).toBe(true);
  });

  it("still loads version 2 (views without indexes) and version 1 files", () => {
    const model = read(TABLES + "\nCREATE VIEW dbo.V AS SELECT ProductID FROM dbo.Product").model;
    const text = serializeSnapshot(model);
    expect(parseSnapshot(text.replace('"formatVersion": 3', '"formatVersion": 2'))).toEqual(model);
    const { securityPolicies: _p, xmlSchemaCollections: _x, ...v1 } = model;
    expect(
      parseSnapshot(
        JSON.stringify({ format: "pulumi-azure-sql-migration/schema-snapshot", formatVersion: 1, model: v1 }),
      ),
    ).toEqual(model);
    expect(() => parseSnapshot(text.replace('"formatVersion": 3', '"formatVersion": 4'))).toThrow(/at formatVersion:/);
  });
});

describe("generator", () => {
  it("writes the unique clustered index right after its view, then the nonclustered ones, before the views that read it", () => {
    const script = generateScript(read(INDEXED).model);
    const order = script.batches
      .filter((b) => b.kind === "view" || b.objectKey.startsWith("[dbo].[v"))
      .map((b) => `${b.kind} ${b.objectKey}`);
    expect(order).toEqual([
      "view [dbo].[vProductModel]",
      "index [dbo].[vProductModel].[IX_vProductModel]",
      "index [dbo].[vProductModel].[IX_vProductModel_Name]",
      "view [dbo].[vNames]",
    ]);
    expect(script.batches.filter((b) => b.kind === "index").map((b) => b.sql)).toEqual([
      "CREATE UNIQUE CLUSTERED INDEX [IX_vProductModel] ON [dbo].[vProductModel] ([ProductID] ASC)",
      "CREATE NONCLUSTERED INDEX [IX_vProductModel_Name] ON [dbo].[vProductModel] ([Name] DESC) INCLUDE ([ModelName])",
    ]);
    // Read back, the script holds the same indexed view.
    const back = readScriptText(script.script, "generated.sql");
    expect(back.warnings.filter((w) => w.kind === "notUnderstood")).toEqual([]);
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
  });

  it("sorts the clustered index first whatever the names, and leaves a view's indexes out with the view", () => {
    const model = read(INDEXED).model;
    view(model, "vProductModel").indexes!.reverse()[0]!.name = "A_first_by_name";
    const names = generateScript(model)
      .batches.filter((b) => b.kind === "index")
      .map((b) => b.objectKey);
    expect(names).toEqual(["[dbo].[vProductModel].[IX_vProductModel]", "[dbo].[vProductModel].[A_first_by_name]"]);

    // A view the script leaves out (a blocking cross-database reference) takes its indexes with it, and says so.
    const blocked = read(INDEXED.replace("INNER JOIN dbo.Model m", "INNER JOIN OtherDb.dbo.Model m")).model;
    const script = generateScript(blocked);
    expect(
      script.omitted
        .filter((o) => o.objectKey.startsWith("[dbo].[vProductModel]"))
        .map((o) => [o.objectKind, o.objectKey, o.reason.slice(0, 40)]),
    ).toEqual([
      ["view", "[dbo].[vProductModel]", "AZSQL001: references OtherDb.dbo.Model i"],
      ["index", "[dbo].[vProductModel].[IX_vProductModel]", "its view [dbo].[vProductModel] is left o"],
      ["index", "[dbo].[vProductModel].[IX_vProductModel_Name]", "its view [dbo].[vProductModel] is left o"],
    ]);
    expect(script.batches.filter((b) => b.objectKey.startsWith("[dbo].[vProductModel]"))).toEqual([]);
  });

  it("moves a view's index placed on another filegroup to PRIMARY, and says so", () => {
    const model = read(INDEXED.replace("(ProductID);", "(ProductID) ON [FG_Views];")).model;
    expect(view(model, "vProductModel").indexes![0]!.dataSpace).toEqual({ kind: "filegroup", name: "FG_Views" });
    expect(
      assess(model)
        .findings.filter((f) => f.ruleId === "AZSQL017")
        .map((f) => f.message),
    ).toEqual(["[dbo].[vProductModel]: index IX_vProductModel on FG_Views"]);
    const script = generateScript(model);
    expect(script.batches.find((b) => b.objectKey === "[dbo].[vProductModel].[IX_vProductModel]")!.sql).not.toContain(
      "FG_Views",
    );
  });
});

describe("compare and the anomaly check", () => {
  const source = () => read(INDEXED).model;

  it("finds nothing between an indexed view and itself", () => {
    expect(compareSchemas(source(), source()).changes).toEqual([]);
  });

  it("names an index the target's view lacks, has in addition, or has differently", () => {
    const target = source();
    const indexes = view(target, "vProductModel").indexes!;
    indexes.pop();
    indexes.push(ix("IX_Extra", "nonclustered", false, ["ModelName"]));
    indexes[0]!.columns = [{ name: "ProductID", descending: true }];
    const anomalies = findAnomalies(source(), target);
    expect(anomalies.clean).toBe(false);
    expect(anomalies.different).toEqual([
      {
        kind: "view",
        key: "[dbo].[vProductModel]",
        details: [
          "index IX_vProductModel: unique clustered (productid desc) on PRIMARY → unique clustered (productid) on PRIMARY",
          "index IX_vProductModel_Name: add",
          "index IX_Extra: drop",
        ],
      },
    ]);
  });

  it("reports a target whose view lost its indexes (as CREATE OR ALTER VIEW leaves it), and a changed text", () => {
    const target = source();
    delete view(target, "vProductModel").indexes;
    expect(findAnomalies(source(), target).different.map((d) => d.details)).toEqual([
      ["index IX_vProductModel: add", "index IX_vProductModel_Name: add"],
    ]);
    view(target, "vProductModel").definition += " WHERE 1 = 1";
    expect(compareSchemas(source(), target).changes.map((c) => [c.action, c.kind, c.details[0]])).toEqual([
      ["alter", "view", "definition differs"],
    ]);
  });
});

describe("loose statement keys", () => {
  const SQL = "EXEC dbo.a; EXEC dbo.b; EXEC dbo.c\nGO\nEXEC dbo.d\n  EXEC dbo.e";

  it("are distinct for statements on one line, and the same when the file is read again", () => {
    const keys = read(SQL).model.statements.map((s) => [s.key, s.sql]);
    expect(keys).toEqual([
      ["db.sql:1", "EXEC dbo.a"],
      ["db.sql:1:13", "EXEC dbo.b"],
      ["db.sql:1:25", "EXEC dbo.c"],
      ["db.sql:3", "EXEC dbo.d"],
      ["db.sql:4", "EXEC dbo.e"],
    ]);
    expect(read(SQL).model.statements.map((s) => s.key)).toEqual(keys.map(([k]) => k));
    // Every statement is scripted and planned on its own.
    const script = generateScript(read(SQL).model);
    expect(script.batches.filter((b) => b.kind === "statement").map((b) => b.objectKey)).toEqual(keys.map(([k]) => k));
    expect(statementKey("f.sql", 7)).toBe("f.sql:7");
    expect(statementKey("f.sql", 7, 12)).toBe("f.sql:7:12");
  });

  it("keep the key a statement alone on its line always had, when another statement joins it on that line", () => {
    // A deployment records loose statements it ran by key: the first one on a line must not look new.
    const before = read("EXEC dbo.seed").model.statements.map((s) => s.key);
    const after = read("EXEC dbo.seed; EXEC dbo.more").model.statements.map((s) => s.key);
    expect(before).toEqual(["db.sql:1"]);
    expect(after).toEqual(["db.sql:1", "db.sql:1:16"]);
    expect(databaseModelSchema.safeParse(read(SQL).model).success).toBe(true);
  });
});
