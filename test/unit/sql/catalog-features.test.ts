/**
 * Temporal tables, masked columns, row-level security, hidden/generated-always columns, sparse columns and column
 * sets, and graph tables through the SQL layer: catalog rows → model through the real mssql driver against the
 * TDS test server, and the whole way round: extract → script → deploy → read back.
 *
 * What the read-back covers: the TDS test server has no SQL engine; the DdlApplier (emulator/sql-server/ddl-applier.ts)
 * reads each deployed batch with the project's script reader and serves the result to the catalog queries,
 * creating history tables as SQL Server does and refusing the batches SQL Server would refuse for the rules the
 * deployment order depends on (versioning needs the primary key and period, a security policy its function and
 * table...). So it proves the generated DDL carries every property, in a working order, and that extraction
 * brings it back; not that SQL Server parses every clause as our reader does.
 */
import { extractCatalog, CATALOG_QUERY_COUNT } from "../../../provider/sql/catalog";
import { CATALOG_QUERIES } from "../../../provider/sql/catalog-queries";
import { deployBatches } from "../../../provider/sql/deploy";
import {
  findAnomalies,
  generateScript,
  readScriptText,
  type DatabaseModel,
  type TableDef,
} from "../../../provider/schema";
import { DdlApplier } from "../../../emulator/sql-server/ddl-applier";
import type { TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";
import { applyingTarget, expectNoProtocolErrors, startSourceAndTarget, stopServers } from "./source-and-target";

const SOURCE = `CREATE SCHEMA [Security]
GO
CREATE TABLE [dbo].[Orders_Archive] (
    [OrderID] INT NOT NULL,
    [Email] NVARCHAR (100) MASKED WITH (FUNCTION = 'email()') NOT NULL,
    [Note] NVARCHAR (50) NULL,
    [ValidFrom] DATETIME2 (7) NOT NULL,
    [ValidTo] DATETIME2 (7) NOT NULL
)
GO
CREATE CLUSTERED INDEX [ix_Orders_Archive] ON [dbo].[Orders_Archive] ([ValidTo], [ValidFrom])
GO
CREATE TABLE [dbo].[Orders] (
    [OrderID]   INT            NOT NULL,
    [Email]     NVARCHAR (100) MASKED WITH (FUNCTION = 'email()') NOT NULL,
    [Note]      NVARCHAR (50)  MASKED WITH (FUNCTION = 'partial(1, "XX", 0)') NULL,
    [ValidFrom] DATETIME2 (7)  GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    [ValidTo]   DATETIME2 (7)  GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderID] ASC),
    PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo])
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[Orders_Archive], DATA_CONSISTENCY_CHECK = ON));
GO
CREATE TABLE [dbo].[Prices] (
    [Id] INT NOT NULL CONSTRAINT [PK_Prices] PRIMARY KEY,
    [TenantId] INT NOT NULL,
    [Amount] MONEY MASKED WITH (FUNCTION = 'random(1, 100)') NULL,
    [Born] DATE MASKED WITH (FUNCTION = 'default()') NULL,
    [Color] NVARCHAR (20) SPARSE NULL,
    [Props] XML COLUMN_SET FOR ALL_SPARSE_COLUMNS,
    [SysStart] DATETIME2 GENERATED ALWAYS AS ROW START NOT NULL,
    [SysEnd] DATETIME2 GENERATED ALWAYS AS ROW END NOT NULL,
    PERIOD FOR SYSTEM_TIME ([SysStart], [SysEnd])
) WITH (SYSTEM_VERSIONING = ON (HISTORY_RETENTION_PERIOD = 6 MONTHS))
GO
CREATE TABLE [dbo].[Person] ([Id] INT NOT NULL CONSTRAINT [PK_Person] PRIMARY KEY) AS NODE
GO
CREATE TABLE [dbo].[Knows] ([Since] DATE NULL, CONSTRAINT [EC_Knows] CONNECTION ([dbo].[Person] TO [dbo].[Person]) ON DELETE CASCADE) AS EDGE
GO
CREATE FULLTEXT CATALOG [ftDocs] AS DEFAULT
GO
CREATE TABLE [dbo].[Review] ([Id] INT NOT NULL CONSTRAINT [PK_Review] PRIMARY KEY, [Comments] NVARCHAR (3850) NULL, [Doc] VARBINARY (MAX) NULL, [Ext] NCHAR (8) NULL)
GO
CREATE FULLTEXT INDEX ON [dbo].[Review] ([Comments], [Doc] TYPE COLUMN [Ext] LANGUAGE 1031) KEY INDEX [PK_Review] WITH (CHANGE_TRACKING = MANUAL, STOPLIST = OFF)
GO
CREATE XML SCHEMA COLLECTION [dbo].[DocSchema] AS N'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="doc" type="xsd:string"/></xsd:schema>'
GO
CREATE TABLE [dbo].[Doc] ([Id] INT NOT NULL CONSTRAINT [PK_Doc] PRIMARY KEY, [Body] XML NULL, [Shape] GEOMETRY NULL, [Typed] XML (DOCUMENT [dbo].[DocSchema]) NULL)
GO
CREATE PRIMARY XML INDEX [PXML_Doc_Body] ON [dbo].[Doc]([Body])
GO
CREATE XML INDEX [XMLVALUE_Doc_Body] ON [dbo].[Doc]([Body]) USING XML INDEX [PXML_Doc_Body] FOR VALUE
GO
CREATE SPATIAL INDEX [SIX_Doc_Shape] ON [dbo].[Doc]([Shape]) USING GEOMETRY_GRID
    WITH (BOUNDING_BOX = (0, 0, 500, 200.5), GRIDS = (LOW, LOW, MEDIUM, HIGH), CELLS_PER_OBJECT = 16)
GO
CREATE FUNCTION [Security].[fn_tenant](@TenantId int) RETURNS TABLE WITH SCHEMABINDING AS
RETURN SELECT 1 AS ok WHERE @TenantId = CAST(SESSION_CONTEXT(N'TenantId') AS int)
GO
CREATE SECURITY POLICY [Security].[TenantPolicy]
    ADD FILTER PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Prices],
    ADD BLOCK PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Prices] BEFORE DELETE
    WITH (STATE = ON, SCHEMABINDING = ON)
`;

function sourceModel(): DatabaseModel {
  const read = readScriptText(SOURCE, "source.sql", { databaseName: "SalesDb" });
  expect(read.warnings).toEqual([]);
  return read.model;
}

const table = (model: DatabaseModel, key: string): TableDef => {
  const found = model.tables.find((t) => t.key === key);
  if (found === undefined) throw new Error(`no table ${key} in ${model.tables.map((t) => t.key).join(", ")}`);
  return found;
};

let source: TdsTestServer;
let target: TdsTestServer;
let applier: DdlApplier;

beforeAll(async () => ({ source, target } = await startSourceAndTarget()));
afterAll(() => stopServers(source, target));
beforeEach(() => (applier = applyingTarget(target, "SalesDb")));
afterEach(() => expectNoProtocolErrors(source, target));

describe("catalog rows → model", () => {
  // Long on purpose: one extraction of one model, then one group of assertions per feature; a test per feature
  // would extract the same catalog again each time.
  it("brings back periods, versioning, retention, masks, hidden and generated-always columns, sparse columns, column sets, graph tables and security policies", async () => {
    source.setModel(sourceModel());
    const extracted = await extractCatalog(specFor(source));

    const orders = table(extracted, "[dbo].[Orders]");
    expect(orders.period).toEqual({ startColumn: "ValidFrom", endColumn: "ValidTo" });
    expect(orders.systemVersioning).toEqual({ historyTable: { schema: "dbo", name: "Orders_Archive" } });
    expect(orders.columns.map((c) => [c.name, c.mask ?? "", c.generatedAlways ?? "", c.isHidden ?? false])).toEqual([
      ["OrderID", "", "", false],
      ["Email", "email()", "", false],
      ["Note", 'partial(1, "XX", 0)', "", false],
      ["ValidFrom", "", "rowStart", true],
      ["ValidTo", "", "rowEnd", true],
    ]);

    // SQL Server named the history table the source left unnamed, and lists it as a table.
    const prices = table(extracted, "[dbo].[Prices]");
    const history = prices.systemVersioning?.historyTable;
    expect(history?.name).toMatch(/^MSSQL_TemporalHistoryFor_\d+$/);
    expect(prices.systemVersioning?.retention).toEqual({ period: 6, unit: "MONTH" });
    expect(table(extracted, `[dbo].[${history!.name}]`).columns.map((c) => c.name)).toEqual([
      "Id",
      "TenantId",
      "Amount",
      "Born",
      "Color",
      "Props",
      "SysStart",
      "SysEnd",
    ]);
    expect(
      prices.columns
        .filter((c) => c.isSparse || c.isColumnSet)
        .map((c) => [c.name, c.isSparse ?? false, c.isColumnSet ?? false]),
    ).toEqual([
      ["Color", true, false],
      ["Props", false, true],
    ]);
    expect(prices.columns.filter((c) => c.mask).map((c) => c.mask)).toEqual(["random(1, 100)", "default()"]);

    expect(extracted.tables.filter((t) => t.graphType).map((t) => [t.name, t.graphType])).toEqual([
      ["Knows", "edge"],
      ["Person", "node"],
    ]);
    expect(extracted.securityPolicies).toEqual([
      {
        kind: "securityPolicy",
        key: "[Security].[TenantPolicy]",
        schema: "Security",
        name: "TenantPolicy",
        predicates: [
          {
            type: "FILTER",
            definition: "([Security].[fn_tenant]([TenantId]))",
            table: { schema: "dbo", name: "Prices" },
          },
          {
            type: "BLOCK",
            definition: "([Security].[fn_tenant]([TenantId]))",
            table: { schema: "dbo", name: "Prices" },
            operation: "BEFORE DELETE",
          },
        ],
        isEnabled: true,
        isSchemaBound: true,
      },
    ]);
    const doc = table(extracted, "[dbo].[Doc]");
    expect(extracted.xmlSchemaCollections.map((x) => x.key)).toEqual(["[dbo].[DocSchema]"]);
    expect(doc.columns.find((c) => c.name === "Typed")?.xmlSchema).toEqual({
      collection: { schema: "dbo", name: "DocSchema" },
      document: true,
    });
    expect(
      [...doc.indexes]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((ix) => [ix.name, ix.type, ix.definition ?? "", ix.xml ?? ix.spatial]),
    ).toEqual([
      ["PXML_Doc_Body", "xml", "", { primary: true }],
      [
        "SIX_Doc_Shape",
        "spatial",
        "",
        {
          tessellation: "GEOMETRY_GRID",
          boundingBox: ["0", "0", "500", "200.5"],
          grids: ["LOW", "LOW", "MEDIUM", "HIGH"],
          cellsPerObject: 16,
        },
      ],
      ["XMLVALUE_Doc_Body", "xml", "", { primary: false, usingIndex: "PXML_Doc_Body", secondaryType: "VALUE" }],
    ]);
    expect(table(extracted, "[dbo].[Knows]").edgeConstraints).toEqual([
      {
        name: "EC_Knows",
        connections: [{ from: { schema: "dbo", name: "Person" }, to: { schema: "dbo", name: "Person" } }],
        onDelete: "CASCADE",
      },
    ]);
    // The server gives a column without LANGUAGE its default full-text language.
    expect(table(extracted, "[dbo].[Review]").fulltextIndex).toEqual({
      catalog: "ftDocs",
      keyIndex: "PK_Review",
      columns: [
        { name: "Comments", language: "1033" },
        { name: "Doc", typeColumn: "Ext", language: "1031" },
      ],
      changeTracking: "MANUAL",
      stoplist: "OFF",
    });
    // Nothing else differs from the source (the server-created history table is implied by the versioning).
    expect(findAnomalies(sourceModel(), extracted)).toMatchObject({ clean: true });
  });

  it("still sends a fixed number of queries: four more than before (security policies, full-text indexes, edge constraints, XML schema collections)", () => {
    expect(CATALOG_QUERY_COUNT).toBe(30);
    // Version-dependent catalog columns and views are read only where the server has them.
    expect(CATALOG_QUERIES.columns.sql).toContain("CASE WHEN OBJECT_ID(N'sys.masked_columns') IS NOT NULL");
    expect(CATALOG_QUERIES.tables.sql).toContain("CASE WHEN COL_LENGTH(N'sys.tables', N'temporal_type') IS NOT NULL");
    expect(CATALOG_QUERIES.securityPolicies.sql).toMatch(/EXEC sys\.sp_executesql @sql;$/);
  });
});

describe("extract → script → deploy → read back", () => {
  it("keeps temporal tables, masks and the security policy, with no anomaly", async () => {
    source.setModel(sourceModel());
    const extracted = await extractCatalog(specFor(source));
    const script = generateScript(extracted);
    expect(script.omitted).toEqual([]);
    expect(script.blockers).toEqual([]);

    const result = await deployBatches(specFor(target), script.batches);
    expect(result.failure).toBeUndefined();
    expect(result.nextBatchIndex).toBe(script.batches.length);
    expect(applier.applied).toHaveLength(script.batches.length);

    const readBack = await extractCatalog(specFor(target));
    expect(findAnomalies(script.fixedModel, readBack)).toEqual({ missing: [], extra: [], different: [], clean: true });
    expect(findAnomalies(sourceModel(), readBack)).toMatchObject({ clean: true });
    expect(
      table(readBack, "[dbo].[Orders]")
        .columns.filter((c) => c.mask)
        .map((c) => `${c.name} ${c.mask}`),
    ).toEqual(["Email email()", 'Note partial(1, "XX", 0)']);
    expect(table(readBack, "[dbo].[Orders]").systemVersioning).toEqual({
      historyTable: { schema: "dbo", name: "Orders_Archive" },
    });
    expect(readBack.securityPolicies.map((p) => p.key)).toEqual(["[Security].[TenantPolicy]"]);
  });

  it("fails where SQL Server would if versioning came before the primary key, or the policy before its function", async () => {
    const script = generateScript(sourceModel());
    const batches = [...script.batches];
    const versioning = batches.findIndex((b) => b.objectKey === "[dbo].[Orders] SYSTEM_VERSIONING");
    const primaryKey = batches.findIndex((b) => b.objectKey === "[dbo].[Orders].[PK_Orders]");
    expect(versioning).toBeGreaterThan(primaryKey);
    const [moved] = batches.splice(versioning, 1);
    batches.splice(primaryKey, 0, moved!);
    const early = await deployBatches(specFor(target), batches);
    expect(early.failure?.message).toMatch(/SYSTEM_VERSIONING.*error 13553.*must have primary key defined/);

    const other = new DdlApplier("SalesDb", (model) => target.setModel(model));
    target.use(other.handler);
    const policyFirst = [...script.batches].sort(
      (a, b) => Number(b.kind === "securityPolicy") - Number(a.kind === "securityPolicy"),
    );
    const result = await deployBatches(specFor(target), policyFirst);
    expect(result.failure?.message).toMatch(/securityPolicy \[Security\]\.\[TenantPolicy\].*error 4121/);
  });

  it("reports the anomaly when the target lost a mask or versioning", async () => {
    const script = generateScript(sourceModel());
    const withoutMask = script.batches.map((b) => ({
      ...b,
      sql: b.sql.replace(" MASKED WITH (FUNCTION = 'email()')", ""),
    }));
    const withoutVersioning = withoutMask.filter((b) => b.objectKey !== "[dbo].[Orders] SYSTEM_VERSIONING");
    expect((await deployBatches(specFor(target), withoutVersioning)).failure).toBeUndefined();
    const anomalies = findAnomalies(script.fixedModel, await extractCatalog(specFor(target)));
    expect(anomalies.different.map((d) => [d.key, d.details])).toEqual([
      ["[dbo].[Orders]", ["column Email: mask (none) → email()", "SYSTEM_VERSIONING: OFF → ON"]],
      ["[dbo].[Orders_Archive]", ["column Email: mask (none) → email()"]],
    ]);
  });
});
