import { readScriptSources, readScriptText } from "../../../provider/schema/script-reader";

describe("readScriptText: tables", () => {
  const { model, warnings } = readScriptText(
    `CREATE TABLE Sales.Orders (
       Id int IDENTITY(100, 5) NOT NULL CONSTRAINT PK_Orders PRIMARY KEY NONCLUSTERED,
       Code nchar(10) COLLATE Latin1_General_BIN2 NOT NULL UNIQUE,
       Amount decimal(9, 3) NULL CONSTRAINT DF_Amount DEFAULT ((1.5)),
       Stamp datetime2 NOT NULL,
       Doc varchar(max),
       Parent int REFERENCES Sales.Orders (Id) ON DELETE SET NULL,
       Twice AS Amount * 2,
       CHECK (Amount > 0),
       INDEX IX_Stamp CLUSTERED (Stamp DESC)
     ) ON [PRIMARY] WITH (DATA_COMPRESSION = PAGE)`,
    "t.sql",
  );
  const table = model.tables[0]!;

  it("keys the table by bracket-quoted schema and name and records where it came from", () => {
    expect(table).toMatchObject({
      kind: "table",
      key: "[Sales].[Orders]",
      schema: "Sales",
      name: "Orders",
      source: { file: "t.sql", line: 1 },
    });
    expect(warnings).toEqual([]);
  });

  it("stores sizes in sys.columns units", () => {
    const cols = Object.fromEntries(
      table.columns.map((c) => [c.name, [c.typeName, c.maxLength, c.precision, c.scale]]),
    );
    expect(cols).toEqual({
      Id: ["int", 4, 10, 0],
      Code: ["nchar", 20, 0, 0],
      Amount: ["decimal", 5, 9, 3],
      Stamp: ["datetime2", 8, 27, 7],
      Doc: ["varchar", -1, 0, 0],
      Parent: ["int", 4, 10, 0],
      Twice: ["", 0, 0, 0],
    });
  });

  it("reads identity, collation, defaults, nullability and computed columns", () => {
    const [id, code, amount, , doc, , twice] = table.columns;
    expect(id).toMatchObject({ identity: { seed: "100", increment: "5" }, isNullable: false });
    expect(code).toMatchObject({ collation: "Latin1_General_BIN2", isNullable: false });
    expect(amount).toMatchObject({ default: { name: "DF_Amount", definition: "((1.5))" }, isNullable: true });
    expect(doc!.isNullable).toBe(true);
    expect(twice!.computed).toEqual({ definition: "(Amount * 2)", persisted: false });
  });

  it("reads inline and table-level constraints and inline indexes", () => {
    expect(table.primaryKey).toEqual({
      name: "PK_Orders",
      type: "primaryKey",
      clustered: false,
      columns: [{ name: "Id", descending: false }],
    });
    expect(table.uniqueConstraints).toEqual([
      { type: "unique", clustered: false, columns: [{ name: "Code", descending: false }] },
    ]);
    expect(table.checkConstraints).toEqual([{ definition: "(Amount > 0)" }]);
    expect(table.foreignKeys).toEqual([
      {
        columns: ["Parent"],
        referencedTable: { schema: "Sales", name: "Orders" },
        referencedColumns: ["Id"],
        onDelete: "SET_NULL",
        onUpdate: "NO_ACTION",
      },
    ]);
    expect(table.indexes).toEqual([
      {
        name: "IX_Stamp",
        type: "clustered",
        isUnique: false,
        columns: [{ name: "Stamp", descending: true }],
        includedColumns: [],
      },
    ]);
    expect(table.dataSpace).toEqual({ kind: "filegroup", name: "PRIMARY" });
  });
});

describe("readScriptSources: across files", () => {
  it("applies ALTER TABLE and CREATE INDEX from files read before the table", () => {
    const { model, warnings } = readScriptSources([
      {
        file: "a.sql",
        text: "ALTER TABLE dbo.T ADD CONSTRAINT FK_T_U FOREIGN KEY (UId) REFERENCES dbo.U (Id)\nGO\nCREATE INDEX IX_T ON dbo.T (UId) WHERE UId IS NOT NULL",
      },
      { file: "b.sql", text: "CREATE TABLE dbo.T (Id int NOT NULL, UId int NULL)" },
    ]);
    expect(warnings).toEqual([]);
    expect(model.tables[0]!.foreignKeys.map((f) => f.name)).toEqual(["FK_T_U"]);
    expect(model.tables[0]!.indexes[0]).toMatchObject({ name: "IX_T", filter: "(UId IS NOT NULL)" });
  });

  it("resolves alias type sizes declared in another file", () => {
    const { model } = readScriptSources([
      { file: "t.sql", text: "CREATE TABLE dbo.C (P dbo.Phone NOT NULL)" },
      { file: "types.sql", text: "CREATE TYPE dbo.Phone FROM varchar(25) NULL" },
    ]);
    expect(model.tables[0]!.columns[0]).toMatchObject({ typeName: "Phone", typeSchema: "dbo", maxLength: 25 });
  });

  it("keeps statements it does not understand and reports file, line and first words", () => {
    const { model, warnings } = readScriptText("CREATE SCHEMA s\nGO\n\nFROBNICATE dbo.T WITH (LEVEL = 3);", "m.sql");
    expect(warnings).toEqual([
      {
        file: "m.sql",
        line: 4,
        firstWords: "FROBNICATE dbo.T WITH (",
        kind: "notUnderstood",
        message: "statement not understood; kept as written",
      },
    ]);
    expect(model.statements).toEqual([
      expect.objectContaining({
        kind: "statement",
        key: "m.sql:4",
        firstWords: "FROBNICATE",
        unrecognized: true,
        sql: "FROBNICATE dbo.T WITH (LEVEL = 3)",
      }),
    ]);
  });

  it("reports a statement it recognises but cannot read, and keeps it", () => {
    const { model, warnings } = readScriptText("CREATE TABLE dbo.Broken (Id int NOT NULL,, Name int)", "b.sql");
    expect(model.tables).toEqual([]);
    expect(model.statements.map((s) => s.unrecognized)).toEqual([true]);
    expect(warnings[0]!.message).toMatch(/^could not read CREATE TABLE dbo\.Broken \(: .*line 1, column 42/);
  });

  it("reports duplicate definitions and keeps the first", () => {
    const { model, warnings } = readScriptSources([
      { file: "1.sql", text: "CREATE VIEW dbo.V AS SELECT 1 AS a" },
      { file: "2.sql", text: "CREATE VIEW dbo.V AS SELECT 2 AS a" },
    ]);
    expect(model.views.map((v) => v.definition)).toEqual(["CREATE VIEW dbo.V AS SELECT 1 AS a"]);
    expect(warnings.map((w) => [w.file, w.message])).toEqual([
      ["2.sql", "duplicate view [dbo].[V]; the first definition is kept"],
    ]);
  });
});

describe("readScriptText: modules, security and other objects", () => {
  it("classifies functions and reads trigger scope, parent and events", () => {
    const { model } =
      readScriptText(`CREATE FUNCTION dbo.S (@a int) RETURNS int WITH SCHEMABINDING AS BEGIN RETURN @a END
GO
CREATE OR ALTER FUNCTION dbo.I () RETURNS TABLE AS RETURN SELECT 1 AS x
GO
ALTER FUNCTION dbo.M () RETURNS @t TABLE (x int) AS BEGIN RETURN END
GO
CREATE TRIGGER dbo.trg ON dbo.T INSTEAD OF DELETE AS SELECT 1
GO
CREATE TRIGGER ddl ON DATABASE FOR DROP_TABLE AS PRINT 1`);
    expect(model.functions.map((f) => [f.key, f.functionType, f.isSchemaBound])).toEqual([
      ["[dbo].[S]", "scalar", true],
      ["[dbo].[I]", "inlineTable", false],
      ["[dbo].[M]", "multiStatementTable", false],
    ]);
    expect(model.functions[2]!.definition.startsWith("CREATE FUNCTION dbo.M")).toBe(true);
    expect(model.triggers.map((t) => [t.key, t.scope, t.parent, t.timing, t.events])).toEqual([
      ["[dbo].[trg]", "table", { schema: "dbo", name: "T" }, "INSTEAD OF", ["DELETE"]],
      ["[ddl]", "database", undefined, "FOR", ["DROP_TABLE"]],
    ]);
  });

  it("reads users by authentication type without keeping passwords", () => {
    const { model } = readScriptText(`CREATE USER a FOR LOGIN la WITH DEFAULT_SCHEMA = s
GO
CREATE USER [DOM\\b]
GO
CREATE USER c FROM EXTERNAL PROVIDER
GO
CREATE USER d WITHOUT LOGIN
GO
CREATE USER e WITH PASSWORD = 'secret-1'
GO
CREATE LOGIN l WITH PASSWORD = 'secret-2'`);
    expect(model.users.map((u) => [u.name, u.authentication, u.loginName])).toEqual([
      ["a", "sql", "la"],
      ["DOM\\b", "windows", "DOM\\b"],
      ["c", "external", undefined],
      ["d", "withoutLogin", undefined],
      ["e", "sql", undefined],
    ]);
    expect(model.users[4]!.hasPassword).toBe(true);
    expect(JSON.stringify(model)).not.toMatch(/secret-/);
  });

  it("reads roles, members, permissions, sequences, synonyms and partitioning", () => {
    const { model } = readScriptText(`CREATE ROLE r
GO
ALTER ROLE r ADD MEMBER u1
EXEC sp_addrolemember 'r', 'u0'
GRANT SELECT, INSERT ON OBJECT::dbo.T TO r WITH GRANT OPTION
DENY EXECUTE ON SCHEMA::dbo TO u1
GO
CREATE SEQUENCE dbo.Seq AS int START WITH -5 INCREMENT BY 5 MAXVALUE 100 CYCLE NO CACHE
GO
CREATE SYNONYM dbo.Syn FOR Other..T
GO
CREATE PARTITION FUNCTION pf (int) AS RANGE LEFT FOR VALUES (1, 10)
GO
CREATE PARTITION SCHEME ps AS PARTITION pf ALL TO ([PRIMARY])`);
    expect(model.roles[0]!.members).toEqual(["u0", "u1"]);
    expect(model.permissions.map((p) => p.key)).toEqual([
      "GRANT_WITH_GRANT_OPTION SELECT ON [dbo].[T] TO [r]",
      "GRANT_WITH_GRANT_OPTION INSERT ON [dbo].[T] TO [r]",
      "DENY EXECUTE ON SCHEMA::[dbo] TO [u1]",
    ]);
    expect(model.sequences[0]).toMatchObject({
      typeName: "int",
      startValue: "-5",
      increment: "5",
      maxValue: "100",
      isCycling: true,
      cacheSize: 0,
    });
    expect(model.synonyms[0]!.baseObjectName).toBe("[Other]..[T]");
    expect(model.partitionFunctions[0]).toMatchObject({
      parameterType: "int",
      rangeType: "LEFT",
      boundaries: ["1", "10"],
    });
    expect(model.partitionSchemes[0]).toMatchObject({ functionName: "pf", all: true, filegroups: ["PRIMARY"] });
  });

  it("splits statements without semicolons and keeps known loose statements without warnings", () => {
    const { model, warnings } = readScriptText("USE Db\nEXEC dbo.p 1\nCREATE SCHEMA x\nDBCC CHECKDB");
    expect(warnings).toEqual([]);
    expect(model.schemas.map((s) => s.key)).toEqual(["[x]"]);
    expect(model.statements.map((s) => s.firstWords)).toEqual(["USE", "EXEC", "DBCC CHECKDB"]);
  });
});
