/**
 * A synthetic SSDT-style project for the benchmarks: a folder per schema with Tables, Views, Stored Procedures
 * and Functions; Security and Storage folders; a post-deployment script that sets sqlcmd variables and includes
 * data scripts with `:r` (BEGIN TRAN, DECLARE, INSERT ... VALUES rows, UPDATE, COMMIT). Shaped like the public
 * sample projects (about 300 files and 3 000 statements at the base size) without copying any of them.
 * Deterministic: a size is always the same files with the same text.
 */
import { scanScript } from "../provider/schema/batches";
import { lexBatch, splitNodes, TokenTable } from "../provider/schema/statements";
export interface ProjectFile {
  /** Path relative to the project folder, with / separators. */
  file: string;
  text: string;
}

const SCHEMAS = ["Application", "Sales", "Purchasing", "Warehouse", "Website"];

/** Share of the files of each kind. */
const MIX = { tables: 0.45, views: 0.12, procedures: 0.25, functions: 0.08, data: 0.08 } as const;

/** Rows per INSERT in a data script, and INSERT statements per data script. */
const ROWS = 10;
const INSERTS = 80;

// Longer than ~80 lines on purpose: one short loop per kind of project file, in a project's folder order; generated
// data, not branching logic.
/** A project of about `fileCount` files. */
export function buildSyntheticProject(fileCount: number): ProjectFile[] {
  const files: ProjectFile[] = [];
  const count = (share: number): number => Math.max(1, Math.round(fileCount * share));
  const tables = count(MIX.tables);
  const tableName = (i: number): { schema: string; name: string } => ({
    schema: SCHEMAS[i % SCHEMAS.length]!,
    name: `Entity${i}`,
  });

  for (const schema of SCHEMAS)
    files.push({ file: `Security/${schema}.sql`, text: `CREATE SCHEMA [${schema}]\n    AUTHORIZATION [dbo];\n` });
  files.push({
    file: "Security/Roles.sql",
    text: [
      "CREATE ROLE [External Sales]\n    AUTHORIZATION [dbo];",
      "GO",
      ...SCHEMAS.map((s) => `GRANT SELECT ON SCHEMA::[${s}] TO [External Sales];`),
      "GO",
      "CREATE USER [Reporting] WITHOUT LOGIN;",
      "GO",
      "ALTER ROLE [External Sales] ADD MEMBER [Reporting];",
      "",
    ].join("\n"),
  });
  files.push({
    file: "Storage/USERDATA.sql",
    text: "ALTER DATABASE [$(DatabaseName)]\n    ADD FILEGROUP [USERDATA];\n",
  });

  for (let i = 0; i < tables; i++) files.push(tableFile(i, tableName));
  for (let i = 0; i < count(MIX.views); i++) {
    const a = tableName(i % tables);
    const b = tableName((i * 7 + 3) % tables);
    files.push({
      file: `${a.schema}/Views/Summary${i}.sql`,
      text: `\uFEFFCREATE VIEW [${a.schema}].[Summary${i}]\nAS\n-- totals per parent, for the reports\nSELECT a.[${a.name}ID] AS ID, a.[Name], COUNT(b.[${b.name}ID]) AS Children, SUM(b.[Amount]) AS Total\nFROM [${a.schema}].[${a.name}] AS a\nLEFT JOIN [${b.schema}].[${b.name}] AS b ON b.[ParentID] = a.[${a.name}ID]\nGROUP BY a.[${a.name}ID], a.[Name];\n`,
    });
  }
  for (let i = 0; i < count(MIX.procedures); i++) {
    const t = tableName(i % tables);
    files.push({
      file: `${t.schema}/Stored Procedures/Update${t.name}P${i}.sql`,
      text: `CREATE PROCEDURE [${t.schema}].[Update${t.name}P${i}]
@ID int,
@Name nvarchar(100),
@Amount decimal(18, 2) = NULL
WITH EXECUTE AS OWNER
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF NOT EXISTS (SELECT 1 FROM [${t.schema}].[${t.name}] WHERE [${t.name}ID] = @ID)
    BEGIN
        THROW 51000, N'No such row', 1;
        RETURN -1;
    END;

    BEGIN TRAN;
    UPDATE [${t.schema}].[${t.name}]
        SET [Name] = @Name, [Amount] = COALESCE(@Amount, [Amount]), [LastEditedWhen] = SYSUTCDATETIME()
    WHERE [${t.name}ID] = @ID;
    COMMIT;

    SELECT [${t.name}ID], [Name], [Amount] FROM [${t.schema}].[${t.name}] WHERE [${t.name}ID] = @ID;
    RETURN 0;
END;
`,
    });
  }
  for (let i = 0; i < count(MIX.functions); i++) {
    const t = tableName(i % tables);
    files.push({
      file: `${t.schema}/Functions/Calculate${i}.sql`,
      text:
        i % 2 === 0
          ? `CREATE FUNCTION [${t.schema}].[Calculate${i}](@Amount decimal(18, 2), @Rate decimal(5, 3))\nRETURNS decimal(18, 2)\nWITH SCHEMABINDING\nAS\nBEGIN\n    RETURN ROUND(@Amount * (1 + @Rate / 100), 2);\nEND;\n`
          : `CREATE FUNCTION [${t.schema}].[Calculate${i}](@ParentID int)\nRETURNS TABLE\nWITH SCHEMABINDING\nAS\nRETURN (SELECT [${t.name}ID] AS ID, [Amount] FROM [${t.schema}].[${t.name}] WHERE [ParentID] = @ParentID);\n`,
    });
  }

  // Post-deployment: sqlcmd variables, then the data scripts through :r (read where they are included).
  const dataFiles = count(MIX.data);
  const includes: string[] = [];
  for (let d = 0; d < dataFiles; d++) {
    const t = tableName(d % tables);
    const name = `pds${String(100 + d * 10)}-ins-${t.schema.toLowerCase()}-${t.name.toLowerCase()}.sql`;
    includes.push(`:r .\\${name}`);
    files.push({ file: `PostDeploymentScripts/${name}`, text: dataScript(t, d) });
  }
  files.push({
    file: "PostDeploymentScripts/Script.PostDeployment1.sql",
    text: [
      "/*\n Post-Deployment Script\n--------------------------------------------------------------------------------------\n Use SQLCMD syntax to include a file: :r .\\myfile.sql\n*/",
      ':setvar LoadDate "20200101"',
      ":setvar Region North",
      "PRINT 'Loading reference data for $(Region)'",
      "GO",
      ...includes,
      "GO",
      "EXEC [Application].[ReseedSequences];",
      "GO",
      "",
    ].join("\n"),
  });
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function tableFile(i: number, tableName: (i: number) => { schema: string; name: string }): ProjectFile {
  const { schema, name } = tableName(i);
  const parent = i > 0 ? tableName(Math.floor(i / 2)) : undefined;
  const fk =
    parent !== undefined
      ? `,\n    CONSTRAINT [FK_${schema}_${name}_Parent] FOREIGN KEY ([ParentID]) REFERENCES [${parent.schema}].[${parent.name}] ([${parent.name}ID])`
      : "";
  const lines = [
    `CREATE TABLE [${schema}].[${name}] (`,
    `    [${name}ID]      INT             NOT NULL,`,
    `    [Name]           NVARCHAR (100)  NOT NULL,`,
    `    [ParentID]       INT             NULL,`,
    `    [Amount]         DECIMAL (18, 2) CONSTRAINT [DF_${schema}_${name}_Amount] DEFAULT ((0)) NOT NULL,`,
    `    [IsActive]       BIT             DEFAULT ((1)) NOT NULL,`,
    `    [LastEditedWhen] DATETIME2 (7)   CONSTRAINT [DF_${schema}_${name}_Edited] DEFAULT (sysdatetime()) NOT NULL,`,
    `    CONSTRAINT [PK_${schema}_${name}] PRIMARY KEY CLUSTERED ([${name}ID] ASC),`,
    `    CONSTRAINT [CK_${schema}_${name}_Amount] CHECK ([Amount] >= (0))${fk}`,
    i % 13 === 0 ? `) ON [USERDATA];` : `);`,
    "",
    "",
    "GO",
    `CREATE NONCLUSTERED INDEX [IX_${schema}_${name}_Name]\n    ON [${schema}].[${name}]([Name] ASC)\n    INCLUDE([Amount]);`,
    "",
    "",
    "GO",
    `CREATE NONCLUSTERED INDEX [FK_${schema}_${name}_ParentID]\n    ON [${schema}].[${name}]([ParentID] ASC);`,
    "",
    "",
    "GO",
    `EXECUTE sp_addextendedproperty @name = N'Description', @value = N'${name} rows kept by the ${schema} team', @level0type = N'SCHEMA', @level0name = N'${schema}', @level1type = N'TABLE', @level1name = N'${name}';`,
    "",
    "",
    "GO",
    `EXECUTE sp_addextendedproperty @name = N'Description', @value = N'Numeric ID used for reference to a ${name} within the database', @level0type = N'SCHEMA', @level0name = N'${schema}', @level1type = N'TABLE', @level1name = N'${name}', @level2type = N'COLUMN', @level2name = N'${name}ID';`,
    "",
    "",
    "GO",
    `EXECUTE sp_addextendedproperty @name = N'Description', @value = N'Full name of the ${name}', @level0type = N'SCHEMA', @level0name = N'${schema}', @level1type = N'TABLE', @level1name = N'${name}', @level2type = N'COLUMN', @level2name = N'Name';`,
    "",
  ];
  return { file: `${schema}/Tables/${name}.sql`, text: lines.join("\r\n") };
}

function dataScript(t: { schema: string; name: string }, d: number): string {
  const out = [
    `PRINT 'Inserting ${t.schema}.${t.name}'`,
    "GO",
    "",
    "BEGIN TRANSACTION",
    "",
    "DECLARE @LoadDate datetime2(7) = '$(LoadDate)'",
    "",
  ];
  let id = 1;
  for (let s = 0; s < INSERTS; s++) {
    const rows: string[] = [];
    for (let r = 0; r < ROWS; r++, id++)
      rows.push(
        `  (${id}, N'${t.name} ${d}-${id} ''$(Region)''', ${id > 1 ? Math.floor(id / 2) : "NULL"}, ${(id * 7.25).toFixed(2)}, 1, @LoadDate)`,
      );
    out.push(
      `INSERT [${t.schema}].[${t.name}] ([${t.name}ID], [Name], [ParentID], [Amount], [IsActive], [LastEditedWhen])`,
      "VALUES",
      rows.join("\n, "),
      "",
    );
  }
  out.push(
    `UPDATE [${t.schema}].[${t.name}] SET [Amount] = [Amount] * 2 WHERE [ParentID] IS NULL`,
    "",
    "COMMIT",
    "GO",
    "",
  );
  return out.join("\n");
}

/** Top-level statements of a project's files, as the script reader splits them (not timed by the benchmark). */
export function countStatements(files: ProjectFile[]): number {
  const table = new TokenTable();
  let n = 0;
  for (const f of files) {
    for (const unit of scanScript(f.text)) {
      if (unit.kind !== "batch") continue;
      lexBatch(unit.text, table, { skimValues: false });
      n += splitNodes(table).length;
    }
  }
  return n;
}
