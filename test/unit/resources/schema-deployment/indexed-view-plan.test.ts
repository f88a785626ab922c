/**
 * SchemaDeployment's incremental plan for indexed views. `CREATE OR ALTER VIEW` drops every index of the view, so a
 * changed indexed view is replayed and then has all its indexes created again, clustered first; an unchanged one
 * is not touched; one that only lacks an index gets just that index. Checked on the plan alone, and the whole way
 * through the local SQL Server stand-in, whose DdlApplier drops a view's indexes on CREATE OR ALTER VIEW as SQL
 * Server does.
 */
import {
  emptyModel,
  findAnomalies,
  generateScript,
  readScriptText,
  type DatabaseModel,
  type GeneratedScript,
  type ViewDef,
} from "../../../../provider/schema";
import {
  expectedModel,
  planDeployment,
  resolvePlannedBatches,
  type PlanOptions,
} from "../../../../provider/resources/schema-deployment/deployment-plan";
import { objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";
import { extractCatalog } from "../../../../provider/sql/catalog";
import { deployBatches } from "../../../../provider/sql/deploy";
import { DdlApplier } from "../../../../emulator/sql-server/ddl-applier";
import { startTdsTestServer, type TdsTestServer } from "../../../../emulator/sql-server";
import { specFor } from "../../sql/tds-connection";

const source = (
  productColumns = "p.ProductID, p.Name",
) => `CREATE TABLE dbo.Product (ProductID int NOT NULL CONSTRAINT PK_Product PRIMARY KEY, Name nvarchar(50) NOT NULL, ListPrice money NOT NULL)
GO
CREATE VIEW dbo.vProduct WITH SCHEMABINDING AS SELECT ${productColumns} FROM dbo.Product p
GO
CREATE UNIQUE CLUSTERED INDEX IX_vProduct ON dbo.vProduct (ProductID)
GO
CREATE NONCLUSTERED INDEX IX_vProduct_Name ON dbo.vProduct (Name)
GO
CREATE VIEW dbo.vPrice WITH SCHEMABINDING AS SELECT p.ProductID, p.ListPrice FROM dbo.Product p
GO
CREATE UNIQUE CLUSTERED INDEX IX_vPrice ON dbo.vPrice (ProductID)
GO`;

const scriptOf = (sql: string): GeneratedScript =>
  generateScript(readScriptText(sql, "db.sql", { databaseName: "SalesDb" }).model);
const optionsFor = (sql: string): PlanOptions => ({
  allowDataLoss: false,
  dropExtraObjects: false,
  statementsRun: {},
  currentHashes: objectHashes(readScriptText(sql, "db.sql").model),
});
const view = (model: DatabaseModel, name: string): ViewDef => model.views.find((v) => v.name === name)!;

const CHANGED = source("p.ProductID, p.Name, p.ListPrice");
let script: GeneratedScript;
let options: PlanOptions;
beforeAll(() => {
  script = scriptOf(CHANGED);
  options = optionsFor(CHANGED);
});
/** The target as the previous source left it: the same indexed views, vProduct with its old text. */
const previous = (): DatabaseModel => structuredClone(expectedModel(scriptOf(source())));
const plan = (target: DatabaseModel, extra: Partial<PlanOptions> = {}) =>
  planDeployment(script, target, { ...options, ...extra });
const ids = (target: DatabaseModel, extra: Partial<PlanOptions> = {}) => plan(target, extra).batches.map((b) => b.id);

test("a changed indexed view is replayed, then its indexes are created again, clustered first; the unchanged one is not touched", () => {
  const result = plan(previous());
  expect(result.batches.map((b) => b.id)).toEqual([
    "alter view [dbo].[vProduct]",
    "index [dbo].[vProduct].[IX_vProduct]",
    "index [dbo].[vProduct].[IX_vProduct_Name]",
  ]);
  expect(result.batches.map((b) => b.sql)).toEqual([
    "CREATE OR ALTER VIEW dbo.vProduct WITH SCHEMABINDING AS SELECT p.ProductID, p.Name, p.ListPrice FROM dbo.Product p",
    "CREATE UNIQUE CLUSTERED INDEX [IX_vProduct] ON [dbo].[vProduct] ([ProductID] ASC)",
    "CREATE NONCLUSTERED INDEX [IX_vProduct_Name] ON [dbo].[vProduct] ([Name] ASC)",
  ]);
  expect(result.heldBack).toEqual([]);
  // A failed run resumes from the recorded ids.
  expect(
    resolvePlannedBatches(
      script,
      result.batches.map((b) => b.id),
    ),
  ).toEqual(result.batches);
});

test("a target that has everything gets nothing: an unchanged indexed view is not touched", () => {
  expect(plan(structuredClone(expectedModel(script)))).toEqual({ batches: [], heldBack: [] });
});

test("a view that only lacks indexes (a run that stopped after the replay) gets just those, without a replay", () => {
  const target = structuredClone(expectedModel(script));
  delete view(target, "vProduct").indexes;
  expect(plan(target)).toEqual({
    batches: [
      expect.objectContaining({ id: "index [dbo].[vProduct].[IX_vProduct]" }),
      expect.objectContaining({ id: "index [dbo].[vProduct].[IX_vProduct_Name]" }),
    ],
    heldBack: [],
  });
  view(target, "vProduct").indexes = [structuredClone(view(expectedModel(script), "vProduct").indexes![0]!)];
  expect(plan(target)).toEqual({
    batches: [expect.objectContaining({ id: "index [dbo].[vProduct].[IX_vProduct_Name]" })],
    heldBack: [],
  });
});

test("an index that differs is rebuilt with the view; an extra one goes only with dropExtraObjects", () => {
  const differs = structuredClone(expectedModel(script));
  view(differs, "vPrice").indexes![0]!.columns[0]!.descending = true;
  expect(ids(differs)).toEqual(["alter view [dbo].[vPrice]", "index [dbo].[vPrice].[IX_vPrice]"]);

  const extra = structuredClone(expectedModel(script));
  view(extra, "vPrice").indexes!.push({
    name: "IX_vPrice_Old",
    type: "nonclustered",
    isUnique: false,
    columns: [{ name: "ListPrice", descending: false }],
    includedColumns: [],
  });
  const kept = plan(extra);
  expect(kept.batches).toEqual([]);
  expect(kept.heldBack).toEqual([
    {
      id: "view [dbo].[vPrice]",
      reason: "the view on the target has indexes the source lacks; set dropExtraObjects to drop them",
      details: ["index IX_vPrice_Old: drop"],
    },
  ]);
  expect(ids(extra, { dropExtraObjects: true })).toEqual([
    "alter view [dbo].[vPrice]",
    "index [dbo].[vPrice].[IX_vPrice]",
  ]);
});

test("a new indexed view comes with its indexes; an empty target gets the script as it is", () => {
  const target = structuredClone(expectedModel(script));
  target.views = target.views.filter((v) => v.name !== "vPrice");
  expect(ids(target)).toEqual(["view [dbo].[vPrice]", "index [dbo].[vPrice].[IX_vPrice]"]);
  expect(plan(emptyModel()).batches.map((b) => b.sql)).toEqual(script.batches.map((b) => b.sql));
});

describe("through the local SQL Server stand-in", () => {
  let server: TdsTestServer;
  beforeAll(async () => {
    server = await startTdsTestServer();
  });
  afterAll(() => server.stop());
  afterEach(() => expect(server.protocolErrors).toEqual([]));

  async function deployedPrevious(): Promise<DatabaseModel> {
    const applier = new DdlApplier("SalesDb", (model) => server.setModel(model));
    server.setModel(applier.model);
    server.use(applier.handler);
    expect((await deployBatches(specFor(server), scriptOf(source()).batches)).failure).toBeUndefined();
    return extractCatalog(specFor(server));
  }

  test("the plan for a changed indexed view leaves the target with the view's indexes and no anomaly", async () => {
    const target = await deployedPrevious();
    expect(view(target, "vProduct").indexes).toHaveLength(2);
    const batches = planDeployment(script, target, options).batches;
    expect(batches.map((b) => b.id)).toEqual([
      "alter view [dbo].[vProduct]",
      "index [dbo].[vProduct].[IX_vProduct]",
      "index [dbo].[vProduct].[IX_vProduct_Name]",
    ]);
    expect((await deployBatches(specFor(server), batches)).failure).toBeUndefined();
    const after = await extractCatalog(specFor(server));
    expect(findAnomalies(expectedModel(script), after)).toEqual({ missing: [], extra: [], different: [], clean: true });
    // Planned again, nothing is left to do.
    expect(planDeployment(script, after, options)).toEqual({ batches: [], heldBack: [] });
  });

  test("replaying the view alone would leave it without its indexes: the anomaly check says so", async () => {
    const target = await deployedPrevious();
    const alterOnly = planDeployment(script, target, options).batches.filter((b) => b.kind === "alter view");
    expect((await deployBatches(specFor(server), alterOnly)).failure).toBeUndefined();
    const after = await extractCatalog(specFor(server));
    expect(findAnomalies(expectedModel(script), after).different).toEqual([
      { kind: "view", key: "[dbo].[vProduct]", details: ["index IX_vProduct: add", "index IX_vProduct_Name: add"] },
    ]);
    expect(view(after, "vPrice").indexes).toHaveLength(1);
  });
});
