import { compareSchemas, findAnomalies } from "../../../provider/schema/compare";
import { readScriptText } from "../../../provider/schema/script-reader";

const model = (sql: string) => readScriptText(sql).model;

const BASE = `CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY, Name nvarchar(50) NULL, Qty int NOT NULL DEFAULT 0)
GO
CREATE VIEW dbo.V AS SELECT Id FROM dbo.T`;

describe("compareSchemas", () => {
  it("finds nothing between a schema and itself, despite cosmetic differences", () => {
    const cosmetic = `CREATE TABLE [dbo].[T] ([Id] [int] NOT NULL, [Name] [nvarchar](50) NULL, [Qty] [int] NOT NULL CONSTRAINT DF_x DEFAULT ((0)), CONSTRAINT [PK_T] PRIMARY KEY CLUSTERED ([Id]))
GO
create   view dbo.V as select Id from dbo.T -- comment`;
    expect(compareSchemas(model(BASE), model(cosmetic)).changes).toEqual([]);
  });

  it("plans creates and alters, and holds back drops unless allowed", () => {
    const source = model(`${BASE}\nGO\nCREATE VIEW dbo.W AS SELECT 1 AS x`);
    const target = model(`${BASE.replace("SELECT Id", "SELECT Id, Name")}\nGO\nCREATE PROCEDURE dbo.Old AS SELECT 1`);
    const cmp = compareSchemas(source, target);
    expect(cmp.changes.map((c) => [c.action, c.kind, c.key, c.applied])).toEqual([
      ["create", "view", "[dbo].[W]", true],
      ["alter", "view", "[dbo].[V]", true],
      ["drop", "procedure", "[dbo].[Old]", false],
    ]);
    expect(cmp.changes[2]!.heldBack).toBe("drops are off; set allowDrops to drop");
    expect(compareSchemas(source, target, { allowDrops: true }).plan.map((c) => c.key)).toEqual([
      "[dbo].[W]",
      "[dbo].[V]",
      "[dbo].[Old]",
    ]);
  });

  it("flags a narrowing column and a dropped column as data loss and holds them back", () => {
    const source = model("CREATE TABLE dbo.T (Id int NOT NULL, Name nvarchar(20) NULL)");
    const target = model("CREATE TABLE dbo.T (Id int NOT NULL, Name nvarchar(50) NULL, Extra int NULL)");
    const cmp = compareSchemas(source, target);
    expect(cmp.changes).toEqual([
      {
        action: "alter",
        kind: "table",
        key: "[dbo].[T]",
        details: [
          "column Name: type [nvarchar](50) → [nvarchar](20) (narrowing: could lose data)",
          "column Extra: drop (its data would be lost)",
        ],
        dataLoss: true,
        applied: false,
        heldBack: "could lose data; set allowDataLoss to apply",
      },
    ]);
    expect(compareSchemas(source, target, { allowDataLoss: true }).plan).toHaveLength(1);
  });

  it("does not flag a widening as data loss", () => {
    const cmp = compareSchemas(
      model("CREATE TABLE dbo.T (A bigint NULL, B nvarchar(100) NULL)"),
      model("CREATE TABLE dbo.T (A int NULL, B varchar(100) NULL)"),
    );
    expect(cmp.changes.map((c) => [c.dataLoss, c.applied, c.details])).toEqual([
      [false, true, ["column A: type [int] → [bigint]", "column B: type [varchar](100) → [nvarchar](100)"]],
    ]);
  });

  it("needs both allowDrops and allowDataLoss to drop a table", () => {
    const cmp = compareSchemas(model("CREATE SCHEMA s"), model("CREATE TABLE dbo.Gone (Id int NOT NULL)"), {
      allowDrops: true,
    });
    const drop = cmp.changes.find((c) => c.action === "drop")!;
    expect([drop.dataLoss, drop.applied, drop.heldBack]).toEqual([
      true,
      false,
      "dropping a table loses its data; set allowDataLoss to apply",
    ]);
  });

  it("matches unnamed constraints by what they do and reports index differences", () => {
    const cmp = compareSchemas(
      model(
        "CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, V int NULL)\nGO\nCREATE INDEX IX ON dbo.T (V) WHERE V > 0",
      ),
      model(
        "CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK__T__3214EC07 PRIMARY KEY, V int NULL)\nGO\nCREATE INDEX IX ON dbo.T (V)",
      ),
    );
    expect(cmp.changes.map((c) => c.details)).toEqual([
      ["index IX: nonclustered (v) on PRIMARY → nonclustered (v) where v > 0 on PRIMARY"],
    ]);
  });
});

describe("findAnomalies", () => {
  it("reports missing, extra and different objects after a deployment", () => {
    const expected = model(`${BASE}\nGO\nCREATE SCHEMA s`);
    const actual = model(`${BASE.replace("nvarchar(50)", "nvarchar(40)")}\nGO\nCREATE ROLE stray`);
    expect(findAnomalies(expected, actual)).toEqual({
      missing: [{ kind: "schema", key: "[s]" }],
      extra: [{ kind: "role", key: "[stray]" }],
      different: [{ kind: "table", key: "[dbo].[T]", details: ["column Name: type [nvarchar](40) → [nvarchar](50)"] }],
      clean: false,
    });
    expect(findAnomalies(expected, expected).clean).toBe(true);
  });
});
