/**
 * Nothing leaves the generated script without saying so: every object of the source is written, or listed in
 * `omitted` (or `blockers`) with its reason — objects a fix removes, objects no phase writes, objects with no text,
 * what a blocked object takes down with it, and only that.
 */
import * as path from "node:path";
import { allObjects, emptyModel, type DatabaseModel } from "../../../provider/schema/model";
import { findReferences } from "../../../provider/schema/references";
import { readScripts, readScriptText } from "../../../provider/schema/script-reader";
import { generateScript, type GeneratedScript } from "../../../provider/schema/script-generator";

const BUILT_IN = new Set([
  "schema [dbo]",
  "schema [sys]",
  "schema [guest]",
  "schema [INFORMATION_SCHEMA]",
  "user [dbo]",
  "user [guest]",
  "role [public]",
]);

/** Objects of the model that the script neither writes nor lists as left out. */
function unaccounted(model: DatabaseModel, script: GeneratedScript): string[] {
  const written = new Set(script.batches.map((b) => `${b.kind} ${b.objectKey}`));
  const listed = new Set(script.omitted.map((o) => `${o.objectKind} ${o.objectKey}`));
  return allObjects(model)
    .map((o) => `${o.kind} ${o.key}`)
    .filter((id) => !written.has(id) && !listed.has(id) && !BUILT_IN.has(id));
}

function reasonOf(script: GeneratedScript, kind: string, key: string): string | undefined {
  return script.omitted.find((o) => o.objectKind === kind && o.objectKey === key)?.reason;
}

describe("generateScript: nothing is left out silently", () => {
  it("lists objects that a fix removes, with the fix", () => {
    const { model } = readScriptText(
      [
        "USE [Shop]",
        "GO",
        "CREATE LOGIN [WebApp] WITH PASSWORD = 'x'",
        "GO",
        "ALTER DATABASE CURRENT ADD FILEGROUP Archive",
        "GO",
        "CREATE TABLE dbo.T (Id int NOT NULL) ON Archive",
      ].join("\n"),
      "s.sql",
      { databaseName: "Shop" },
    );
    const script = generateScript(model);
    expect(reasonOf(script, "statement", "s.sql:1")).toMatch(/^AZSQL010 fix: USE statements removed/);
    expect(reasonOf(script, "serverObject", "LOGIN [WebApp]")).toMatch(/^AZSQL012 fix: Server-level objects/);
    expect(reasonOf(script, "filegroup", "[Archive]")).toMatch(
      /^AZSQL017 fix: Placement on non-PRIMARY filegroups removed/,
    );
    expect(unaccounted(model, script)).toEqual([]);
    expect(script.batches.map((b) => b.objectKey)).toContain("[dbo].[T]");
  });

  it("lists objects that no phase writes, and objects without a definition", () => {
    const model = emptyModel("Shop");
    model.filegroups.push({
      kind: "filegroup",
      key: "[Mem]",
      name: "Mem",
      type: "memoryOptimized",
    } as DatabaseModel["filegroups"][number]);
    model.queues.push({ kind: "queue", key: "[dbo].[Q]", schema: "dbo", name: "Q" } as DatabaseModel["queues"][number]);
    const script = generateScript(model, { includeBlocked: true });
    expect(reasonOf(script, "filegroup", "[Mem]")).toMatch(/MEMORY_OPTIMIZED_DATA filegroup/);
    expect(reasonOf(script, "queue", "[dbo].[Q]")).toBe("no definition to script (the source gave no text for it)");
    expect(unaccounted(model, script)).toEqual([]);
  });

  it("takes down only the blocked object, not another kind of object with the same name", () => {
    const { model } = readScriptText(
      [
        "CREATE USER [CORP\\Reports] FOR LOGIN [CORP\\Reports]",
        "GO",
        "CREATE SCHEMA [CORP\\Reports] AUTHORIZATION dbo",
      ].join("\n"),
      "s.sql",
      { databaseName: "Shop" },
    );
    const script = generateScript(model);
    expect(script.omitted.map((o) => `${o.objectKind} ${o.objectKey}`)).toEqual(["user [CORP\\Reports]"]);
    expect(script.batches.map((b) => `${b.kind} ${b.objectKey}`)).toContain("schema [CORP\\Reports]");
  });

  it("says so when a schema's owner is left out, and keeps the schema", () => {
    const { model } = readScriptText(
      ["CREATE USER [CORP\\Ann] FOR LOGIN [CORP\\Ann]", "GO", "CREATE SCHEMA Reports AUTHORIZATION [CORP\\Ann]"].join(
        "\n",
      ),
      "s.sql",
      { databaseName: "Shop" },
    );
    const script = generateScript(model);
    expect(script.batches.map((b) => `${b.kind} ${b.objectKey}`)).toContain("schema [Reports]");
    expect(reasonOf(script, "schemaOwner", "[Reports] OWNER")).toBe("its owner [CORP\\Ann] is left out");
  });

  it("keeps the objects that used to carry false cross-database blockers, and leaves out the real ones", () => {
    const { model } = readScriptText(
      [
        "CREATE TABLE Sales.Orders (OrderID int NOT NULL, LastEditedWhen datetime2 NULL, DeliveryLocation geography NULL)",
        "GO",
        "CREATE TRIGGER Sales.TR_Orders ON Sales.Orders AFTER UPDATE AS UPDATE Sales.Orders SET LastEditedWhen = SYSDATETIME() FROM Sales.Orders INNER JOIN inserted i ON Sales.Orders.OrderID = i.OrderID",
        "GO",
        "CREATE VIEW Sales.OrderPoints AS SELECT o.OrderID, o.DeliveryLocation.Lat AS Lat FROM Sales.Orders AS o",
        "GO",
        "CREATE VIEW Sales.RemoteOrders AS SELECT * FROM Crm.dbo.Orders",
      ].join("\n"),
      "s.sql",
      { databaseName: "Shop" },
    );
    const script = generateScript(model);
    expect(script.blockers.map((b) => `${b.objectKey} ${b.message} ${b.omitted}`)).toEqual([
      "[Sales].[RemoteOrders] references Crm.dbo.Orders in database Crm true",
    ]);
    expect(script.omitted.map((o) => o.objectKey)).toEqual(["[Sales].[RemoteOrders]"]);
    expect(script.batches.map((b) => b.objectKey)).toEqual(
      expect.arrayContaining(["[Sales].[TR_Orders]", "[Sales].[OrderPoints]"]),
    );
  });

  it("accounts for every object of the sample database", async () => {
    const read = await readScripts(path.join(__dirname, "../../fixtures/sample-db"), { databaseName: "SampleDb" });
    expect(unaccounted(read.model, generateScript(read.model))).toEqual([]);
  });
});

describe("findReferences: bound names only", () => {
  const scope = {
    known: new Set(["[dbo].[Orders]", "[Sales].[Orders]", "[Sales].[vTotals]", "[dbo].[fn_Tax]"]),
    databaseName: "Shop",
  };

  it("does not take a CTE or an alias named like a table for the table", () => {
    expect(
      findReferences("CREATE VIEW dbo.V AS WITH Orders AS (SELECT 1 AS x) SELECT x FROM Orders", "dbo", scope),
    ).toEqual([]);
    expect(findReferences("CREATE VIEW dbo.V AS SELECT Orders.x FROM (SELECT 1 AS x) AS Orders", "dbo", scope)).toEqual(
      [],
    );
  });

  it("finds tables, views and functions, whatever alias or column syntax reads them", () => {
    expect(
      findReferences(
        "CREATE VIEW dbo.V AS SELECT o.OrderID, dbo.fn_Tax(o.Total) FROM Sales.Orders AS o JOIN Sales.vTotals t ON t.Id = o.OrderID",
        "dbo",
        scope,
      ),
    ).toEqual(["[Sales].[Orders]", "[Sales].[vTotals]", "[dbo].[fn_Tax]"].sort());
    expect(
      findReferences("CREATE VIEW dbo.V AS SELECT Orders.Id FROM Orders, Shop.Sales.vTotals", "dbo", scope),
    ).toEqual(["[Sales].[vTotals]", "[dbo].[Orders]"].sort());
    // another database's table of the same name is not this one
    expect(findReferences("CREATE VIEW dbo.V AS SELECT * FROM Crm.Sales.Orders", "dbo", scope)).toEqual([]);
  });
});
