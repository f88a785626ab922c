/**
 * The deployment plan and the batches that finish a table after it exists: switching system versioning on, the
 * full-text index, edge constraints. Each runs with a new table, or when an existing target table lacks it, and
 * never again once the target has it.
 */
import {
  emptyModel,
  generateScript,
  readScriptText,
  type DatabaseModel,
  type GeneratedScript,
} from "../../../../provider/schema";
import {
  expectedModel,
  planDeployment,
  type PlanOptions,
} from "../../../../provider/resources/schema-deployment/deployment-plan";
import { dropStatement, dropRank } from "../../../../provider/resources/schema-deployment/drop-statements";
import { objectHashes } from "../../../../provider/resources/schema-deployment/object-hashes";

const SOURCE = `CREATE FULLTEXT CATALOG ft AS DEFAULT
GO
CREATE TABLE dbo.Orders (Id int NOT NULL CONSTRAINT PK_Orders PRIMARY KEY, Note nvarchar(200) NULL,
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.OrdersHistory))
GO
CREATE FULLTEXT INDEX ON dbo.Orders (Note LANGUAGE 1033) KEY INDEX PK_Orders
GO
CREATE TABLE dbo.Person (Id int NOT NULL PRIMARY KEY) AS NODE
GO
CREATE TABLE dbo.Knows (CONSTRAINT EC_Knows CONNECTION (dbo.Person TO dbo.Person)) AS EDGE`;

let script: GeneratedScript;
let options: PlanOptions;
beforeAll(() => {
  const model = readScriptText(SOURCE).model;
  script = generateScript(model);
  options = { allowDataLoss: false, dropExtraObjects: false, statementsRun: {}, currentHashes: objectHashes(model) };
});

const deployed = (): DatabaseModel => structuredClone(expectedModel(script));
const kinds = (target: DatabaseModel) =>
  planDeployment(script, target, options).batches.map((b) => `${b.kind} ${b.objectKey}`);

test("an empty target gets versioning, the full-text index and the edge constraint", () => {
  expect(kinds(emptyModel())).toEqual(
    expect.arrayContaining([
      "systemVersioning [dbo].[Orders] SYSTEM_VERSIONING",
      "fulltextIndex [dbo].[Orders] FULLTEXT INDEX",
      "constraint [dbo].[Knows].[EC_Knows]",
    ]),
  );
});

test("a complete target gets none of them again", () => {
  const target = deployed();
  // The target also lists the history table SQL Server created: implied by the versioning, not extra.
  target.tables.push({
    ...structuredClone(target.tables.find((t) => t.name === "Orders")!),
    key: "[dbo].[OrdersHistory]",
    name: "OrdersHistory",
    systemVersioning: undefined,
  });
  const plan = planDeployment(script, target, options);
  expect(plan.batches).toEqual([]);
  expect(plan.heldBack).toEqual([]);
});

test("an existing table without versioning or full-text index gets them, and nothing is held back for it", () => {
  const target = deployed();
  const orders = target.tables.find((t) => t.name === "Orders")!;
  delete orders.systemVersioning;
  delete orders.fulltextIndex;
  target.tables.find((t) => t.name === "Knows")!.edgeConstraints = [];
  const plan = planDeployment(script, target, options);
  expect(plan.batches.map((b) => `${b.kind} ${b.objectKey}`)).toEqual([
    "constraint [dbo].[Knows].[EC_Knows]",
    "systemVersioning [dbo].[Orders] SYSTEM_VERSIONING",
    "fulltextIndex [dbo].[Orders] FULLTEXT INDEX",
  ]);
  expect(plan.heldBack).toEqual([]);
});

test("a security policy is dropped before the functions and tables it binds", () => {
  expect(dropStatement("securityPolicy", "[Security].[TenantPolicy]")).toBe(
    "DROP SECURITY POLICY [Security].[TenantPolicy]",
  );
  expect(dropRank("securityPolicy")).toBeLessThan(dropRank("function"));
  expect(dropRank("securityPolicy")).toBeLessThan(dropRank("table"));
});
