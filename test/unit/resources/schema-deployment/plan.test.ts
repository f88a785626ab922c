/** What SchemaDeployment sends to a target that already holds some, all or none of the schema. */
import * as path from "path";
import {
  emptyModel,
  generateScript,
  readScripts,
  type DatabaseModel,
  type GeneratedScript,
  type TableDef,
} from "../../../../provider/schema";
import {
  asCreateOrAlter,
  batchIds,
  expectedModel,
  planDeployment,
  resolvePlannedBatches,
  type PlanOptions,
} from "../../../../provider/resources/schema-deployment/deployment-plan";
import { dropStatement } from "../../../../provider/resources/schema-deployment/drop-statements";
import { keyParts } from "../../../../provider/resources/schema-deployment/key-parts";
import { objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";

const CLEAN_DB = path.join(__dirname, "../../../fixtures/clean-db");
let script: GeneratedScript;
let options: PlanOptions;

beforeAll(async () => {
  const model = (await readScripts(CLEAN_DB)).model;
  script = generateScript(model);
  options = { allowDataLoss: false, dropExtraObjects: false, statementsRun: {}, currentHashes: objectHashes(model) };
});

/** The target after a complete deployment, to take pieces away from. */
const deployed = (): DatabaseModel => structuredClone(expectedModel(script));
const orders = (m: DatabaseModel): TableDef => m.tables.find((t) => t.name === "Orders")!;
const planned = (target: DatabaseModel, extra: Partial<PlanOptions> = {}) =>
  planDeployment(script, target, { ...options, ...extra });

test("an empty target gets the whole script, in the script's dependency order", () => {
  const plan = planned(emptyModel());
  expect(plan.batches.map((b) => b.sql)).toEqual(script.batches.map((b) => b.sql));
  expect(plan.batches.map((b) => b.id)).toEqual(batchIds(script.batches));
  expect(plan.heldBack).toEqual([]);
});

test("a target that has everything gets nothing", () => {
  expect(planned(deployed())).toEqual({ batches: [], heldBack: [] });
});

test("only what is missing is sent: a view, and an index of a table that exists", () => {
  const target = deployed();
  target.views = [];
  orders(target).indexes = [];
  expect(planned(target).batches.map((b) => b.id)).toEqual([
    "index [Sales].[Orders].[IX_Orders_CustomerId]",
    "view [Sales].[vCustomerTotals]",
  ]);
});

test("a missing table comes with its constraints and indexes, in order", () => {
  const target = deployed();
  target.tables = target.tables.filter((t) => t.name !== "Orders");
  expect(planned(target).batches.map((b) => b.id)).toEqual([
    "table [Sales].[Orders]",
    "constraint [Sales].[Orders].[PK_Orders]",
    "constraint [Sales].[Orders].[CK_Orders_Total]",
    "foreignKey [Sales].[Orders].[FK_Orders_Customers]",
    "index [Sales].[Orders].[IX_Orders_CustomerId]",
  ]);
});

test("a changed procedure is replayed as CREATE OR ALTER", () => {
  const target = deployed();
  target.procedures[0]!.definition = "CREATE PROCEDURE [Sales].[usp_GetCustomerOrders] AS SELECT 1";
  const plan = planned(target);
  expect(plan.batches).toHaveLength(1);
  expect(plan.batches[0]).toMatchObject({
    id: "alter procedure [Sales].[usp_GetCustomerOrders]",
    kind: "alter procedure",
  });
  expect(plan.batches[0]!.sql).toMatch(/^CREATE OR ALTER PROCEDURE \[Sales\]\.\[usp_GetCustomerOrders\]/);
});

test("column changes are held back with what differs, never guessed", () => {
  const target = deployed();
  orders(target).columns = orders(target).columns.filter((c) => c.name !== "Total");
  const plan = planned(target);
  expect(plan.batches).toEqual([]);
  expect(plan.heldBack).toEqual([
    expect.objectContaining({
      id: "table [Sales].[Orders]",
      details: expect.arrayContaining([expect.stringMatching(/^column Total: add/)]),
    }),
  ]);
});

test("extra objects stay unless dropExtraObjects; a table is dropped only with allowDataLoss", () => {
  const target = deployed();
  target.tables.push({ ...structuredClone(orders(target)), key: "[Sales].[Old]", name: "Old" });
  target.views.push({ ...structuredClone(target.views[0]!), key: "[Sales].[vOld]", name: "vOld" });
  expect(planned(target).batches).toEqual([]);

  const dropsOn = planned(target, { dropExtraObjects: true });
  expect(dropsOn.batches.map((b) => b.sql)).toEqual(["DROP VIEW [Sales].[vOld]"]);
  expect(dropsOn.heldBack).toEqual([
    expect.objectContaining({ id: "table [Sales].[Old]", reason: expect.stringMatching(/allowDataLoss/) }),
  ]);

  const withLoss = planned(target, { dropExtraObjects: true, allowDataLoss: true });
  expect(withLoss.batches.map((b) => b.sql)).toEqual(["DROP VIEW [Sales].[vOld]", "DROP TABLE [Sales].[Old]"]);
});

test("a recorded plan is rebuilt from the script: plain, CREATE OR ALTER and DROP batches", () => {
  const target = deployed();
  target.views[0]!.definition = "CREATE VIEW [Sales].[vCustomerTotals] AS SELECT 1 AS x";
  target.tables = target.tables.filter((t) => t.name !== "Orders");
  target.sequences.push({ ...structuredClone(target.sequences[0]!), key: "[Sales].[Old]", name: "Old" });
  const plan = planned(target, { dropExtraObjects: true });
  expect(plan.batches.map((b) => b.kind)).toEqual([
    "table",
    "constraint",
    "constraint",
    "foreignKey",
    "index",
    "alter view",
    "drop sequence",
  ]);
  expect(
    resolvePlannedBatches(
      script,
      plan.batches.map((b) => b.id),
    ),
  ).toEqual(plan.batches);
  expect(resolvePlannedBatches(script, ["table [Sales].[Gone]"])).toBeUndefined();
});

test("loose statements run once, and again only when they change", () => {
  const withStatement = structuredClone(script.fixedModel);
  withStatement.statements.push({
    kind: "statement",
    key: "Seed.sql:1",
    name: "",
    firstWords: "INSERT",
    sql: "INSERT INTO [Sales].[Customers] ([Name]) VALUES (N'x')",
    unrecognized: false,
  });
  const seeded = generateScript(withStatement);
  const hashes = objectHashes(withStatement);
  const first = planDeployment(seeded, deployed(), { ...options, currentHashes: hashes });
  expect(first.batches.map((b) => b.id)).toEqual(["statement Seed.sql:1"]);
  const again = planDeployment(seeded, deployed(), {
    ...options,
    currentHashes: hashes,
    statementsRun: { "statement Seed.sql:1": hashes["statement Seed.sql:1"]! },
  });
  expect(again.batches).toEqual([]);
  const changed = planDeployment(seeded, deployed(), {
    ...options,
    currentHashes: hashes,
    statementsRun: { "statement Seed.sql:1": "0000" },
  });
  expect(changed.batches.map((b) => b.id)).toEqual(["statement Seed.sql:1"]);
});

test("CREATE OR ALTER keeps leading comments and leaves other text alone", () => {
  expect(asCreateOrAlter("-- note\n/* x */ create view v as select 1")).toBe(
    "-- note\n/* x */ CREATE OR ALTER view v as select 1",
  );
  expect(asCreateOrAlter("CREATE OR ALTER PROC p AS SELECT 1")).toBe("CREATE OR ALTER PROC p AS SELECT 1");
  expect(asCreateOrAlter("ALTER VIEW v AS SELECT 1")).toBeUndefined();
  expect(asCreateOrAlter("CREATE VIEWS")).toBeUndefined();
});

test("DROP statements quote every name and refuse what they cannot drop safely", () => {
  expect(keyParts("[Sa]]les].[Order Lines].[PK]")).toEqual(["Sa]les", "Order Lines", "PK"]);
  expect(dropStatement("table", "[Sa]]les].[x]")).toBe("DROP TABLE [Sa]]les].[x]");
  expect(dropStatement("trigger", "[ddl_audit]")).toBe("DROP TRIGGER [ddl_audit] ON DATABASE");
  expect(dropStatement("procedure", "[dbo].[p];2")).toBeUndefined();
  expect(dropStatement("permission", "GRANT SELECT ON [dbo].[t] TO [r]")).toBeUndefined();
});

test("repeated batch kinds and keys get distinct ids", () => {
  expect(
    batchIds([
      { kind: "databaseOptions", objectKey: "DATABASE" },
      { kind: "databaseOptions", objectKey: "DATABASE" },
      { kind: "schema", objectKey: "[a]" },
    ]),
  ).toEqual(["databaseOptions DATABASE", "databaseOptions DATABASE #2", "schema [a]"]);
});
