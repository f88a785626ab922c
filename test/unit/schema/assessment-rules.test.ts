/**
 * Every rule against one script that must trigger it and one that must not (often the same words in a
 * comment, a string, or a supported form).
 */
import { assess } from "../../../provider/schema/assessment/assess";
import { ASSESSMENT_RULES } from "../../../provider/schema/assessment/rules";
import type { AssessOptions } from "../../../provider/schema/assessment/types";
import { readScriptText } from "../../../provider/schema/script-reader";

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
    expected: ["blocking [dbo].[V]:1 references Crm..Orders in database Crm", "blocking [dbo].[V]:1 references Crm.dbo.Customers in database Crm"],
    clean: "CREATE VIEW dbo.V AS SELECT x.col.value('.', 'int') AS v, 'Crm.dbo.T' AS s FROM Shop.dbo.T AS x JOIN tempdb..#t ON 1 = 1 -- Crm.dbo.T",
  },
  {
    id: "AZSQL002",
    triggers: "CREATE PROCEDURE dbo.P AS SELECT * FROM Srv.Db.dbo.T; SELECT * FROM OPENROWSET('SQLNCLI', 'Server=x;', 'SELECT 1')",
    expected: ["blocking [dbo].[P]:1 OPENROWSET reaches a remote data source through an OLE DB provider", "blocking [dbo].[P]:1 four-part name Srv.Db.dbo.T uses linked server Srv"],
    clean: "CREATE PROCEDURE dbo.P AS SELECT * FROM OPENROWSET(BULK 'x.dat', DATA_SOURCE = 'Blob', SINGLE_BLOB) AS b /* OPENQUERY(S, 'x') */",
  },
  {
    id: "AZSQL003",
    triggers: "CREATE ASSEMBLY A FROM 0x00 WITH PERMISSION_SET = UNSAFE\nGO\nCREATE PROCEDURE dbo.P @x int AS EXTERNAL NAME A.[C].M",
    expected: ["blocking [A]:1 CLR assembly A (PERMISSION_SET = UNSAFE)", "blocking [dbo].[P]:3 implemented by a CLR assembly (EXTERNAL NAME)"],
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
    expected: ["blocking [dbo].[P]:3 uses Service Broker (END CONVERSATION)", "blocking [dbo].[P]:3 uses Service Broker (RECEIVE)", "blocking [dbo].[Q]:1 Service Broker queue [dbo].[Q]"],
    clean: "CREATE PROCEDURE dbo.P AS BEGIN SELECT 'SEND ON CONVERSATION' AS receive END",
  },
  {
    id: "AZSQL007",
    triggers: "CREATE PROCEDURE dbo.P AS EXEC msdb.dbo.sp_start_job N'J'; SELECT * FROM msdb.dbo.sysjobs",
    expected: ["blocking [dbo].[P]:1 calls SQL Agent procedure msdb.dbo.sp_start_job", "blocking [dbo].[P]:1 references msdb.dbo.sysjobs in msdb"],
    clean: "CREATE PROCEDURE dbo.P AS SELECT N'msdb.dbo.sp_start_job' AS s -- EXEC msdb.dbo.sp_start_job",
  },
  {
    id: "AZSQL008",
    triggers: "CREATE PROCEDURE dbo.P AS EXEC xp_cmdshell 'dir'; EXEC master..xp_regread 'x'; EXEC sp_OACreate 'x', @o OUT",
    expected: ["blocking [dbo].[P]:1 calls sp_OACreate", "blocking [dbo].[P]:1 calls xp_cmdshell", "blocking [dbo].[P]:1 calls xp_regread"],
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
    triggers: "CREATE LOGIN l WITH PASSWORD = 'x'\nGO\nCREATE ENDPOINT e STATE = STARTED AS TCP (LISTENER_PORT = 4022) FOR SERVICE_BROKER (AUTHENTICATION = WINDOWS)\nGO\nALTER SERVER ROLE sysadmin ADD MEMBER l",
    expected: ["warning ENDPOINT [e]:3 ENDPOINT e is a server-level object", "warning LOGIN [l]:1 LOGIN l is a server-level object", "warning case.sql:5:5 ALTER SERVER changes server-level state"],
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
    expected: ["blocking [dbo].[P]:1 DBCC DROPCLEANBUFFERS is not supported", "blocking [dbo].[P]:1 DBCC TRACEON is not supported"],
    clean: "CREATE PROCEDURE dbo.P AS DBCC CHECKDB; DBCC SHOW_STATISTICS ('dbo.T', 'IX')",
  },
  {
    id: "AZSQL015",
    triggers: "EXEC sp_configure 'max degree of parallelism', 4\nRECONFIGURE",
    expected: ["blocking case.sql:1:1 calls sp_configure", "blocking case.sql:2:2 RECONFIGURE applies instance configuration"],
    clean: "ALTER DATABASE SCOPED CONFIGURATION SET MAXDOP = 4",
  },
  {
    id: "AZSQL016",
    triggers: "CREATE PROCEDURE dbo.P AS BULK INSERT dbo.T FROM '\\\\files\\share\\t.csv'; SELECT * FROM OPENROWSET(BULK 'D:\\x.bin', SINGLE_BLOB) AS b",
    expected: ["blocking [dbo].[P]:1 BULK INSERT reads \\\\files\\share\\t.csv", "blocking [dbo].[P]:1 OPENROWSET(BULK) reads D:\\x.bin"],
    clean: "CREATE PROCEDURE dbo.P AS BULK INSERT dbo.T FROM 'in/t.csv' WITH (DATA_SOURCE = 'Blob')",
  },
  {
    id: "AZSQL017",
    triggers: "CREATE TABLE dbo.T (Id int NOT NULL CONSTRAINT PK_T PRIMARY KEY ON FG2) ON FG1\nGO\nCREATE INDEX IX ON dbo.T (Id) ON FG3",
    expected: ["warning [dbo].[T]:1 [dbo].[T]: table on FG1; constraint PK_T on FG2; index IX on FG3"],
    clean: "CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY ON [PRIMARY]) ON [PRIMARY]",
  },
  {
    id: "AZSQL018",
    triggers: "CREATE TABLE dbo.T (A text NULL, B int NULL)\nGO\nCREATE TYPE dbo.Blob FROM image",
    expected: ["warning [dbo].[Blob]:3 alias type based on image", "warning [dbo].[T]:1 deprecated types: A text (use varchar(max))"],
    clean: "CREATE TABLE dbo.T ([text] nvarchar(max) NULL, [image] varbinary(max) NULL)",
  },
  {
    id: "AZSQL019",
    triggers: "CREATE PROCEDURE dbo.P AS SELECT * FROM a, b WHERE a.x =* b.x HAVING 1 = 1; RAISERROR @msg 16",
    expected: ["blocking [dbo].[P]:1 RAISERROR without parentheses (old form)", "blocking [dbo].[P]:1 old-style outer join operator =*"],
    clean: "CREATE PROCEDURE dbo.P AS BEGIN DECLARE @n int = 1; SET @n *= 2; UPDATE dbo.T SET v *= 2; RAISERROR ('x', 16, 1) END",
  },
  {
    id: "AZSQL020",
    triggers: "CREATE PROCEDURE dbo.P;2 AS SELECT 1\nGO\nEXEC sp_addrolemember 'db_owner', 'u'",
    expected: ["warning [dbo].[P];2:1 numbered procedure P;2", "warning case.sql:3:3 sp_addrolemember is deprecated (use ALTER ROLE ... ADD MEMBER)"],
    clean: "CREATE PROCEDURE dbo.P AS EXECUTE AS USER = 'u'; REVERT",
  },
  {
    id: "AZSQL021",
    triggers: "CREATE PROCEDURE dbo.P WITH NATIVE_COMPILATION, SCHEMABINDING AS BEGIN ATOMIC WITH (TRANSACTION ISOLATION LEVEL = SNAPSHOT, LANGUAGE = N'us_english') SELECT 1 END",
    expected: ["warning [dbo].[P]:1 natively compiled module (needs the Premium or Business Critical tier)"],
    clean: "CREATE PROCEDURE dbo.P WITH RECOMPILE AS SELECT 'NATIVE_COMPILATION' AS x",
  },
  {
    id: "AZSQL022",
    triggers: "ALTER DATABASE CURRENT SET DB_CHAINING ON, COMPATIBILITY_LEVEL = 90",
    expected: ["warning DATABASE:- COMPATIBILITY_LEVEL = 90 (minimum is 100)", "warning DATABASE:- DB_CHAINING ON (cross-database ownership chaining)"],
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
    expect(findingsOf("AZSQL021", sql, { targetTier: "GeneralPurpose" })).toEqual(["warning [dbo].[M]:1 memory-optimized table (needs the Premium or Business Critical tier)"]);
    expect(findingsOf("AZSQL021", sql, { targetTier: "Premium" })).toEqual(["info [dbo].[M]:1 memory-optimized table (needs the Premium or Business Critical tier)"]);
  });

  it("can disable rules", () => {
    const { model } = readScriptText("USE x");
    expect(assess(model, { disabledRules: ["AZSQL010"] }).findings).toEqual([]);
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
