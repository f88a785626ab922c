/**
 * Every rule against one script that must trigger it and one that must not (often the same words in a
 * comment, a string, or a supported form).
 */
import { assess } from "../../../provider/schema/assessment/assess";
import { ASSESSMENT_RULES } from "../../../provider/schema/assessment/rules";
import type { AssessOptions } from "../../../provider/schema/assessment/types";
import { readScriptSources, readScriptText } from "../../../provider/schema/script-reader";

function findingsOf(ruleId: string, sql: string, options: AssessOptions = {}): string[] {
  const { model } = readScriptText(sql, "case.sql", { databaseName: "Shop" });
  return assess(model, options)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.severity} ${f.objectKey}:${f.line ?? "-"} ${f.message}`);
}

interface RuleCase {
  id: string;
  triggers: string;
  expected: string[];
  clean: string;
}

const CASES: RuleCase[] = [
  {
    id: "AZSQL001",
    triggers: "CREATE VIEW dbo.V AS SELECT * FROM Crm.dbo.Customers JOIN Crm..Orders ON 1 = 1",
    expected: [
      "blocking [dbo].[V]:1 references Crm..Orders in database Crm",
      "blocking [dbo].[V]:1 references Crm.dbo.Customers in database Crm",
    ],
    clean:
      "CREATE VIEW dbo.V AS SELECT x.col.value('.', 'int') AS v, 'Crm.dbo.T' AS s FROM Shop.dbo.T AS x JOIN tempdb..#t ON 1 = 1 -- Crm.dbo.T",
  },
  {
    id: "AZSQL002",
    triggers:
      "CREATE PROCEDURE dbo.P AS SELECT * FROM Srv.Db.dbo.T; SELECT * FROM OPENROWSET('SQLNCLI', 'Server=x;', 'SELECT 1')",
    expected: [
      "blocking [dbo].[P]:1 OPENROWSET reaches a remote data source through an OLE DB provider",
      "blocking [dbo].[P]:1 four-part name Srv.Db.dbo.T uses linked server Srv",
    ],
    clean:
      "CREATE PROCEDURE dbo.P AS SELECT * FROM OPENROWSET(BULK 'x.dat', DATA_SOURCE = 'Blob', SINGLE_BLOB) AS b /* OPENQUERY(S, 'x') */",
  },
  {
    id: "AZSQL003",
    triggers:
      "CREATE ASSEMBLY A FROM 0x00 WITH PERMISSION_SET = UNSAFE\nGO\nCREATE PROCEDURE dbo.P @x int AS EXTERNAL NAME A.[C].M",
    expected: [
      "blocking [A]:1 CLR assembly A (PERMISSION_SET = UNSAFE)",
      "blocking [dbo].[P]:3 implemented by a CLR assembly (EXTERNAL NAME)",
    ],
    clean: "CREATE PROCEDURE dbo.P AS SELECT 'EXTERNAL NAME' AS x",
  },
  {
    id: "AZSQL004",
    triggers: "CREATE TABLE dbo.T (Id uniqueidentifier ROWGUIDCOL NOT NULL UNIQUE, F varbinary(max) FILESTREAM NULL)",
    expected: ["blocking [dbo].[T]:1 column F is a FILESTREAM column"],
    clean: "CREATE TABLE dbo.T (Id uniqueidentifier ROWGUIDCOL NOT NULL UNIQUE, F varbinary(max) NULL)",
  },
  {
    id: "AZSQL005",
    triggers: "CREATE TABLE dbo.Files AS FILETABLE",
    expected: ["blocking [dbo].[Files]:1 [dbo].[Files] is a FileTable"],
    clean: "CREATE TABLE dbo.Files (Id int NOT NULL)",
  },
  {
    id: "AZSQL006",
    triggers: "CREATE QUEUE dbo.Q\nGO\nCREATE PROCEDURE dbo.P AS RECEIVE TOP (1) * FROM dbo.Q; END CONVERSATION @h",
    expected: [
      "blocking [dbo].[P]:3 uses Service Broker (END CONVERSATION)",
      "blocking [dbo].[P]:3 uses Service Broker (RECEIVE)",
      "blocking [dbo].[Q]:1 Service Broker queue [dbo].[Q]",
    ],
    clean: "CREATE PROCEDURE dbo.P AS BEGIN SELECT 'SEND ON CONVERSATION' AS receive END",
  },
  {
    id: "AZSQL007",
    triggers: "CREATE PROCEDURE dbo.P AS EXEC msdb.dbo.sp_start_job N'J'; SELECT * FROM msdb.dbo.sysjobs",
    expected: [
      "blocking [dbo].[P]:1 calls SQL Agent procedure msdb.dbo.sp_start_job",
      "blocking [dbo].[P]:1 references msdb.dbo.sysjobs in msdb",
    ],
    clean: "CREATE PROCEDURE dbo.P AS SELECT N'msdb.dbo.sp_start_job' AS s -- EXEC msdb.dbo.sp_start_job",
  },
  {
    id: "AZSQL008",
    triggers:
      "CREATE PROCEDURE dbo.P AS EXEC xp_cmdshell 'dir'; EXEC master..xp_regread 'x'; EXEC sp_OACreate 'x', @o OUT",
    expected: [
      "blocking [dbo].[P]:1 calls sp_OACreate",
      "blocking [dbo].[P]:1 calls xp_cmdshell",
      "blocking [dbo].[P]:1 calls xp_regread",
    ],
    clean: "CREATE PROCEDURE dbo.P AS SELECT 'xp_cmdshell' AS a /* EXEC xp_cmdshell 'dir' */",
  },
  {
    id: "AZSQL009",
    triggers: "CREATE PROCEDURE dbo.P AS EXEC msdb.dbo.sp_send_dbmail @recipients = 'a@b.c'",
    expected: ["blocking [dbo].[P]:1 sends mail with msdb.dbo.sp_send_dbmail"],
    clean: "CREATE PROCEDURE dbo.P AS INSERT dbo.Outbox (Body) VALUES (N'sp_send_dbmail replaced by an outbox')",
  },
  {
    id: "AZSQL010",
    triggers: "USE [Shop]\nGO\nCREATE SCHEMA s",
    expected: ["warning case.sql:1:1 USE [Shop] switches database"],
    clean: "CREATE SCHEMA s -- USE [Shop]",
  },
  {
    id: "AZSQL011",
    triggers: "CREATE TRIGGER t ON ALL SERVER FOR CREATE_DATABASE AS PRINT 1",
    expected: ["blocking [t]:1 trigger t is created ON ALL SERVER (CREATE_DATABASE)"],
    clean: "CREATE TRIGGER t ON DATABASE FOR CREATE_TABLE AS PRINT 1",
  },
  {
    id: "AZSQL012",
    triggers:
      "CREATE LOGIN l WITH PASSWORD = 'x'\nGO\nCREATE ENDPOINT e STATE = STARTED AS TCP (LISTENER_PORT = 4022) FOR SERVICE_BROKER (AUTHENTICATION = WINDOWS)\nGO\nALTER SERVER ROLE sysadmin ADD MEMBER l",
    expected: [
      "warning ENDPOINT [e]:3 ENDPOINT e is a server-level object",
      "warning LOGIN [l]:1 LOGIN l is a server-level object",
      "warning case.sql:5:5 ALTER SERVER changes server-level state",
    ],
    clean: "CREATE USER u WITHOUT LOGIN",
  },
  {
    id: "AZSQL013",
    triggers: "CREATE USER [CORP\\Bob] FOR LOGIN [CORP\\Bob]",
    expected: ["blocking [CORP\\Bob]:1 user CORP\\Bob uses Windows authentication (login CORP\\Bob)"],
    clean: "CREATE USER [bob@corp.example] FROM EXTERNAL PROVIDER",
  },
  {
    id: "AZSQL014",
    triggers: "CREATE PROCEDURE dbo.P AS DBCC TRACEON(3604); DBCC DROPCLEANBUFFERS",
    expected: [
      "blocking [dbo].[P]:1 DBCC DROPCLEANBUFFERS is not supported",
      "blocking [dbo].[P]:1 DBCC TRACEON is not supported",
    ],
    clean: "CREATE PROCEDURE dbo.P AS DBCC CHECKDB; DBCC SHOW_STATISTICS ('dbo.T', 'IX')",
  },
  {
    id: "AZSQL015",
    triggers: "EXEC sp_configure 'max degree of parallelism', 4\nRECONFIGURE",
    expected: [
      "blocking case.sql:1:1 calls sp_configure",
      "blocking case.sql:2:2 RECONFIGURE applies instance configuration",
    ],
    clean: "ALTER DATABASE SCOPED CONFIGURATION SET MAXDOP = 4",
  },
  {
    id: "AZSQL016",
    triggers:
      "CREATE PROCEDURE dbo.P AS BULK INSERT dbo.T FROM '\\\\files\\share\\t.csv'; SELECT * FROM OPENROWSET(BULK 'D:\\x.bin', SINGLE_BLOB) AS b",
    expected: [
      "blocking [dbo].[P]:1 BULK INSERT reads \\\\files\\share\\t.csv",
      "blocking [dbo].[P]:1 OPENROWSET(BULK) reads D:\\x.bin",
    ],
    clean: "CREATE PROCEDURE dbo.P AS BULK INSERT dbo.T FROM 'in/t.csv' WITH (DATA_SOURCE = 'Blob')",
  },
  {
    id: "AZSQL017",
    triggers:
      "CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY ON FG2) ON FG1\nGO\nCREATE INDEX IX ON dbo.T (Id) ON FG3",
    expected: ["warning [dbo].[T]:1 [dbo].[T]: table on FG1; constraint PK_T on FG2; index IX on FG3"],
    clean: "CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY ON [PRIMARY]) ON [PRIMARY]",
  },
  {
    id: "AZSQL018",
    triggers: "CREATE TABLE dbo.T (A text NULL, B int NULL)\nGO\nCREATE TYPE dbo.Blob FROM image",
    expected: [
      "warning [dbo].[Blob]:3 alias type based on image",
      "warning [dbo].[T]:1 deprecated types: A text (use varchar(max))",
    ],
    clean: "CREATE TABLE dbo.T ([text] nvarchar(max) NULL, [image] varbinary(max) NULL)",
  },
  {
    id: "AZSQL019",
    triggers: "CREATE PROCEDURE dbo.P AS SELECT * FROM a, b WHERE a.x =* b.x HAVING 1 = 1; RAISERROR @msg 16",
    expected: [
      "blocking [dbo].[P]:1 RAISERROR without parentheses (old form)",
      "blocking [dbo].[P]:1 old-style outer join operator =*",
    ],
    clean:
      "CREATE PROCEDURE dbo.P AS BEGIN DECLARE @n int = 1; SET @n *= 2; UPDATE dbo.T SET v *= 2; RAISERROR ('x', 16, 1) END",
  },
  {
    id: "AZSQL020",
    triggers: "CREATE PROCEDURE dbo.P;2 AS SELECT 1\nGO\nEXEC sp_addrolemember 'db_owner', 'u'",
    expected: [
      "warning [dbo].[P];2:1 numbered procedure P;2",
      "warning case.sql:3:3 sp_addrolemember is deprecated (use ALTER ROLE ... ADD MEMBER)",
    ],
    clean: "CREATE PROCEDURE dbo.P AS EXECUTE AS USER = 'u'; REVERT",
  },
  {
    id: "AZSQL021",
    triggers:
      "CREATE PROCEDURE dbo.P WITH NATIVE_COMPILATION, SCHEMABINDING AS BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'us_english') SELECT 1 END",
    expected: ["warning [dbo].[P]:1 natively compiled module (needs the Premium or Business Critical tier)"],
    clean: "CREATE PROCEDURE dbo.P WITH RECOMPILE AS SELECT 'NATIVE_COMPILATION' AS x",
  },
  {
    id: "AZSQL022",
    triggers: "ALTER DATABASE CURRENT SET DB_CHAINING ON, COMPATIBILITY_LEVEL = 90",
    expected: [
      "warning DATABASE:- COMPATIBILITY_LEVEL = 90 (minimum is 100)",
      "warning DATABASE:- DB_CHAINING ON (cross-database ownership chaining)",
    ],
    clean: "ALTER DATABASE CURRENT SET COMPATIBILITY_LEVEL = 160, RECOVERY FULL",
  },
];

describe("assessment rules", () => {
  it("covers every rule exactly once", () => {
    expect(CASES.map((c) => c.id)).toEqual(ASSESSMENT_RULES.map((r) => r.id));
  });

  it("gives every rule an id, title, severity, description and recommendation", () => {
    for (const rule of ASSESSMENT_RULES) {
      expect(rule.id).toMatch(/^AZSQL\d{3}$/);
      expect(["blocking", "warning", "info"]).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(3);
      expect(rule.detects.length).toBeGreaterThan(10);
      expect(rule.recommendation.length).toBeGreaterThan(20);
    }
  });

  describe.each(CASES)("$id", ({ id, triggers, expected, clean }) => {
    it("reports the triggering script", () => {
      expect(findingsOf(id, triggers)).toEqual(expected);
    });
    it("stays silent on the clean script", () => {
      expect(findingsOf(id, clean)).toEqual([]);
    });
  });

  it("names the Premium and Business Critical tiers and lowers In-Memory OLTP to info for them", () => {
    const sql = "CREATE TABLE dbo.M (Id int NOT NULL PRIMARY KEY NONCLUSTERED) WITH (MEMORY_OPTIMIZED = ON)";
    expect(findingsOf("AZSQL021", sql, { targetTier: "GeneralPurpose" })).toEqual([
      "warning [dbo].[M]:1 memory-optimized table (needs the Premium or Business Critical tier)",
    ]);
    expect(findingsOf("AZSQL021", sql, { targetTier: "Premium" })).toEqual([
      "info [dbo].[M]:1 memory-optimized table (needs the Premium or Business Critical tier)",
    ]);
  });

  it("can disable rules", () => {
    const { model } = readScriptText("USE x");
    expect(assess(model, { disabledRules: ["AZSQL010"] }).findings).toEqual([]);
  });
});

/**
 * Real-world code shapes, written in the style of public sample databases (not copied from them): tables with
 * CLR-typed columns, triggers joined to inserted/deleted, views reading spatial properties, procedures updating
 * through OPENJSON, CTEs, APPLY, MERGE. Every rule has at least one case that must trigger it and at least one
 * that must not: a false positive weighs as much as a miss.
 */
const MODEL_DDL = [
  "CREATE TABLE Application.Cities (CityID int NOT NULL, CityName nvarchar(50) NULL, Location geography NULL)",
  "CREATE TABLE Application.StateProvinces (StateProvinceID int NOT NULL, Border geography NULL)",
  "CREATE TABLE Sales.Orders (OrderID int NOT NULL, CustomerID int NULL, LastEditedWhen datetime2 NULL, DeliveryLocation geography NULL)",
  "CREATE TABLE Sales.BuyingGroups (BuyingGroupID int NOT NULL, BuyingGroupName nvarchar(50) NULL, LastEditedBy int NULL)",
  "CREATE TABLE HumanResources.Employee (BusinessEntityID int NOT NULL, OrganizationNode hierarchyid NULL, Resume xml NULL)",
  "CREATE TABLE dbo.Players (PlayerID int NOT NULL, xp_points int NULL, [msdb] nvarchar(20) NULL)",
  "CREATE TABLE dbo.Parcels (ParcelID int NOT NULL, Shape dbo.Polygon NULL)",
].join("\nGO\n");

/** The model DDL (model.sql) and the case (case.sql) read together. */
function readCase(sql: string) {
  return readScriptSources(
    [
      { file: "model.sql", text: MODEL_DDL },
      { file: "case.sql", text: sql },
    ],
    { databaseName: "Shop" },
  );
}

/** Findings of one rule on the case, as `objectKey message` (loose statements are keyed by file and line). */
function realWorldFindings(ruleId: string, sql: string): string[] {
  const { model } = readCase(sql);
  return assess(model)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.objectKey} ${f.message}`);
}

interface RealWorldCase {
  id: string;
  /** Code that must give exactly these findings (`objectKey message`). */
  triggers: { sql: string; expected: string[] }[];
  /** Code that must give none. */
  guards: string[];
}

const REAL_WORLD: RealWorldCase[] = [
  {
    id: "AZSQL001",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.PurgeArchive AS BEGIN EXEC Archive.dbo.usp_Purge @Days = 30; SELECT Reporting.dbo.fn_Total(o.OrderID) FROM Sales.Orders o, Legacy.dbo.OldOrders lo WHERE lo.Id = o.OrderID END",
        expected: [
          "[dbo].[PurgeArchive] references Archive.dbo.usp_Purge in database Archive",
          "[dbo].[PurgeArchive] references Legacy.dbo.OldOrders in database Legacy",
          "[dbo].[PurgeArchive] references Reporting.dbo.fn_Total in database Reporting",
        ],
      },
      {
        // A CTE named like a database in one statement does not hide the real reference in the next.
        sql: "CREATE PROCEDURE dbo.SyncCrm AS BEGIN WITH Crm AS (SELECT CustomerID FROM Sales.Orders) SELECT CustomerID FROM Crm; INSERT INTO Crm.dbo.Customers (Id) SELECT o.CustomerID FROM Sales.Orders o; END",
        expected: ["[dbo].[SyncCrm] references Crm.dbo.Customers in database Crm"],
      },
      {
        // A database that shares a schema's name is still another database when named db.schema.object.
        sql: "CREATE VIEW dbo.OldSales AS SELECT * FROM Sales.dbo.Orders",
        expected: ["[dbo].[OldSales] references Sales.dbo.Orders in database Sales"],
      },
      {
        sql: "CREATE PROCEDURE dbo.NextKey AS BEGIN SELECT NEXT VALUE FOR Keys.dbo.OrderNumbers; MERGE Crm.dbo.Target AS t USING Sales.Orders AS s ON t.Id = s.OrderID WHEN MATCHED THEN DELETE; SELECT * FROM Sales.Orders o CROSS APPLY Crm.dbo.SplitTags(o.OrderID) AS tags END",
        expected: [
          "[dbo].[NextKey] references Crm.dbo.SplitTags in database Crm",
          "[dbo].[NextKey] references Crm.dbo.Target in database Crm",
          "[dbo].[NextKey] references Keys.dbo.OrderNumbers in database Keys",
        ],
      },
      {
        sql: "CREATE SYNONYM dbo.RemoteCustomers FOR [Crm].[dbo].[Customers]",
        expected: ["[dbo].[RemoteCustomers] synonym for [Crm].[dbo].[Customers] in another database"],
      },
      {
        sql: "CREATE VIEW dbo.Mixed AS SELECT * FROM (Sales.Orders o JOIN [Crm]..[Customers] c ON o.CustomerID = c.Id)",
        expected: ["[dbo].[Mixed] references Crm..Customers in database Crm"],
      },
    ],
    guards: [
      // trigger updating the table it is on, joined to inserted, with schema.table.column names
      "CREATE TRIGGER Sales.TR_Orders_Update ON Sales.Orders AFTER UPDATE AS BEGIN SET NOCOUNT ON; UPDATE Sales.Orders SET LastEditedWhen = SYSDATETIME() FROM Sales.Orders INNER JOIN inserted i ON Sales.Orders.OrderID = i.OrderID WHERE Sales.Orders.OrderID = i.OrderID; END",
      // view reading properties of a geography column through an alias
      "CREATE VIEW Website.CityPoints AS SELECT c.CityID, c.Location.Lat AS Latitude, c.Location.Long AS Longitude FROM Application.Cities AS c",
      // UPDATE ... FROM OPENJSON with three-part column names
      "CREATE PROCEDURE WebApi.UpdateBuyingGroupFromJson (@Json nvarchar(max), @BuyingGroupID int, @UserID int) WITH EXECUTE AS OWNER AS BEGIN UPDATE Sales.BuyingGroups SET BuyingGroupName = json.BuyingGroupName, LastEditedBy = @UserID FROM OPENJSON(@Json) WITH (BuyingGroupName nvarchar(50)) AS json WHERE Sales.BuyingGroups.BuyingGroupID = @BuyingGroupID END",
      // a CTE named like a database, used with methods of its geography column
      "CREATE PROCEDURE dbo.CityShapes AS WITH Crm AS (SELECT CityID, Location FROM Application.Cities) SELECT Crm.Location.STAsText() AS Wkt, Crm.Location.Lat FROM Crm",
      // hierarchyid methods, quoted and not, chained
      "CREATE PROCEDURE dbo.Managers AS SELECT e.OrganizationNode.GetAncestor(1).ToString(), [e].[OrganizationNode].GetLevel() FROM HumanResources.Employee e",
      // alias without AS, spatial method
      "CREATE VIEW WebApi.StateProvinceBorders AS SELECT sp.StateProvinceID, sp.Border.STGeometryType() AS BorderType FROM Application.StateProvinces sp",
      // xml nodes() in CROSS APPLY and value() on the derived alias
      "CREATE PROCEDURE dbo.ResumeItems AS SELECT x.n.value('@id', 'int') AS ItemId FROM HumanResources.Employee d CROSS APPLY d.Resume.nodes('/r/i') AS x(n)",
      // table variable and temp table aliases
      "CREATE PROCEDURE dbo.Points AS BEGIN DECLARE @t TABLE (Loc geography); SELECT t.Loc.Lat FROM @t t; SELECT p.Pt.STX FROM #Points p END",
      // derived table
      "CREATE VIEW dbo.CityLat AS SELECT d.Loc.Lat FROM (SELECT Location AS Loc FROM Application.Cities) d",
      // MERGE target and source, OUTPUT inserted/deleted with properties
      "CREATE PROCEDURE dbo.MergeOrders AS MERGE Sales.Orders AS tgt USING (SELECT CityID, Location FROM Application.Cities) AS src ON tgt.OrderID = src.CityID WHEN MATCHED THEN UPDATE SET tgt.DeliveryLocation = src.Location WHEN NOT MATCHED THEN INSERT (OrderID) VALUES (src.CityID) OUTPUT inserted.DeliveryLocation.Lat, deleted.DeliveryLocation.Long;",
      // schema.table.column.Method(), table.column.Property, column.Method() without alias
      "CREATE VIEW dbo.CityWkt AS SELECT Application.Cities.Location.STAsText() AS Wkt, Cities.Location.Lat, Location.STDistance(Location) AS d FROM Application.Cities",
      // DELETE ... FROM alias joined to deleted
      "CREATE TRIGGER Sales.TR_Orders_Delete ON Sales.Orders AFTER DELETE AS DELETE o FROM Sales.Orders AS o JOIN deleted d ON o.OrderID = d.OrderID WHERE d.DeliveryLocation.STDistance(o.DeliveryLocation) < 10",
      // methods of a user-defined CLR type's column: only binding knows `s` is an alias and `Shape` a column
      "CREATE VIEW dbo.ParcelAreas AS SELECT s.ParcelID, s.Shape.Area() AS Area, Shape.Outline.Length() AS Perimeter FROM dbo.Parcels AS s",
      // this database by name and by sqlcmd variable, tempdb, and names in comments and strings
      "CREATE VIEW dbo.Local AS SELECT o.OrderID, N'Crm.dbo.T' AS s FROM Shop.dbo.Orders o JOIN [$(DatabaseName)].Sales.Orders s2 ON 1 = 1 JOIN tempdb..#t ON 1 = 1 -- Crm.dbo.T",
    ],
  },
  {
    id: "AZSQL002",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Remote AS BEGIN SELECT * FROM [HQ-SQL01].[Erp].[dbo].[Invoices]; EXEC ('SELECT 1') AT [HQ-SQL01]; SELECT * FROM OPENQUERY([HQ-SQL01], 'SELECT 1') AS q END",
        expected: [
          "[dbo].[Remote] EXECUTE ... AT HQ-SQL01 runs the batch on a linked server",
          "[dbo].[Remote] OPENQUERY reaches a remote data source",
          "[dbo].[Remote] four-part name HQ-SQL01.Erp.dbo.Invoices uses linked server HQ-SQL01",
        ],
      },
      {
        sql: "CREATE SYNONYM dbo.RemoteInvoices FOR [HQ-SQL01].[Erp].[dbo].[Invoices]",
        expected: ["[dbo].[RemoteInvoices] synonym for [HQ-SQL01].[Erp].[dbo].[Invoices] on linked server HQ-SQL01"],
      },
    ],
    guards: [
      // four dotted parts that are schema.table.column.Method() and alias.column.Method().Method()
      "CREATE PROCEDURE dbo.Near (@p geography) AS SELECT Sales.Orders.DeliveryLocation.STDistance(@p), o.DeliveryLocation.STBuffer(10).STArea() FROM Sales.Orders o",
      "CREATE PROCEDURE dbo.Outp AS UPDATE Sales.Orders SET LastEditedWhen = SYSDATETIME() OUTPUT inserted.DeliveryLocation.STAsText() WHERE OrderID = 1",
    ],
  },
  {
    id: "AZSQL003",
    triggers: [
      {
        sql: "CREATE FUNCTION dbo.RegexMatch (@input nvarchar(max), @pattern nvarchar(400)) RETURNS bit AS EXTERNAL NAME RegexLib.[Regex.Functions].IsMatch",
        expected: ["[dbo].[RegexMatch] implemented by a CLR assembly (EXTERNAL NAME)"],
      },
    ],
    // methods of built-in CLR types are not CLR code of the database
    guards: [
      "CREATE PROCEDURE dbo.Tree AS SELECT e.OrganizationNode.ToString(), hierarchyid::GetRoot().ToString(), geography::Point(47.6, -122.3, 4326).STAsText() FROM HumanResources.Employee e",
    ],
  },
  {
    id: "AZSQL004",
    triggers: [
      {
        sql: "CREATE TABLE dbo.Photos (Id uniqueidentifier ROWGUIDCOL NOT NULL UNIQUE, Photo varbinary(max) FILESTREAM NULL)",
        expected: ["[dbo].[Photos] column Photo is a FILESTREAM column"],
      },
    ],
    guards: [
      "CREATE TABLE dbo.Photos (Id uniqueidentifier ROWGUIDCOL NOT NULL UNIQUE, Photo varbinary(max) NULL, [Filestream] bit NULL) -- was FILESTREAM",
    ],
  },
  {
    id: "AZSQL005",
    triggers: [
      {
        sql: "CREATE TABLE dbo.Documents AS FILETABLE WITH (FILETABLE_DIRECTORY = 'Documents')",
        expected: ["[dbo].[Documents] [dbo].[Documents] is a FileTable"],
      },
    ],
    guards: ["CREATE TABLE dbo.FileTableIndex (Id int NOT NULL, [FileTable] nvarchar(100) NULL)"],
  },
  {
    id: "AZSQL006",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Drain AS BEGIN DECLARE @h uniqueidentifier; WAITFOR (RECEIVE TOP (1) @h = conversation_handle FROM dbo.TargetQueue), TIMEOUT 1000; END CONVERSATION @h; END",
        expected: [
          "[dbo].[Drain] uses Service Broker (END CONVERSATION)",
          "[dbo].[Drain] uses Service Broker (RECEIVE)",
        ],
      },
    ],
    // CASE ... END followed by an alias named Conversation; a column named receive in an expression
    guards: [
      "CREATE VIEW dbo.Chat AS SELECT CASE WHEN o.OrderID > 0 THEN 1 END Conversation, o.OrderID AS receive FROM Sales.Orders o WHERE receive * 2 > 1",
    ],
  },
  {
    id: "AZSQL007",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Nightly AS BEGIN EXEC msdb.dbo.sp_start_job @job_name = N'Nightly'; SELECT j.name FROM msdb.dbo.sysjobs AS j END",
        expected: [
          "[dbo].[Nightly] calls SQL Agent procedure msdb.dbo.sp_start_job",
          "[dbo].[Nightly] references msdb.dbo.sysjobs in msdb",
        ],
      },
    ],
    // a column named msdb, and the database's own procedure whose name starts like an Agent procedure
    guards: [
      "CREATE PROCEDURE dbo.sp_start_job_batch AS SELECT 1\nGO\nCREATE PROCEDURE dbo.RunBatch AS BEGIN EXEC dbo.sp_start_job_batch; SELECT p.msdb FROM dbo.Players p END",
    ],
  },
  {
    id: "AZSQL008",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Shell AS BEGIN INSERT INTO #out EXEC master..xp_cmdshell 'dir'; EXEC @rc = sp_OACreate 'Scripting.FileSystemObject', @fso OUT END",
        expected: ["[dbo].[Shell] calls sp_OACreate", "[dbo].[Shell] calls xp_cmdshell"],
      },
    ],
    // a column called xp_points, and the database's own procedure called xp_...
    guards: [
      "CREATE PROCEDURE dbo.xp_award AS SELECT 1\nGO\nCREATE PROCEDURE dbo.Award AS BEGIN SELECT p.xp_points, xp_points FROM dbo.Players p; EXEC dbo.xp_award END",
    ],
  },
  {
    id: "AZSQL009",
    triggers: [
      {
        sql: "CREATE TRIGGER Sales.TR_Orders_Mail ON Sales.Orders AFTER INSERT AS EXEC msdb.dbo.sp_send_dbmail @profile_name = 'Ops', @recipients = 'ops@example.com', @body = 'new order'",
        expected: ["[Sales].[TR_Orders_Mail] sends mail with msdb.dbo.sp_send_dbmail"],
      },
    ],
    guards: [
      "CREATE PROCEDURE dbo.QueueMail AS INSERT dbo.Outbox (Via, Body) SELECT N'msdb.dbo.sp_send_dbmail', o.CustomerID FROM Sales.Orders o -- was EXEC msdb.dbo.sp_send_dbmail",
    ],
  },
  {
    id: "AZSQL010",
    triggers: [{ sql: "USE [Shop];", expected: ["case.sql:1 USE [Shop] switches database"] }],
    guards: ["CREATE PROCEDURE dbo.Dyn AS EXEC sp_executesql N'USE Shop' -- USE Shop"],
  },
  {
    id: "AZSQL011",
    triggers: [
      {
        sql: "CREATE TRIGGER AuditLogons ON ALL SERVER FOR LOGON AS PRINT 1",
        expected: ["[AuditLogons] trigger AuditLogons is created ON ALL SERVER (LOGON)"],
      },
    ],
    guards: [
      "CREATE TRIGGER AuditDdl ON DATABASE FOR CREATE_TABLE, ALTER_TABLE AS PRINT EVENTDATA().value('(/EVENT_INSTANCE/ObjectName)[1]', 'sysname')",
    ],
  },
  {
    id: "AZSQL012",
    triggers: [
      {
        sql: "CREATE LOGIN [WebApp] WITH PASSWORD = 'x'",
        expected: ["LOGIN [WebApp] LOGIN WebApp is a server-level object"],
      },
    ],
    guards: ["CREATE ROLE Readers\nGO\nALTER ROLE Readers ADD MEMBER [WebApp]"],
  },
  {
    id: "AZSQL013",
    triggers: [
      {
        sql: "CREATE USER [CONTOSO\\Sales Team] FOR LOGIN [CONTOSO\\Sales Team]",
        expected: [
          "[CONTOSO\\Sales Team] user CONTOSO\\Sales Team uses Windows authentication (login CONTOSO\\Sales Team)",
        ],
      },
    ],
    guards: ["CREATE USER [app\\svc] WITHOUT LOGIN"],
  },
  {
    id: "AZSQL014",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Debug AS DBCC TRACEON (1222, -1)",
        expected: ["[dbo].[Debug] DBCC TRACEON is not supported"],
      },
    ],
    guards: [
      "CREATE PROCEDURE dbo.Stats AS BEGIN DBCC SHOW_STATISTICS ('Sales.Orders', 'PK_Orders'); PRINT 'DBCC TRACEON(1222) was removed' END",
    ],
  },
  {
    id: "AZSQL015",
    triggers: [
      {
        sql: "EXEC sys.sp_configure N'show advanced options', 1;\nRECONFIGURE WITH OVERRIDE;",
        expected: ["case.sql:1 calls sp_configure", "case.sql:2 RECONFIGURE applies instance configuration"],
      },
    ],
    guards: ["CREATE PROCEDURE dbo.Cfg AS SELECT s.sp_configure FROM (SELECT 1 AS sp_configure) s"],
  },
  {
    id: "AZSQL016",
    triggers: [
      {
        // a path made of a sqlcmd variable is a local path; a later statement's DATA_SOURCE does not cover this one
        sql: "BULK INSERT Sales.Orders FROM '$(DataPath)Orders.csv' WITH (FIELDTERMINATOR = '\\t', TABLOCK);\nBULK INSERT Sales.BuyingGroups FROM 'groups.csv' WITH (DATA_SOURCE = 'Blob');",
        expected: ["case.sql:1 BULK INSERT reads $(DataPath)Orders.csv"],
      },
    ],
    guards: [
      "CREATE PROCEDURE dbo.LoadDoc AS SELECT BulkColumn FROM OPENROWSET(BULK 'docs/readme.txt', DATA_SOURCE = 'Blob', SINGLE_CLOB) AS d",
    ],
  },
  {
    id: "AZSQL017",
    triggers: [
      {
        sql: "ALTER DATABASE CURRENT ADD FILEGROUP Archive;\nALTER DATABASE CURRENT ADD FILE (NAME = 'a1', FILENAME = 'a1.ndf') TO FILEGROUP Archive;",
        expected: [
          "[Archive] filegroup Archive cannot be created",
          "case.sql:2 ALTER DATABASE ADD FILE manages files the service owns",
        ],
      },
    ],
    guards: [
      "ALTER DATABASE CURRENT SET QUERY_STORE = ON -- ADD FILE later\nGO\nCREATE INDEX IX_Orders_Customer ON Sales.Orders (CustomerID) ON [PRIMARY]",
    ],
  },
  {
    id: "AZSQL018",
    triggers: [
      {
        sql: "CREATE TABLE dbo.Notes (Id int NOT NULL, Body ntext NULL)",
        expected: ["[dbo].[Notes] deprecated types: Body ntext (use nvarchar(max))"],
      },
    ],
    guards: ["CREATE TABLE dbo.Notes (Id int NOT NULL, [Text] nvarchar(max) NULL, [Image] varbinary(max) NULL)"],
  },
  {
    id: "AZSQL019",
    triggers: [
      {
        sql: "CREATE VIEW dbo.OldJoin AS SELECT o.OrderID FROM Sales.Orders o, Sales.BuyingGroups b WHERE o.CustomerID *= b.BuyingGroupID",
        expected: ["[dbo].[OldJoin] old-style outer join operator *="],
      },
    ],
    guards: [
      "CREATE PROCEDURE dbo.Scale AS BEGIN DECLARE @f int = 2; UPDATE Sales.Orders SET CustomerID *= @f WHERE OrderID IN (SELECT BuyingGroupID FROM Sales.BuyingGroups WHERE BuyingGroupID > 0); RAISERROR ('done', 10, 1) WITH NOWAIT; END",
    ],
  },
  {
    id: "AZSQL020",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Grant AS EXEC sp_addrolemember N'db_datareader', N'WebApp'",
        expected: ["[dbo].[Grant] sp_addrolemember is deprecated (use ALTER ROLE ... ADD MEMBER)"],
      },
    ],
    guards: [
      "CREATE PROCEDURE dbo.Grant AS BEGIN ALTER ROLE db_datareader ADD MEMBER WebApp; PRINT 'replaces sp_addrolemember'; EXECUTE AS USER = 'WebApp'; REVERT; END",
    ],
  },
  {
    id: "AZSQL021",
    triggers: [
      {
        sql: "CREATE PROCEDURE dbo.Fast WITH SCHEMABINDING, NATIVE_COMPILATION AS BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'us_english') SELECT 1 END",
        expected: ["[dbo].[Fast] natively compiled module (needs the Premium or Business Critical tier)"],
      },
    ],
    guards: [
      "CREATE VIEW dbo.Modules AS SELECT m.object_id, m.uses_native_compilation, 1 AS NATIVE_COMPILATION FROM sys.sql_modules AS m",
    ],
  },
  {
    id: "AZSQL022",
    triggers: [{ sql: "ALTER DATABASE CURRENT SET TRUSTWORTHY ON", expected: ["DATABASE TRUSTWORTHY ON"] }],
    guards: ["ALTER DATABASE CURRENT SET RECOVERY FULL, COMPATIBILITY_LEVEL = 150 -- was TRUSTWORTHY ON"],
  },
];

describe("assessment rules on real-world code shapes", () => {
  it("covers every rule", () => {
    expect(REAL_WORLD.map((c) => c.id)).toEqual(ASSESSMENT_RULES.map((r) => r.id));
  });

  describe.each(REAL_WORLD)("$id", ({ id, triggers, guards }) => {
    it.each(triggers.map((t) => [t.sql.slice(0, 60), t] as const))("reports %s", (_name, t) => {
      expect(realWorldFindings(id, t.sql)).toEqual(t.expected);
    });
    it.each(guards.map((g) => [g.slice(0, 60), g] as const))("stays silent on %s", (_name, sql) => {
      expect(realWorldFindings(id, sql)).toEqual([]);
    });
  });

  it("finds the same with and without the sieve (the pre-scan only skips code that cannot match)", () => {
    const unsieved = ASSESSMENT_RULES.map((r) => ({ ...r, code: undefined }));
    const scripts = [
      ...CASES.flatMap((c) => [c.triggers, c.clean]),
      ...REAL_WORLD.flatMap((c) => [...c.triggers.map((t) => t.sql), ...c.guards]),
    ];
    for (const sql of scripts) {
      const { model } = readCase(sql);
      expect(assess(model).findings).toEqual(assess(model, {}, unsieved).findings);
    }
  });
});

describe("docs/assessment-rules.md", () => {
  it("documents every rule with its title, severity, detection and fix", async () => {
    const { promises: fs } = await import("node:fs");
    const path = await import("node:path");
    const doc = await fs.readFile(path.join(__dirname, "../../../docs/assessment-rules.md"), "utf8");
    for (const rule of ASSESSMENT_RULES) {
      expect(doc).toContain(`## ${rule.id} — ${rule.title}`);
      expect(doc).toContain(`- **Detects:** ${rule.detects}`);
      expect(doc).toContain(`- **Recommendation:** ${rule.recommendation}`);
      expect(doc).toContain(`- **Automatic fix:** ${rule.fix?.description ?? "none"}`);
      if (rule.id !== "AZSQL021") expect(doc).toContain(`- **Severity:** ${rule.severity}`);
    }
  });
});
