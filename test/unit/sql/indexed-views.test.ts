/**
 * Indexed views through the SQL layer: catalog rows → model through the real mssql driver against the local SQL
 * Server stand-in (its catalog answers come from a model, its DdlApplier applies the DDL a deployment sends), and the
 * whole way round: extract → script → deploy → read back. The stand-in refuses what SQL Server refuses of an index on
 * a view, and `CREATE OR ALTER VIEW` drops the view's indexes there as it does on SQL Server.
 */
import { extractCatalog, CATALOG_QUERY_COUNT } from "../../../provider/sql/catalog";
import { CATALOG_QUERIES } from "../../../provider/sql/catalog-queries";
import { deployBatches } from "../../../provider/sql/deploy";
import {
  findAnomalies,
  generateScript,
  readScriptText,
  type DatabaseModel,
  type ViewDef,
} from "../../../provider/schema";
import { DdlApplier } from "../../../emulator/sql-server/ddl-applier";
import type { TdsTestServer } from "../../../emulator/sql-server";
import { specFor } from "./tds-connection";
import { applyingTarget, expectNoProtocolErrors, startSourceAndTarget, stopServers } from "./source-and-target";

const TABLES = `CREATE SCHEMA [Production]
GO
CREATE TABLE [Production].[Product] ([ProductID] INT NOT NULL CONSTRAINT [PK_Product] PRIMARY KEY, [Name] NVARCHAR (50) NOT NULL, [ModelID] INT NOT NULL)
GO
CREATE TABLE [Production].[Model] ([ModelID] INT NOT NULL CONSTRAINT [PK_Model] PRIMARY KEY, [Name] NVARCHAR (50) NOT NULL)
GO
`;
const VIEW = `CREATE VIEW [Production].[vProductModel]
WITH SCHEMABINDING
AS
SELECT p.[ProductID], p.[Name], m.[Name] AS [ModelName] FROM [Production].[Product] p INNER JOIN [Production].[Model] m ON p.[ModelID] = m.[ModelID]`;
const SOURCE = `${TABLES}${VIEW}
GO
CREATE UNIQUE CLUSTERED INDEX [IX_vProductModel] ON [Production].[vProductModel] ([ProductID])
GO
CREATE NONCLUSTERED INDEX [IX_vProductModel_Name] ON [Production].[vProductModel] ([Name] DESC) INCLUDE ([ModelName])
GO
CREATE VIEW [Production].[vPlain] AS SELECT [Name] FROM [Production].[Model]
`;

function sourceModel(): DatabaseModel {
  const read = readScriptText(SOURCE, "source.sql", { databaseName: "SalesDb" });
  expect(read.warnings).toEqual([]);
  return read.model;
}
const view = (model: DatabaseModel, name: string): ViewDef => model.views.find((v) => v.name === name)!;

let source: TdsTestServer;
let target: TdsTestServer;
let applier: DdlApplier;

beforeAll(async () => ({ source, target } = await startSourceAndTarget()));
afterAll(() => stopServers(source, target));
beforeEach(() => (applier = applyingTarget(target, "SalesDb")));
afterEach(() => expectNoProtocolErrors(source, target));

describe("catalog rows → model", () => {
  it("brings back an indexed view's indexes, from sys.indexes as a table's, and no indexes for a plain view", async () => {
    source.setModel(sourceModel());
    const extracted = await extractCatalog(specFor(source));
    expect(view(extracted, "vProductModel")).toEqual({
      kind: "view",
      key: "[Production].[vProductModel]",
      schema: "Production",
      name: "vProductModel",
      definition: VIEW,
      isSchemaBound: true,
      indexes: [
        {
          name: "IX_vProductModel",
          type: "clustered",
          isUnique: true,
          columns: [{ name: "ProductID", descending: false }],
          includedColumns: [],
        },
        {
          name: "IX_vProductModel_Name",
          type: "nonclustered",
          isUnique: false,
          columns: [{ name: "Name", descending: true }],
          includedColumns: ["ModelName"],
        },
      ],
    });
    expect(view(extracted, "vPlain")).not.toHaveProperty("indexes");
    // The tables keep their own indexes: none of the view's came to them.
    expect(extracted.tables.flatMap((t) => t.indexes)).toEqual([]);
    expect(findAnomalies(sourceModel(), extracted)).toMatchObject({ clean: true });
  });

  it("reads them within the existing queries: the views query gives object_id, the indexes query takes views too", () => {
    expect(CATALOG_QUERY_COUNT).toBe(30);
    expect(CATALOG_QUERIES.views.columns).toHaveProperty("object_id", "int");
    expect(CATALOG_QUERIES.views.sql).toMatch(/SELECT v\.object_id,/);
    expect(CATALOG_QUERIES.indexes.sql).toContain(
      "OR i.object_id IN (SELECT v.object_id FROM sys.views AS v WHERE v.is_ms_shipped = 0)",
    );
  });
});

describe("extract → script → deploy → read back", () => {
  it("creates the view, then its unique clustered index, then the nonclustered one, with no anomaly", async () => {
    source.setModel(sourceModel());
    const script = generateScript(await extractCatalog(specFor(source)));
    expect(script.omitted).toEqual([]);
    const result = await deployBatches(specFor(target), script.batches);
    expect(result.failure).toBeUndefined();
    expect(applier.applied).toHaveLength(script.batches.length);
    const readBack = await extractCatalog(specFor(target));
    expect(findAnomalies(script.fixedModel, readBack)).toEqual({ missing: [], extra: [], different: [], clean: true });
    expect(view(readBack, "vProductModel").indexes?.map((ix) => ix.name)).toEqual([
      "IX_vProductModel",
      "IX_vProductModel_Name",
    ]);
  });

  it("fails where SQL Server would: an index before its view, a nonclustered index first, a view without SCHEMABINDING", async () => {
    const script = generateScript(sourceModel());
    const at = (key: string) => script.batches.findIndex((b) => b.objectKey === key);
    const viewAt = at("[Production].[vProductModel]");
    const clusteredAt = at("[Production].[vProductModel].[IX_vProductModel]");
    const nonclusteredAt = at("[Production].[vProductModel].[IX_vProductModel_Name]");
    expect([clusteredAt, nonclusteredAt]).toEqual([viewAt + 1, viewAt + 2]);

    const indexFirst = [...script.batches];
    indexFirst.splice(viewAt, 0, indexFirst.splice(clusteredAt, 1)[0]!);
    expect((await deployBatches(specFor(target), indexFirst)).failure?.message).toMatch(
      /index \[Production\]\.\[vProductModel\]\.\[IX_vProductModel\]\) failed with error 1088/,
    );

    const fresh = () => {
      const other = new DdlApplier("SalesDb", (model) => target.setModel(model));
      target.setModel(other.model);
      target.use(other.handler);
    };
    fresh();
    const nonclusteredFirst = [...script.batches];
    nonclusteredFirst.splice(clusteredAt, 0, nonclusteredFirst.splice(nonclusteredAt, 1)[0]!);
    expect((await deployBatches(specFor(target), nonclusteredFirst)).failure?.message).toMatch(
      /IX_vProductModel_Name\]\) failed with error 1940.*does not have a unique clustered index/,
    );

    fresh();
    const unbound = script.batches.map((b) =>
      b.kind === "view" ? { ...b, sql: b.sql.replace("WITH SCHEMABINDING", "") } : b,
    );
    expect((await deployBatches(specFor(target), unbound)).failure?.message).toMatch(
      /IX_vProductModel\]\) failed with error 1939.*not schema bound/,
    );

    fresh();
    const notUnique = script.batches.map((b) => ({
      ...b,
      sql: b.sql.replace("CREATE UNIQUE CLUSTERED", "CREATE CLUSTERED"),
    }));
    expect((await deployBatches(specFor(target), notUnique)).failure?.message).toMatch(
      /error 1941.*nonunique clustered index/,
    );
  });

  it("CREATE OR ALTER VIEW drops the view’s indexes on the stand-in, as on SQL Server; creating them again restores them", async () => {
    const script = generateScript(sourceModel());
    expect((await deployBatches(specFor(target), script.batches)).failure).toBeUndefined();
    const changed = `CREATE OR ALTER VIEW [Production].[vProductModel]\nWITH SCHEMABINDING\nAS\nSELECT p.[ProductID], p.[Name], m.[Name] AS [ModelName], m.[ModelID] FROM [Production].[Product] p INNER JOIN [Production].[Model] m ON p.[ModelID] = m.[ModelID]`;
    expect(
      (
        await deployBatches(specFor(target), [
          { objectKey: "[Production].[vProductModel]", kind: "alter view", sql: changed },
        ])
      ).failure,
    ).toBeUndefined();
    let readBack = await extractCatalog(specFor(target));
    expect(view(readBack, "vProductModel")).not.toHaveProperty("indexes");
    expect(view(readBack, "vProductModel").definition).toBe(changed);
    expect(findAnomalies(script.fixedModel, readBack).different).toEqual([
      {
        kind: "view",
        key: "[Production].[vProductModel]",
        details: ["definition differs", "index IX_vProductModel: add", "index IX_vProductModel_Name: add"],
      },
    ]);

    const indexes = script.batches.filter((b) => b.kind === "index");
    expect((await deployBatches(specFor(target), indexes)).failure).toBeUndefined();
    readBack = await extractCatalog(specFor(target));
    expect(view(readBack, "vProductModel").indexes?.map((ix) => ix.name)).toEqual([
      "IX_vProductModel",
      "IX_vProductModel_Name",
    ]);

    // ALTER of a view that does not exist is refused, as SQL Server does.
    const missing = await deployBatches(specFor(target), [
      {
        objectKey: "[Production].[vNone]",
        kind: "alter view",
        sql: "ALTER VIEW [Production].[vNone] AS SELECT 1 AS x",
      },
    ]);
    expect(missing.failure?.message).toMatch(/error 208.*Invalid object name '\[Production\]\.\[vNone\]'/);
  });
});
