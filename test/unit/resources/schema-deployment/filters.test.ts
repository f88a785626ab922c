/** include / exclude filters of SchemaDeployment: kinds, one- and two-part patterns, wildcards, brackets. */
import * as path from "path";
import { allObjects, readScripts, type DatabaseModel } from "../../../../provider/schema";
import { filterModel, parseFilterPattern } from "../../../../provider/resources/schema-deployment/filters";

const CLEAN_DB = path.join(__dirname, "../../../fixtures/clean-db");
let model: DatabaseModel;

beforeAll(async () => {
  model = (await readScripts(CLEAN_DB)).model;
  // A second schema and a database-scoped object, so patterns have something to tell apart.
  model.schemas.push({ kind: "schema", key: "[Reporting]", name: "Reporting" });
  model.views.push({
    kind: "view",
    key: "[Reporting].[Order Lines]",
    name: "Order Lines",
    schema: "Reporting",
    definition: "CREATE VIEW [Reporting].[Order Lines] AS SELECT 1 AS x",
    isSchemaBound: false,
  });
  model.roles.push({ kind: "role", key: "[ReportReaders]", name: "ReportReaders", members: [] });
});

const ids = (m: DatabaseModel) =>
  allObjects(m)
    .map((o) => `${o.kind} ${o.key}`)
    .sort();

test("no filter keeps the model as it is", () => {
  expect(filterModel(model, { include: [], exclude: [] })).toBe(model);
});

test("a two-part pattern keeps the schema's objects and the schema they need", () => {
  const kept = filterModel(model, { include: ["reporting.*"], exclude: [] });
  expect(ids(kept)).toEqual(["schema [Reporting]", "view [Reporting].[Order Lines]"]);
});

test("bracketed names with spaces and dots match as written", () => {
  expect(ids(filterModel(model, { include: ["[Reporting].[Order Lines]"], exclude: [] }))).toEqual([
    "schema [Reporting]",
    "view [Reporting].[Order Lines]",
  ]);
  expect(ids(filterModel(model, { include: ["Reporting.Order"], exclude: [] }))).toEqual([]);
});

test("kinds select every object of the kind; exclude wins over include", () => {
  const tables = filterModel(model, { include: ["table"], exclude: ["Sales.Orders"] });
  expect(ids(tables)).toEqual(["schema [Sales]", "table [Sales].[Customers]"]);
  const noViews = filterModel(model, { include: [], exclude: ["view", "ReportReaders"] });
  expect(ids(noViews)).not.toContain("view [Sales].[vCustomerTotals]");
  expect(ids(noViews)).not.toContain("role [ReportReaders]");
  expect(ids(noViews)).toContain("procedure [Sales].[usp_GetCustomerOrders]");
});

test("one-part patterns match database-scoped objects, with wildcards", () => {
  expect(ids(filterModel(model, { include: ["Report*"], exclude: [] }))).toEqual([
    "role [ReportReaders]",
    "schema [Reporting]",
  ]);
  expect(ids(filterModel(model, { include: ["*.usp_?etCustomerOrders"], exclude: [] }))).toEqual([
    "procedure [Sales].[usp_GetCustomerOrders]",
    "schema [Sales]",
  ]);
});

test("an explicitly excluded schema is not brought back by its objects", () => {
  expect(ids(filterModel(model, { include: ["Sales.Customers"], exclude: ["Sales"] }))).toEqual([
    "table [Sales].[Customers]",
  ]);
});

test("the filter does not change the model it was given", () => {
  const before = JSON.stringify(model);
  filterModel(model, { include: ["table"], exclude: [] });
  expect(JSON.stringify(model)).toBe(before);
});

test("bad patterns are explained", () => {
  expect(parseFilterPattern("")).toBe("must not be empty");
  expect(parseFilterPattern("[Sales.Orders")).toMatch(/unclosed \[/);
  expect(parseFilterPattern("db.Sales.Orders")).toMatch(/3 parts/);
  expect(parseFilterPattern("Sales..Orders")).toMatch(/empty name part/);
  expect(parseFilterPattern("Table")).toEqual({ type: "kind", kind: "table" });
});
