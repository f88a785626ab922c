/**
 * Robust reading of real-world scripts: sqlcmd (GO n, :setvar / $(var), :r, other commands), QUOTED_IDENTIFIER
 * OFF, file encodings, statements without semicolons, and what is not schema (data, install-script logic, drops,
 * database-level statements) classified with a precise reason instead of "not understood". The scripts here
 * are written for these tests in the style of install scripts and SSDT projects.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodeScript, readScripts, readScriptSources, readScriptText } from "../../../provider/schema/script-reader";
import { optimisticBatches } from "../../../provider/schema/batches";
import { lexStats, splitStatements } from "../../../provider/schema/statements";
import { significantTokens, tokenize } from "../../../provider/schema/tokenizer";
import type { ScriptWarning } from "../../../provider/schema/script-reader";

const kinds = (warnings: ScriptWarning[]): string[] => warnings.map((w) => `${w.kind} ${w.line}: ${w.message}`);
const notUnderstood = (warnings: ScriptWarning[]): ScriptWarning[] =>
  warnings.filter((w) => w.kind === "notUnderstood");

describe("QUOTED_IDENTIFIER", () => {
  it('reads "..." as a string literal while it is OFF and as an identifier once it is ON again', () => {
    const { model, warnings } = readScriptText(
      [
        "SET QUOTED_IDENTIFIER OFF",
        "GO",
        'CREATE TABLE dbo.Notes (Id int NOT NULL, Kind varchar(10) NOT NULL CONSTRAINT DF_Kind DEFAULT "memo", CHECK (Kind <> "x"))',
        "GO",
        "SET QUOTED_IDENTIFIER ON",
        "GO",
        'CREATE TABLE "Sales"."Quoted Name" ("Order Id" int NOT NULL)',
      ].join("\n"),
      "qi.sql",
    );
    const notes = model.tables.find((t) => t.name === "Notes")!;
    expect(notes.columns.find((c) => c.name === "Kind")!.default!.definition).toBe('("memo")');
    expect(model.tables.map((t) => t.key)).toEqual(["[dbo].[Notes]", "[Sales].[Quoted Name]"]);
    expect(model.tables[1]!.columns.map((c) => c.name)).toEqual(["Order Id"]);
    // The OFF table's definition needs QUOTED_IDENTIFIER OFF to mean the same: said once, for that table.
    expect(warnings.map((w) => [w.line, w.kind, w.message])).toEqual([
      [
        3,
        "schema",
        'read with QUOTED_IDENTIFIER OFF: its "..." are string literals, so its definition means the same only when run with QUOTED_IDENTIFIER OFF',
      ],
    ]);
    expect(model.statements.map((s) => s.firstWords)).toEqual(["SET QUOTED_IDENTIFIER", "SET QUOTED_IDENTIFIER"]);
  });

  it("takes effect within a batch, from the statement after the SET, and in a list of options", () => {
    const tokens = significantTokens(
      'SELECT "a" SET ANSI_NULLS, QUOTED_IDENTIFIER OFF SELECT "b" SET QUOTED_IDENTIFIER ON SELECT "c"',
    );
    const quoted = tokens.filter((t) => t.text.startsWith('"')).map((t) => `${t.text} ${t.type}`);
    expect(quoted).toEqual(['"a" quotedIdentifier', '"b" string', '"c" quotedIdentifier']);
    // A column named QUOTED_IDENTIFIER does not switch anything.
    const update = significantTokens('UPDATE t SET QUOTED_IDENTIFIER = 0 SELECT "d"', { quotedIdentifier: true });
    expect(update.find((t) => t.text === '"d"')!.type).toBe("quotedIdentifier");
  });

  it("carries the setting from batch to batch and from file to included file, and starts each file ON", () => {
    const { model, warnings } = readScriptSources([
      {
        file: "a.sql",
        text: 'SET QUOTED_IDENTIFIER OFF\nGO\n:r b.sql\nGO\nCREATE TABLE dbo.A (c varchar(5) DEFAULT "x")',
      },
      { file: "b.sql", text: 'CREATE TABLE dbo.B (c varchar(5) DEFAULT "y")' },
      { file: "c.sql", text: 'CREATE TABLE "dbo"."C" (c int)' },
    ]);
    expect(model.tables.map((t) => [t.key, t.columns[0]!.default?.definition])).toEqual([
      ["[dbo].[B]", '("y")'],
      ["[dbo].[A]", '("x")'],
      ["[dbo].[C]", undefined],
    ]);
    // B (included while OFF) and A are read with "..." as strings; C, a file of its own, with ON again.
    expect(warnings.map((w) => `${w.file}:${w.line} ${w.message.slice(0, 31)}`)).toEqual([
      "b.sql:1 read with QUOTED_IDENTIFIER OFF",
      "a.sql:5 read with QUOTED_IDENTIFIER OFF",
    ]);
  });

  it("tokenizes with the setting given", () => {
    expect(tokenize('"it""s"', { quotedIdentifier: false })[0]).toMatchObject({ type: "string", value: 'it"s' });
    expect(tokenize('"it""s"')[0]).toMatchObject({ type: "quotedIdentifier", value: 'it"s' });
  });
});

describe("GO", () => {
  it("reports a repeat count on a batch of schema statements, and not on data", () => {
    const { model, warnings } = readScriptText(
      "CREATE SCHEMA s\nGO 3\nINSERT INTO s.T DEFAULT VALUES\nGO 5 -- five rows\n",
      "go.sql",
    );
    expect(model.schemas.map((s) => s.key)).toEqual(["[s]"]);
    expect(kinds(warnings)).toEqual([
      "sqlcmd 2: GO 3 runs the batch before it 3 times; its statements are read once",
      "data 3: data statement (INSERT), not part of the schema; not deployed (data is moved by the data migration)",
    ]);
  });

  it("goes back to an exact scan when a GO line it split at was inside a string, a name or a comment", () => {
    const text = [
      "INSERT dbo.Notes VALUES (1, 'first",
      "GO",
      "still the first'), (2, 'second')",
      "GO",
      "CREATE TABLE [dbo].[Odd",
      "GO",
      "Name] (Id int)",
      "GO",
      "CREATE PROCEDURE dbo.P AS SELECT 1 /*",
      "GO",
      "*/ SELECT 2",
      "GO",
      "CREATE SCHEMA s",
    ].join("\n");
    // The one-search split takes every GO line...
    expect(optimisticBatches(text)!.map((b) => b.line)).toEqual([1, 3, 5, 7, 9, 11, 13]);
    // ...and the reader still reads the batches as sqlcmd would.
    const { model, warnings } = readScriptText(text, "cut.sql");
    expect(model.tables.map((t) => t.key)).toEqual(["[dbo].[Odd\nGO\nName]"]);
    expect(model.procedures[0]!.definition).toBe("CREATE PROCEDURE dbo.P AS SELECT 1 /*\nGO\n*/ SELECT 2");
    expect(model.schemas.map((s) => s.key)).toEqual(["[s]"]);
    expect(kinds(warnings)).toEqual([
      "data 1: data statement (INSERT), not part of the schema; not deployed (data is moved by the data migration)",
    ]);
  });

  it("accepts GO in any case, with a comment after it, and never inside strings or comments", () => {
    const { model } = readScriptText(
      "CREATE SCHEMA a\n  go -- next\nCREATE SCHEMA b /* \nGO\n */\nGo /* c */\nCREATE VIEW b.V AS SELECT 'x\nGO\ny' AS v\nGO",
    );
    expect(model.schemas.map((s) => s.key)).toEqual(["[a]", "[b]"]);
    expect(model.views[0]!.definition).toBe("CREATE VIEW b.V AS SELECT 'x\nGO\ny' AS v");
  });
});

describe("sqlcmd", () => {
  it("defines :setvar variables and substitutes $(var) in names, strings and later commands", () => {
    const { model, warnings } = readScriptText(
      [
        ':setvar Schema "Sales"',
        ":setvar Suffix Archive",
        "CREATE TABLE [$(Schema)].[Orders$(Suffix)] (Note varchar(20) DEFAULT '$(Schema) note')",
        "-- $(Missing) in a comment is left alone",
      ].join("\n"),
      "vars.sql",
    );
    expect(model.tables[0]).toMatchObject({ key: "[Sales].[OrdersArchive]", source: { file: "vars.sql", line: 3 } });
    expect(model.tables[0]!.columns[0]!.default!.definition).toBe("('Sales note')");
    expect(warnings).toEqual([]);
  });

  it("reports $(var) without a value once per variable and leaves it as written", () => {
    const { model, warnings } = readScriptText("CREATE SCHEMA [$(Target)]\nGO\nCREATE SCHEMA [x$(Target)]", "u.sql");
    expect(model.schemas.map((s) => s.name)).toEqual(["$(Target)", "x$(Target)"]);
    expect(kinds(warnings)).toEqual([
      "sqlcmd 1: sqlcmd variable $(Target) has no value (no :setvar before it, none given to the reader); left as written",
    ]);
  });

  it("takes variables given by the caller, and DatabaseName from databaseName as SSDT does", () => {
    const { model, warnings } = readScriptText("ALTER DATABASE [$(DatabaseName)] ADD FILEGROUP [$(Fg)]", "v.sql", {
      databaseName: "Shop",
      variables: { Fg: "Archive" },
    });
    expect(model.filegroups.map((f) => f.name)).toEqual(["Archive"]);
    expect(warnings).toEqual([]);
  });

  it("reads a :r include where it is included, relative to the including file, once", () => {
    const read = readScriptSources([
      {
        file: "Post/Script.PostDeployment.sql",
        text: "PRINT 'start'\nGO\n:r .\\Data\\seed.sql\n:r \"..\\Procs\\Load.sql\"\nGO\n:r ./data/SEED.sql\n",
      },
      { file: "Post/Data/seed.sql", text: ":setvar Region North\nINSERT INTO dbo.Regions VALUES ('$(Region)')\nGO" },
      { file: "Procs/Load.sql", text: "CREATE PROCEDURE dbo.Load AS SELECT '$(Region)' AS r" },
      { file: "Tables/Regions.sql", text: "CREATE TABLE dbo.Regions (Name varchar(20))" },
    ]);
    // Included files are read at the include (not again in path order); the variable set in one reaches the next.
    expect(read.files).toEqual([
      "Post/Script.PostDeployment.sql",
      "Post/Data/seed.sql",
      "Procs/Load.sql",
      "Tables/Regions.sql",
    ]);
    expect(read.model.procedures[0]!.definition).toBe("CREATE PROCEDURE dbo.Load AS SELECT 'North' AS r");
    expect(read.warnings.map((w) => `${w.file}:${w.line} ${w.kind} ${w.message}`)).toEqual([
      "Post/Data/seed.sql:2 data data statement (INSERT), not part of the schema; not deployed (data is moved by the data migration)",
      "Post/Script.PostDeployment.sql:6 sqlcmd Post/Data/seed.sql was read already (included from Post/Script.PostDeployment.sql); not read again",
    ]);
  });

  it("reports an include that cannot be found, an include cycle and other sqlcmd commands", () => {
    const { warnings } = readScriptSources([
      { file: "a.sql", text: ":on error exit\n:r missing.sql\n:r b.sql\n:connect server1\n!!dir" },
      { file: "b.sql", text: ":r a.sql\nCREATE SCHEMA s" },
    ]);
    expect(warnings.map((w) => `${w.file}:${w.line} ${w.message}`)).toEqual([
      "a.sql:1 sqlcmd command :on error only steers how sqlcmd runs the script; ignored",
      "a.sql:2 included file not found (looked for missing.sql); not read",
      "b.sql:1 includes a.sql, which is being read already (an include cycle); not read again",
      "a.sql:4 sqlcmd command :connect server1 only steers how sqlcmd runs the script; ignored",
      "a.sql:5 sqlcmd command !!dir only steers how sqlcmd runs the script; ignored",
    ]);
  });

  it("finds an included file on disk next to the including file when it is not in the read set", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sqlcmd-r-"));
    try {
      await fs.mkdir(path.join(dir, "inc"));
      await fs.writeFile(path.join(dir, "main.sql"), "CREATE SCHEMA s\nGO\n:r inc\\types.inc\nGO\n");
      await fs.writeFile(path.join(dir, "inc", "types.inc"), "CREATE TYPE s.Code FROM char(3) NOT NULL");
      const read = await readScripts(path.join(dir, "main.sql"));
      expect(read.files).toEqual(["main.sql", "inc/types.inc"]);
      expect(read.model.types.map((t) => t.key)).toEqual(["[s].[Code]"]);
      expect(read.warnings).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe("file encodings", () => {
  const script = "CREATE TABLE dbo.Città (Nome nvarchar(20) NOT NULL)\r\nGO\r\nCREATE SCHEMA Über\r\n";
  const utf16le = (text: string): Buffer => Buffer.from(text, "utf16le");
  const utf16be = (text: string): Buffer => utf16le(text).swap16();
  const cases: [string, Buffer, string][] = [
    ["UTF-8", Buffer.from(script, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(script, "utf8")]), "utf-8-bom"],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(script)]), "utf-16le"],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(script)]), "utf-16be"],
    ["UTF-16 LE without BOM", utf16le(script), "utf-16le"],
    ["UTF-16 BE without BOM", utf16be(script), "utf-16be"],
  ];

  it.each(cases)("reads %s (CRLF line ends)", async (_name, bytes, encoding) => {
    const decoded = decodeScript(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(script);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "enc-"));
    try {
      await fs.writeFile(path.join(dir, "s.sql"), bytes);
      const { model, warnings } = await readScripts(dir);
      expect(model.tables.map((t) => [t.key, t.columns[0]!.name, t.source])).toEqual([
        ["[dbo].[Città]", "Nome", { file: "s.sql", line: 1 }],
      ]);
      expect(model.schemas.map((s) => [s.key, s.source?.line])).toEqual([["[Über]", 3]]);
      expect(warnings).toEqual([]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("reads bytes that are not UTF-8 as Windows-1252 and says so", () => {
    const decoded = decodeScript(Buffer.from([0x2d, 0x2d, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(decoded).toEqual({
      text: "-- café\n",
      encoding: "windows-1252",
      warning: "not valid UTF-8 and no byte order mark: read as Windows-1252",
    });
  });

  it("keeps CRLF out of names, comments and line numbers", () => {
    const { model, warnings } = readScriptText(
      "-- header\r\nCREATE SCHEMA a\r\nGO\r\n\r\nCREATE TABLE a.T (Id int)\r\nGO\r\n",
      "crlf.sql",
    );
    expect(model.tables.map((t) => [t.key, t.source?.line])).toEqual([["[a].[T]", 5]]);
    expect(warnings).toEqual([]);
  });
});

describe("statements without semicolons", () => {
  const batch = [
    "CREATE TABLE dbo.Orders (Id int NOT NULL PRIMARY KEY, Status varchar(10) NULL)",
    "ALTER TABLE dbo.Orders ADD ParentId int NULL CONSTRAINT FK_Parent REFERENCES dbo.Orders (Id) ON DELETE NO ACTION ON UPDATE NO ACTION",
    "INSERT INTO dbo.Orders (Id, Status) SELECT 1, 'new' UNION ALL SELECT 2, 'old'",
    "UPDATE dbo.Orders SET Status = 'done' WHERE Id IN (SELECT Id FROM dbo.Orders)",
    "SET NOCOUNT ON",
    "GRANT SELECT, INSERT, UPDATE ON dbo.Orders TO public",
    "DECLARE c CURSOR FOR SELECT Id FROM dbo.Orders FOR UPDATE OF Status",
    "WITH recent AS (SELECT Id FROM dbo.Orders) DELETE FROM dbo.Orders WHERE Id IN (SELECT Id FROM recent)",
    "MERGE dbo.Orders AS t USING (VALUES (3, 'x')) AS s (Id, Status) ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET Status = s.Status WHEN NOT MATCHED THEN INSERT (Id, Status) VALUES (s.Id, s.Status);",
    "IF EXISTS (SELECT * FROM sys.objects WHERE name = 'Old') DROP TABLE dbo.Old",
    "DROP TABLE IF EXISTS dbo.Older",
    "CREATE INDEX IX_Status ON dbo.Orders (Status)",
    "BEGIN TRY DELETE FROM dbo.Orders END TRY BEGIN CATCH PRINT 'x' END CATCH",
    "SET IDENTITY_INSERT dbo.Orders ON",
    "INSERT dbo.Orders (Id) VALUES (9)",
    "EXEC dbo.Audit @Level = 1",
  ];

  it("finds where each statement starts by its keywords", () => {
    const text = batch.join("\n");
    const statements = splitStatements(text, tokenize(text));
    expect(statements.map((s) => s.text)).toEqual(batch.map((b) => b.replace(/;$/, "")));
    expect(statements.map((s) => s.line)).toEqual(batch.map((_b, i) => i + 1));
  });

  it.each([
    ["SELECT * FROM t WITH (NOLOCK) SELECT 1", ["SELECT * FROM t WITH (NOLOCK)", "SELECT 1"]],
    [
      "INSERT INTO t SELECT a FROM u ORDER BY a OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY SELECT 2",
      ["INSERT INTO t SELECT a FROM u ORDER BY a OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY", "SELECT 2"],
    ],
    [
      "DECLARE @x int SET @x = 1 IF @x = 1 PRINT 'a' ELSE PRINT 'b' PRINT 'c'",
      ["DECLARE @x int", "SET @x = 1", "IF @x = 1 PRINT 'a' ELSE PRINT 'b'", "PRINT 'c'"],
    ],
    [
      "UPDATE t SET a = CASE WHEN b = 1 THEN 2 ELSE 3 END WHERE c = 1 DELETE FROM t",
      ["UPDATE t SET a = CASE WHEN b = 1 THEN 2 ELSE 3 END WHERE c = 1", "DELETE FROM t"],
    ],
    [
      "GRANT CREATE TABLE TO u GRANT BACKUP DATABASE TO u REVOKE SELECT ON t FROM u CASCADE",
      ["GRANT CREATE TABLE TO u", "GRANT BACKUP DATABASE TO u", "REVOKE SELECT ON t FROM u CASCADE"],
    ],
    ["SET IDENTITY_INSERT t ON DELETE FROM t", ["SET IDENTITY_INSERT t ON", "DELETE FROM t"]],
    [
      "CREATE SECURITY POLICY p ADD BLOCK PREDICATE f(a) ON t AFTER UPDATE, ADD BLOCK PREDICATE f(a) ON t BEFORE DELETE SELECT 1",
      [
        "CREATE SECURITY POLICY p ADD BLOCK PREDICATE f(a) ON t AFTER UPDATE, ADD BLOCK PREDICATE f(a) ON t BEFORE DELETE",
        "SELECT 1",
      ],
    ],
    [
      "ALTER PARTITION FUNCTION pf() MERGE RANGE (10) SELECT a FROM t INNER MERGE JOIN u ON t.a = u.a THROW 50000, 'x', 1",
      [
        "ALTER PARTITION FUNCTION pf() MERGE RANGE (10)",
        "SELECT a FROM t INNER MERGE JOIN u ON t.a = u.a",
        "THROW 50000, 'x', 1",
      ],
    ],
    ["EXECUTE AS USER = 'x' SELECT USER_NAME() REVERT", ["EXECUTE AS USER = 'x'", "SELECT USER_NAME()", "REVERT"]],
    [
      "WITH c AS (SELECT 1 a), d (x) AS (SELECT 2) INSERT INTO t SELECT a FROM c UNION SELECT x FROM d UPDATE t SET a = 1",
      [
        "WITH c AS (SELECT 1 a), d (x) AS (SELECT 2) INSERT INTO t SELECT a FROM c UNION SELECT x FROM d",
        "UPDATE t SET a = 1",
      ],
    ],
  ])("splits %s", (text, expected) => {
    expect(splitStatements(text, tokenize(text)).map((s) => s.text)).toEqual(expected);
  });

  it("reads the schema statements among them and classifies the rest", () => {
    const { model, warnings } = readScriptText(batch.join("\n"), "mixed.sql");
    expect(model.tables[0]!.foreignKeys.map((f) => f.name)).toEqual(["FK_Parent"]);
    expect(model.tables[0]!.indexes.map((i) => i.name)).toEqual(["IX_Status"]);
    expect(model.permissions.map((p) => p.permission)).toEqual(["SELECT", "INSERT", "UPDATE"]);
    expect(model.statements.map((s) => s.firstWords)).toEqual(["SET NOCOUNT", "SET IDENTITY_INSERT", "EXEC"]);
    expect(notUnderstood(warnings)).toEqual([]);
    expect(kinds(warnings)).toEqual([
      "data 3: 2 data statements (lines 3-4: 1 INSERT, 1 UPDATE), not part of the schema; not deployed (data is moved by the data migration)",
      "data 7: 3 data statements (lines 7-9: 1 DECLARE, 1 DELETE, 1 MERGE), not part of the schema; not deployed (data is moved by the data migration)",
      "drop 10: conditional drop (DROP TABLE dbo.Old): ignored for the model (it holds what the scripts create); not deployed",
      "drop 11: drop statement: ignored for the model (it holds what the scripts create); not deployed",
      "data 13: data statement (TRY...CATCH), not part of the schema; not deployed (data is moved by the data migration)",
      "data 15: data statement (INSERT), not part of the schema; not deployed (data is moved by the data migration)",
    ]);
  });

  it("reads an old-style install script: if exists ... drop, then GO, then the CREATE", () => {
    const { model, warnings } = readScriptText(
      [
        "if exists (select * from sysobjects where id = object_id('dbo.Shippers') and sysstat & 0xf = 3)",
        '\tdrop table "dbo"."Shippers"',
        "GO",
        'CREATE TABLE "Shippers" ("ShipperID" "int" IDENTITY (1, 1) NOT NULL , "CompanyName" nvarchar (40) NOT NULL)',
        'INSERT "Shippers"("ShipperID","CompanyName") VALUES(1, \'Speedy\')',
        'INSERT "Shippers"("ShipperID","CompanyName") VALUES(2, \'United\')',
        "go",
      ].join("\n"),
      "old.sql",
    );
    expect(model.tables.map((t) => t.key)).toEqual(["[dbo].[Shippers]"]);
    expect(kinds(warnings)).toEqual([
      'drop 1: conditional drop (drop table "dbo"."Shippers"): ignored for the model (it holds what the scripts create); not deployed',
      "data 5: 2 data statements (lines 5-6: 2 INSERT), not part of the schema; not deployed (data is moved by the data migration)",
    ]);
  });
});

describe("what is not schema", () => {
  it("classifies data statements and the script logic around them as data, never as not understood", () => {
    const { model, warnings } = readScriptText(
      [
        "PRINT 'Loading regions'",
        "GO",
        "BEGIN TRANSACTION",
        "DECLARE @now datetime2 = SYSUTCDATETIME()",
        "EXEC dbo.GetNextId @Id = @id OUTPUT",
        "INSERT dbo.Regions (Id, Name, At) VALUES (1, N'North', @now), (2, N'South (old)', @now)",
        "UPDATE dbo.Regions SET Name = UPPER(Name)",
        "DELETE FROM dbo.Regions WHERE Id > 10",
        "TRUNCATE TABLE dbo.Staging",
        "COMMIT",
        "GO",
        "IF NOT EXISTS (SELECT 1 FROM dbo.Version) BEGIN INSERT dbo.Version VALUES (1) END ELSE BEGIN UPDATE dbo.Version SET V = 1 END",
      ].join("\n"),
      "seed.sql",
    );
    expect(model.statements).toEqual([]);
    expect(warnings).toEqual([
      {
        file: "seed.sql",
        line: 1,
        firstWords: "PRINT 'Loading regions'",
        kind: "data",
        message:
          "10 data statements (lines 1-12: 1 PRINT, 1 BEGIN TRANSACTION, 1 DECLARE, 1 EXEC, 1 INSERT, 1 UPDATE, 1 DELETE, 1 TRUNCATE, 1 COMMIT, 1 IF), not part of the schema; not deployed (data is moved by the data migration)",
      },
    ]);
  });

  it("treats temporary tables as the script's own, and reports SELECT ... INTO a real table", () => {
    const { model, warnings } = readScriptText(
      "CREATE TABLE #work (a int)\nSELECT a INTO #copy FROM #work\nSELECT a INTO dbo.Copy FROM dbo.T",
      "tmp.sql",
    );
    expect(model.tables).toEqual([]);
    expect(kinds(warnings)).toEqual([
      "script 1: 2 script statements (lines 1-2: 1 CREATE, 1 SELECT), install-script logic, not part of the schema; not deployed",
      "notUnderstood 3: SELECT ... INTO creates a table from a query, which the reader cannot model; kept as written",
    ]);
  });

  it("reports CREATE DATABASE as database-level and takes its collation", () => {
    const { model, warnings } = readScriptText(
      "CREATE DATABASE Shop ON PRIMARY (NAME = Shop, FILENAME = 'shop.mdf') COLLATE Latin1_General_100_CI_AS\nGO\nUSE Shop\nGO\nCREATE SCHEMA s",
      "db.sql",
    );
    expect(model.options.collation).toBe("Latin1_General_100_CI_AS");
    expect(model.statements.map((s) => s.firstWords)).toEqual(["USE"]);
    expect(kinds(warnings)).toEqual([
      "database 1: CREATE DATABASE: database-level, not part of the schema (the deployment targets an existing Azure SQL database); not deployed (its collation Latin1_General_100_CI_AS taken into the model's database options)",
    ]);
  });

  it("reports database options the model has no field for, and keeps the ones it has", () => {
    const { model, warnings } = readScriptText(
      "ALTER DATABASE CURRENT SET RECOVERY SIMPLE, ANSI_NULLS ON, QUERY_STORE = ON (OPERATION_MODE = READ_WRITE)",
      "o.sql",
    );
    expect(model.options.recoveryModel).toBe("SIMPLE");
    expect(kinds(warnings)).toEqual([
      "database 1: database options ANSI_NULLS ON, QUERY_STORE = ON (OPERATION_MODE = READ_WRITE): database-level settings the schema model does not carry (recorded under other options only); not deployed",
    ]);
  });

  it("reads schema statements inside a conditional block and says the condition was not evaluated", () => {
    const { model, warnings } = readScriptText(
      "IF SCHEMA_ID('s') IS NULL\nBEGIN\n  EXEC('CREATE SCHEMA s')\n  CREATE TABLE dbo.T (Id int)\nEND",
      "if.sql",
    );
    expect(model.tables.map((t) => t.key)).toEqual(["[dbo].[T]"]);
    expect(model.statements.map((s) => s.sql)).toEqual(["EXEC('CREATE SCHEMA s')"]);
    expect(kinds(warnings)).toEqual([
      "script 1: IF block holding schema statements: its condition is not evaluated; the 2 statements inside are read as if it held",
    ]);
  });

  it("keeps USE, PRINT alone and SET options as statements without warnings; reports install-script guards", () => {
    const { model, warnings } = readScriptText(
      "USE Shop\nGO\nPRINT 'schema'\nGO\nSET ANSI_NULLS ON\nGO\nIF DB_NAME() <> 'Shop' RAISERROR('wrong database', 20, 1) WITH LOG\nGO\nCHECKPOINT",
      "k.sql",
    );
    expect(model.statements.map((s) => s.firstWords)).toEqual(["USE", "PRINT", "SET ANSI_NULLS"]);
    expect(kinds(warnings)).toEqual([
      "script 7: 2 script statements (lines 7-9: 1 IF, 1 CHECKPOINT), install-script logic, not part of the schema; not deployed",
    ]);
  });

  it("records DISABLE TRIGGER on the trigger it names", () => {
    const { model, warnings } = readScriptText(
      "CREATE TABLE dbo.T (Id int)\nGO\nCREATE TRIGGER dbo.trT ON dbo.T AFTER INSERT AS PRINT 1\nGO\nDISABLE TRIGGER dbo.trT ON dbo.T",
      "t.sql",
    );
    expect(model.triggers[0]!.isDisabled).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe("module bodies", () => {
  it("keeps a module's text to its last significant token, reading only its header", () => {
    const body = Array.from(
      { length: 200 },
      (_v, i) => `    SELECT '--${i}', "c${i}" FROM dbo.T /* ; */ WHERE x = ${i};`,
    ).join("\n");
    const before = lexStats.tokens;
    const { model, warnings } = readScriptText(
      [
        `CREATE PROCEDURE dbo.Big @a AS int = 1, @b varchar(5) OUTPUT WITH EXECUTE AS OWNER AS\nBEGIN\n${body}\nEND ; -- done\n/* trailing */`,
        "GO",
        "CREATE PROCEDURE dbo.Clr @x int AS EXTERNAL NAME Tools.[Ns.Cls].Run",
        "GO",
        "CREATE FUNCTION dbo.One() RETURNS int BEGIN RETURN 1 END",
        "GO",
        "CREATE OR ALTER VIEW dbo.V (a) WITH SCHEMABINDING AS SELECT 1 AS a -- v",
      ].join("\n"),
      "m.sql",
    );
    expect(warnings).toEqual([]);
    expect(model.procedures.map((p) => [p.key, p.isClr ?? false])).toEqual([
      ["[dbo].[Big]", false],
      ["[dbo].[Clr]", true],
    ]);
    expect(model.procedures[0]!.definition).toBe(
      `CREATE PROCEDURE dbo.Big @a AS int = 1, @b varchar(5) OUTPUT WITH EXECUTE AS OWNER AS\nBEGIN\n${body}\nEND`,
    );
    expect(model.functions[0]).toMatchObject({
      definition: "CREATE FUNCTION dbo.One() RETURNS int BEGIN RETURN 1 END",
      functionType: "scalar",
    });
    expect(model.views[0]).toMatchObject({
      definition: "CREATE OR ALTER VIEW dbo.V (a) WITH SCHEMABINDING AS SELECT 1 AS a",
      isSchemaBound: true,
    });
    // The 200-line body is not tokenized: the tables hold the headers and a few tokens after AS.
    expect(lexStats.tokens - before).toBeLessThan(100);
  });
});

describe("linear work", () => {
  /** A project of n files of a table, a procedure, a permission and a seed batch each. */
  function project(n: number): { file: string; text: string }[] {
    const files: { file: string; text: string }[] = [];
    for (let i = 0; i < n; i++) {
      files.push({
        file: `T${i}.sql`,
        text: [
          `CREATE TABLE dbo.T${i} (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NULL)`,
          "GO",
          `CREATE PROCEDURE dbo.P${i} @id int AS BEGIN SET NOCOUNT ON; SELECT Name FROM dbo.T${i} WHERE Id = @id; END`,
          "GO",
          `GRANT EXECUTE ON dbo.P${i} TO public`,
          "GO",
          `INSERT dbo.T${i} (Id, Name) VALUES ${Array.from({ length: 20 }, (_v, r) => `(${r}, N'row ${r}')`).join(", ")}`,
          `UPDATE dbo.T${i} SET Name = 'x' WHERE Id = 1`,
        ].join("\n"),
      });
    }
    return files;
  }

  function work(n: number): {
    batches: number;
    characters: number;
    tokens: number;
    splitSteps: number;
    textLength: number;
  } {
    const files = project(n);
    const before = { ...lexStats };
    const read = readScriptSources(files);
    expect(read.model.tables).toHaveLength(n);
    expect(read.warnings.filter((w) => w.kind !== "data")).toEqual([]);
    return {
      batches: lexStats.batches - before.batches,
      characters: lexStats.characters - before.characters,
      tokens: lexStats.tokens - before.tokens,
      splitSteps: lexStats.splitSteps - before.splitSteps,
      textLength: files.reduce((sum, f) => sum + f.text.length, 0),
    };
  }

  it("lexes every batch once and does work proportional to the size of the project", () => {
    const small = work(100);
    const large = work(200);
    // One lexer pass per batch, over the batch's text only.
    expect(small.batches).toBe(400);
    expect(large.batches).toBe(800);
    expect(small.characters).toBeLessThanOrEqual(small.textLength);
    // Doubling the project doubles every count (within rounding of the file names' digits).
    for (const key of ["characters", "tokens", "splitSteps"] as const) {
      const ratio = large[key] / small[key];
      expect(ratio).toBeGreaterThan(1.9);
      expect(ratio).toBeLessThan(2.15);
    }
    // The rows of an INSERT are stepped over, not tokenized: 20 rows add no tokens.
    expect(small.tokens / 100).toBeLessThan(90);
  });
});
