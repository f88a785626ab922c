/**
 * Features Azure SQL Database supports that the schema step keeps end to end: system-versioned temporal tables,
 * dynamic data masking, row-level security policies, hidden and generated-always columns, sparse columns and
 * column sets, graph tables — read from scripts, generated, compared. (Catalog extraction and the deployment
 * read-back are in test/unit/sql/catalog-features.test.ts.)
 */
import { compareSchemas, findAnomalies } from "../../../provider/schema/compare";
import { topologicalSort } from "../../../provider/schema/generator/topo-sort";
import { emptyModel, type DatabaseModel, type TableDef } from "../../../provider/schema/model";
import { generateScript } from "../../../provider/schema/script-generator";
import { readScriptText } from "../../../provider/schema/script-reader";
import { parseSnapshot, serializeSnapshot } from "../../../provider/schema/snapshot";

const TEMPORAL = `CREATE TABLE [Sales].[Orders_Archive] (
    [OrderID] INT NOT NULL,
    [Note] NVARCHAR (50) MASKED WITH (FUNCTION = 'partial(1, "XX", 0)') NULL,
    [ValidFrom] DATETIME2 (7) NOT NULL,
    [ValidTo] DATETIME2 (7) NOT NULL
)
GO
CREATE TABLE [Sales].[Orders] (
    [OrderID]   INT            NOT NULL,
    [Email]     NVARCHAR (100) MASKED WITH (FUNCTION = 'email()') NOT NULL,
    [Note]      NVARCHAR (50)  MASKED WITH (FUNCTION = 'partial(1, "XX", 0)') NULL,
    [ValidFrom] DATETIME2 (7)  GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    [ValidTo]   DATETIME2 (7)  GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderID] ASC),
    PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo])
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE=[Sales].[Orders_Archive], DATA_CONSISTENCY_CHECK=ON));
GO
CREATE TABLE dbo.Prices (
    Id int NOT NULL PRIMARY KEY,
    Amount money MASKED WITH (FUNCTION = 'random(1, 100)') NULL,
    Born date MASKED WITH (FUNCTION = 'default()') NULL,
    SysStart datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
    SysEnd datetime2 GENERATED ALWAYS AS ROW END NOT NULL,
    PERIOD FOR SYSTEM_TIME (SysStart, SysEnd)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_RETENTION_PERIOD = 6 MONTHS))`;

const SECURITY = `CREATE SCHEMA [Security]
GO
CREATE TABLE dbo.Customers (CustomerId int NOT NULL PRIMARY KEY, TenantId int NOT NULL)
GO
CREATE FUNCTION [Security].[fn_tenant](@TenantId int) RETURNS TABLE WITH SCHEMABINDING AS
RETURN SELECT 1 AS ok WHERE @TenantId = CAST(SESSION_CONTEXT(N'TenantId') AS int)
GO
CREATE SECURITY POLICY [Security].[TenantPolicy]
    ADD FILTER PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Customers],
    ADD BLOCK PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Customers] AFTER INSERT
    WITH (STATE = ON);`;

const model = (sql: string): DatabaseModel => {
  const read = readScriptText(sql, "t.sql");
  expect(read.warnings).toEqual([]);
  return read.model;
};
const tableOf = (m: DatabaseModel, key: string): TableDef => m.tables.find((t) => t.key === key)!;

describe("reading temporal tables and masked columns", () => {
  const m = model(TEMPORAL);

  it("reads the period, the versioning with its history table, and hidden generated-always columns", () => {
    const orders = tableOf(m, "[Sales].[Orders]");
    expect(orders.period).toEqual({ startColumn: "ValidFrom", endColumn: "ValidTo" });
    expect(orders.systemVersioning).toEqual({ historyTable: { schema: "Sales", name: "Orders_Archive" } });
    expect(orders.columns.find((c) => c.name === "ValidFrom")).toMatchObject({
      generatedAlways: "rowStart",
      isHidden: true,
      isNullable: false,
    });
    expect(orders.columns.find((c) => c.name === "ValidTo")).toMatchObject({
      generatedAlways: "rowEnd",
      isHidden: true,
    });
    expect(tableOf(m, "[dbo].[Prices]").systemVersioning).toEqual({ retention: { period: 6, unit: "MONTH" } });
  });

  it("reads every masking function as the catalog keeps it", () => {
    const masks = [...m.tables].flatMap((t) =>
      t.columns.filter((c) => c.mask !== undefined).map((c) => `${t.name}.${c.name} ${c.mask}`),
    );
    expect(masks).toEqual([
      'Orders_Archive.Note partial(1, "XX", 0)',
      "Orders.Email email()",
      'Orders.Note partial(1, "XX", 0)',
      "Prices.Amount random(1, 100)",
      "Prices.Born default()",
    ]);
  });

  it("reads ALTER TABLE forms that turn versioning and masks on and off", () => {
    const altered = model(`${TEMPORAL}
GO
ALTER TABLE dbo.Prices SET (SYSTEM_VERSIONING = OFF)
GO
ALTER TABLE [Sales].[Orders] ALTER COLUMN [Email] DROP MASKED
GO
ALTER TABLE [Sales].[Orders] ALTER COLUMN [Note] ADD MASKED WITH (FUNCTION = 'default()')`);
    expect(tableOf(altered, "[dbo].[Prices]").systemVersioning).toBeUndefined();
    expect(tableOf(altered, "[Sales].[Orders]").columns.map((c) => c.mask)).toEqual([
      undefined,
      undefined,
      "default()",
      undefined,
      undefined,
    ]);
  });

  it("no longer warns that anything is not modelled", () => {
    expect(readScriptText(TEMPORAL).warnings).toEqual([]);
  });
});

describe("types written with spaces or comments before their size", () => {
  it("reads them the same in tables, table types, alias types and partition functions", () => {
    const m =
      model(`CREATE TABLE [dbo].[T] ([a] [nvarchar] (20) NOT NULL, b decimal ( 18 , 2 ), c varchar (MAX), d nvarchar /* size */ ( 10 ), e datetime2 -- x
(3))
GO
CREATE TYPE dbo.TT AS TABLE (x [varchar] (MAX), y numeric ( 10 , 4 ))
GO
CREATE TYPE dbo.Code FROM [nchar] ( 5 ) NOT NULL
GO
CREATE PARTITION FUNCTION pf ([decimal] /* p */ ( 18 , 2 )) AS RANGE RIGHT FOR VALUES (1, 2)`);
    expect(m.tables[0]!.columns.map((c) => [c.name, c.typeName, c.maxLength, c.precision, c.scale])).toEqual([
      ["a", "nvarchar", 40, 0, 0],
      ["b", "decimal", 9, 18, 2],
      ["c", "varchar", -1, 0, 0],
      ["d", "nvarchar", 20, 0, 0],
      ["e", "datetime2", 7, 23, 3],
    ]);
    const tt = m.types.find((t) => t.name === "TT");
    expect(tt?.kind === "tableType" && tt.columns.map((c) => [c.typeName, c.maxLength, c.precision, c.scale])).toEqual([
      ["varchar", -1, 0, 0],
      ["numeric", 9, 10, 4],
    ]);
    expect(m.types.find((t) => t.name === "Code")).toMatchObject({
      baseType: "nchar",
      maxLength: 10,
      isNullable: false,
    });
    expect(m.partitionFunctions[0]!.parameterType).toBe("decimal(18,2)");
    expect(generateScript(m).omitted).toEqual([]);
  });
});

describe("generating temporal tables and masked columns", () => {
  const script = generateScript(model(TEMPORAL));
  const sqls = script.batches.map((b) => b.sql);
  const at = (text: string) => sqls.findIndex((s) => s.includes(text));

  it("declares the period columns, HIDDEN and the masks in CREATE TABLE", () => {
    const create = sqls.find((s) => s.startsWith("CREATE TABLE [Sales].[Orders]\n"))!;
    expect(create).toContain("[Email] [nvarchar](100) MASKED WITH (FUNCTION = 'email()') NOT NULL");
    expect(create).toContain(`[Note] [nvarchar](50) MASKED WITH (FUNCTION = 'partial(1, "XX", 0)') NULL`);
    expect(create).toContain("[ValidFrom] [datetime2](7) GENERATED ALWAYS AS ROW START HIDDEN NOT NULL");
    expect(create).toContain("[ValidTo] [datetime2](7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL");
    expect(create).toContain("PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo])");
    expect(create).not.toContain("SYSTEM_VERSIONING");
  });

  it("switches versioning on after the primary key and the history table with its indexes exist", () => {
    const on = at(
      "ALTER TABLE [Sales].[Orders] SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [Sales].[Orders_Archive]))",
    );
    expect(on).toBeGreaterThan(at("ADD CONSTRAINT [PK_Orders] PRIMARY KEY"));
    expect(on).toBeGreaterThan(at("CREATE TABLE [Sales].[Orders_Archive]"));
    expect(script.batches[on]!.kind).toBe("systemVersioning");
    // Without a history table name SQL Server creates one, as the source let it.
    expect(sqls).toContain(
      "ALTER TABLE [dbo].[Prices] SET (SYSTEM_VERSIONING = ON (HISTORY_RETENTION_PERIOD = 6 MONTHS))",
    );
    expect(at("SET (SYSTEM_VERSIONING = ON (HISTORY_RETENTION")).toBeGreaterThan(
      at("ALTER TABLE [dbo].[Prices] ADD PRIMARY KEY"),
    );
  });

  it("reads back what it generated as the same model (source → script → read back)", () => {
    const back = readScriptText(script.script, "generated.sql");
    expect(back.warnings).toEqual([]);
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
  });

  it("leaves the versioning out with its history table, and refuses a masking function that is not one", () => {
    const m = model(TEMPORAL);
    tableOf(m, "[Sales].[Orders_Archive]").columns[1]!.mask = "default()') ; DROP TABLE x; --";
    const result = generateScript(m);
    expect(result.omitted.map((o) => [o.objectKind, o.objectKey])).toEqual([
      ["systemVersioning", "[Sales].[Orders] SYSTEM_VERSIONING"],
      ["table", "[Sales].[Orders_Archive]"],
    ]);
    expect(result.omitted[0]!.reason).toBe("its history table [Sales].[Orders_Archive] is left out");
    expect(result.script).not.toContain("DROP TABLE x");
  });
});

describe("row-level security policies", () => {
  const m = model(SECURITY);

  it("reads the policy as an object of its own, with its predicates", () => {
    expect(m.securityPolicies).toEqual([
      {
        kind: "securityPolicy",
        key: "[Security].[TenantPolicy]",
        schema: "Security",
        name: "TenantPolicy",
        source: { file: "t.sql", line: 8 },
        predicates: [
          {
            type: "FILTER",
            definition: "([Security].[fn_tenant]([TenantId]))",
            table: { schema: "dbo", name: "Customers" },
          },
          {
            type: "BLOCK",
            definition: "([Security].[fn_tenant]([TenantId]))",
            table: { schema: "dbo", name: "Customers" },
            operation: "AFTER INSERT",
          },
        ],
        isEnabled: true,
        isSchemaBound: true,
      },
    ]);
  });

  it("creates it after its predicate function and table, and reads it back", () => {
    const script = generateScript(m);
    const kinds = script.batches.map((b) => `${b.kind} ${b.objectKey}`);
    const policy = kinds.indexOf("securityPolicy [Security].[TenantPolicy]");
    expect(policy).toBeGreaterThan(kinds.indexOf("function [Security].[fn_tenant]"));
    expect(policy).toBeGreaterThan(kinds.indexOf("table [dbo].[Customers]"));
    expect(script.batches[policy]!.sql).toBe(`CREATE SECURITY POLICY [Security].[TenantPolicy]
    ADD FILTER PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Customers],
    ADD BLOCK PREDICATE [Security].[fn_tenant]([TenantId]) ON [dbo].[Customers] AFTER INSERT
    WITH (STATE = ON, SCHEMABINDING = ON)`);
    const back = readScriptText(script.script, "generated.sql");
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
  });

  it("leaves the policy out with its table, and refuses a predicate that is not a function call", () => {
    const broken = model(SECURITY);
    broken.tables[0]!.columns[0]!.default = { definition: "(1)" };
    broken.securityPolicies[0]!.predicates[1]!.definition =
      "([Security].[fn_tenant]([TenantId])) ON dbo.x; DROP TABLE y; --";
    const result = generateScript(broken);
    expect(result.omitted.map((o) => o.objectKey)).toEqual(["[Security].[TenantPolicy]"]);
    expect(result.script).not.toContain("DROP TABLE y");
  });
});

describe("compare and the anomaly check see the new properties", () => {
  it("reports versioning, retention, history table, period, masks, hidden and sparse differences", () => {
    const source = model(TEMPORAL);
    const target = model(
      TEMPORAL.replace(
        "WITH (SYSTEM_VERSIONING = ON (HISTORY_RETENTION_PERIOD = 6 MONTHS))",
        "WITH (SYSTEM_VERSIONING = ON (HISTORY_RETENTION_PERIOD = 1 YEAR))",
      )
        .replace("MASKED WITH (FUNCTION = 'email()') ", "")
        .replace("ROW START HIDDEN", "ROW START")
        .replace("Amount money MASKED WITH (FUNCTION = 'random(1, 100)') NULL", "Amount money SPARSE NULL"),
    );
    const cmp = compareSchemas(source, target);
    expect(cmp.changes.map((c) => [c.kind, c.key, c.details])).toEqual([
      ["table", "[Sales].[Orders]", ["column Email: mask (none) → email()", "column ValidFrom: HIDDEN"]],
      [
        "table",
        "[dbo].[Prices]",
        [
          "column Amount: mask (none) → random(1, 100)",
          "column Amount: not SPARSE",
          "SYSTEM_VERSIONING: history retention 1 YEAR → 6 MONTH",
        ],
      ],
    ]);
    const unversioned = model(
      TEMPORAL.replace(
        "WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE=[Sales].[Orders_Archive], DATA_CONSISTENCY_CHECK=ON))",
        "",
      ).replace("PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo])", "CHECK (1 = 1)"),
    );
    expect(findAnomalies(source, unversioned).different.find((d) => d.key === "[Sales].[Orders]")?.details).toEqual([
      "PERIOD FOR SYSTEM_TIME: (none) → (validfrom, validto)",
      "SYSTEM_VERSIONING: OFF → ON",
      "check constraint check 1 = 1: drop",
    ]);
    const renamed = structuredClone(source);
    tableOf(renamed, "[Sales].[Orders]").systemVersioning!.historyTable = { schema: "Sales", name: "OrdersHistory" };
    expect(findAnomalies(source, renamed).different).toEqual([
      {
        kind: "table",
        key: "[Sales].[Orders]",
        details: ["SYSTEM_VERSIONING: history table [Sales].[OrdersHistory] → [Sales].[Orders_Archive]"],
      },
    ]);
  });

  it("treats masks the way the catalog spells them as equal, and a history table the server created as implied", () => {
    const source = model(TEMPORAL);
    const target = structuredClone(source);
    tableOf(target, "[Sales].[Orders]").columns[2]!.mask = 'Partial( 1 ,"XX", 0 )';
    // The target names the history table SQL Server created for dbo.Prices and lists it as a table of its own.
    tableOf(target, "[dbo].[Prices]").systemVersioning!.historyTable = {
      schema: "dbo",
      name: "MSSQL_TemporalHistoryFor_565577053",
    };
    target.tables.push({
      ...structuredClone(tableOf(source, "[Sales].[Orders_Archive]")),
      key: "[dbo].[MSSQL_TemporalHistoryFor_565577053]",
      schema: "dbo",
      name: "MSSQL_TemporalHistoryFor_565577053",
    });
    expect(findAnomalies(source, target)).toMatchObject({ clean: true });
    // ...but only the history table of a versioned table: any other extra table is still extra.
    target.tables.push({
      ...structuredClone(tableOf(source, "[Sales].[Orders_Archive]")),
      key: "[dbo].[Other]",
      schema: "dbo",
      name: "Other",
    });
    expect(findAnomalies(source, target).extra).toEqual([{ kind: "table", key: "[dbo].[Other]" }]);
  });

  it("reports a security policy that is missing, or whose predicates differ", () => {
    const source = model(SECURITY);
    const changed = model(
      SECURITY.replace(" AFTER INSERT", " BEFORE DELETE").replace("WITH (STATE = ON)", "WITH (STATE = OFF)"),
    );
    expect(findAnomalies(source, changed).different).toEqual([
      {
        kind: "securityPolicy",
        key: "[Security].[TenantPolicy]",
        details: [
          "STATE OFF → ON",
          "predicate BLOCK security . fn_tenant tenantid on [dbo].[customers] AFTER INSERT: add",
          "predicate BLOCK security . fn_tenant tenantid on [dbo].[customers] BEFORE DELETE: drop",
        ],
      },
    ]);
    const without = model(SECURITY.slice(0, SECURITY.indexOf("GO\nCREATE SECURITY")));
    expect(findAnomalies(source, without).missing).toEqual([
      { kind: "securityPolicy", key: "[Security].[TenantPolicy]" },
    ]);
  });
});

describe("sparse columns, column sets and graph tables", () => {
  const sql = `CREATE TABLE dbo.Props (Id int NOT NULL PRIMARY KEY, Color nvarchar(20) SPARSE NULL, Size int SPARSE NULL, AllProps xml COLUMN_SET FOR ALL_SPARSE_COLUMNS)
GO
CREATE TABLE dbo.Person (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL) AS NODE
GO
CREATE TABLE dbo.City (Id int NOT NULL PRIMARY KEY) AS NODE
GO
CREATE TABLE dbo.LivesIn (Since date NULL, CONSTRAINT EC_LivesIn CONNECTION (dbo.Person TO dbo.City) ON DELETE CASCADE) AS EDGE
GO
CREATE TABLE dbo.Likes AS EDGE`;

  it("reads, generates and reads back the same", () => {
    const m = model(sql);
    expect(
      tableOf(m, "[dbo].[Props]").columns.map((c) => [c.name, c.isSparse ?? false, c.isColumnSet ?? false]),
    ).toEqual([
      ["Id", false, false],
      ["Color", true, false],
      ["Size", true, false],
      ["AllProps", false, true],
    ]);
    expect(m.tables.map((t) => [t.name, t.graphType ?? "-"])).toEqual([
      ["Props", "-"],
      ["Person", "node"],
      ["City", "node"],
      ["LivesIn", "edge"],
      ["Likes", "edge"],
    ]);
    expect(tableOf(m, "[dbo].[LivesIn]").edgeConstraints).toEqual([
      {
        name: "EC_LivesIn",
        connections: [{ from: { schema: "dbo", name: "Person" }, to: { schema: "dbo", name: "City" } }],
        onDelete: "CASCADE",
      },
    ]);
    const script = generateScript(m);
    const sqls = script.batches.map((b) => b.sql);
    expect(sqls).toContain("CREATE TABLE [dbo].[Likes] AS EDGE");
    expect(sqls.find((s) => s.includes("[AllProps]"))).toContain(
      "[AllProps] [xml] COLUMN_SET FOR ALL_SPARSE_COLUMNS NULL",
    );
    const edge = sqls.indexOf(
      "ALTER TABLE [dbo].[LivesIn] ADD CONSTRAINT [EC_LivesIn] CONNECTION ([dbo].[Person] TO [dbo].[City]) ON DELETE CASCADE",
    );
    expect(edge).toBeGreaterThan(sqls.findIndex((s) => s.startsWith("CREATE TABLE [dbo].[Person]")));
    const back = readScriptText(script.script, "generated.sql");
    expect(back.warnings).toEqual([]);
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
  });
});

describe("snapshots", () => {
  it("keep every new property", () => {
    const m = model(`${TEMPORAL}\nGO\n${SECURITY}`);
    expect(parseSnapshot(serializeSnapshot(m))).toEqual(m);
  });
});

describe("generation stays fast", () => {
  it("breaks thousands of dependency cycles without sorting the remaining nodes each time", () => {
    // 20 000 modules in 10 000 pairs that refer to each other (a broken source can do that): every pair is a cycle.
    const nodes = Array.from({ length: 20_000 }, (_, i) => `[dbo].[m${String(i).padStart(6, "0")}]`);
    const partner = (key: string): string => nodes[Number(key.slice(8, 14)) ^ 1]!;
    const started = Date.now();
    const result = topologicalSort(nodes, (k) => [partner(k)]);
    expect(result.cyclic).toHaveLength(10_000);
    expect(result.order.slice(0, 4)).toEqual([nodes[0], nodes[1], nodes[2], nodes[3]]);
    // Re-sorting the remaining nodes at each cycle took ~25 s here; one sort takes a few ms.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("generates a model with many temporal tables in time linear in their number", () => {
    const big = emptyModel("Big");
    const base = model(TEMPORAL);
    for (let i = 0; i < 2_000; i++) {
      for (const t of base.tables) {
        const copy = structuredClone(t);
        copy.name = `${t.name}_${i}`;
        copy.key = `[${t.schema}].[${copy.name}]`;
        if (copy.systemVersioning?.historyTable !== undefined)
          copy.systemVersioning.historyTable = {
            schema: t.schema,
            name: `${copy.systemVersioning.historyTable.name}_${i}`,
          };
        big.tables.push(copy);
      }
    }
    const started = Date.now();
    const script = generateScript(big);
    expect(script.batches.filter((b) => b.kind === "systemVersioning")).toHaveLength(4_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("XML and spatial indexes", () => {
  const sql = `CREATE TABLE dbo.Doc (Id int NOT NULL PRIMARY KEY, Body xml NULL, Shape geometry NULL, Place geography NULL)
GO
CREATE PRIMARY XML INDEX [PXML_Doc_Body] ON [dbo].[Doc]([Body]);
GO
CREATE XML INDEX [AXMLPATH_Doc_Body] ON [dbo].[Doc]([Body])
USING XML INDEX [PXML_Doc_Body] FOR PATH;
GO
CREATE SPATIAL INDEX SIX_Shape ON dbo.Doc(Shape) USING GEOMETRY_GRID
  WITH (BOUNDING_BOX = (0, 0, 500, 200), GRIDS = (LEVEL_1 = LOW, LEVEL_2 = MEDIUM, LEVEL_3 = HIGH, LEVEL_4 = HIGH), CELLS_PER_OBJECT = 64)
GO
CREATE SPATIAL INDEX SIX_Place ON dbo.Doc(Place)`;

  it("reads them field by field, and generates them from the fields when there is no CREATE text (an extracted model)", () => {
    const m = model(sql);
    const byName = new Map(m.tables[0]!.indexes.map((ix) => [ix.name, ix]));
    expect(byName.get("PXML_Doc_Body")?.xml).toEqual({ primary: true });
    expect(byName.get("AXMLPATH_Doc_Body")?.xml).toEqual({
      primary: false,
      usingIndex: "PXML_Doc_Body",
      secondaryType: "PATH",
    });
    expect(byName.get("SIX_Shape")?.spatial).toEqual({
      tessellation: "GEOMETRY_GRID",
      boundingBox: ["0", "0", "500", "200"],
      grids: ["LOW", "MEDIUM", "HIGH", "HIGH"],
      cellsPerObject: 64,
    });
    expect(byName.get("SIX_Place")?.spatial).toEqual({ tessellation: "GEOGRAPHY_AUTO_GRID" });

    for (const ix of m.tables[0]!.indexes) delete ix.definition;
    const script = generateScript(m);
    expect(script.omitted).toEqual([]);
    const sqls = script.batches.filter((b) => b.kind === "index").map((b) => b.sql);
    expect(sqls).toEqual([
      "CREATE PRIMARY XML INDEX [PXML_Doc_Body] ON [dbo].[Doc] ([Body])",
      "CREATE SPATIAL INDEX [SIX_Place] ON [dbo].[Doc] ([Place]) USING GEOGRAPHY_AUTO_GRID",
      "CREATE SPATIAL INDEX [SIX_Shape] ON [dbo].[Doc] ([Shape]) USING GEOMETRY_GRID WITH (BOUNDING_BOX = (0, 0, 500, 200), GRIDS = (LEVEL_1 = LOW, LEVEL_2 = MEDIUM, LEVEL_3 = HIGH, LEVEL_4 = HIGH), CELLS_PER_OBJECT = 64)",
      // The secondary XML index sorts first by name but needs its primary XML index.
      "CREATE XML INDEX [AXMLPATH_Doc_Body] ON [dbo].[Doc] ([Body]) USING XML INDEX [PXML_Doc_Body] FOR PATH",
    ]);
    expect(findAnomalies(m, readScriptText(script.script).model)).toMatchObject({ clean: true });
    const other = structuredClone(m);
    other.tables[0]!.indexes.find((ix) => ix.name === "AXMLPATH_Doc_Body")!.xml!.secondaryType = "VALUE";
    expect(findAnomalies(m, other).different[0]?.details).toEqual([
      "index AXMLPATH_Doc_Body: xml using pxml_doc_body for VALUE (body) on PRIMARY → xml using pxml_doc_body for PATH (body) on PRIMARY",
    ]);
  });
});

describe("full-text indexes", () => {
  const sql = `CREATE FULLTEXT CATALOG AW2016FullTextCatalog AS DEFAULT;
GO
CREATE TABLE Production.ProductReview (ProductReviewID int NOT NULL CONSTRAINT PK_ProductReview_ProductReviewID PRIMARY KEY, Comments nvarchar(3850) NULL)
GO
CREATE FULLTEXT INDEX ON Production.ProductReview(Comments LANGUAGE 'English') KEY INDEX PK_ProductReview_ProductReviewID WITH STOPLIST = SYSTEM, CHANGE_TRACKING AUTO;`;

  it("reads one into its table (default catalog, language name as LCID), and creates it after its catalog and key", () => {
    const m = model(sql);
    expect(m.tables[0]!.fulltextIndex).toEqual({
      catalog: "AW2016FullTextCatalog",
      keyIndex: "PK_ProductReview_ProductReviewID",
      columns: [{ name: "Comments", language: "1033" }],
      changeTracking: "AUTO",
    });
    const script = generateScript(m);
    const kinds = script.batches.map((b) => `${b.kind} ${b.objectKey}`);
    const ft = kinds.indexOf("fulltextIndex [Production].[ProductReview] FULLTEXT INDEX");
    expect(ft).toBeGreaterThan(kinds.indexOf("fulltextCatalog [AW2016FullTextCatalog]"));
    expect(ft).toBeGreaterThan(
      kinds.indexOf("constraint [Production].[ProductReview].[PK_ProductReview_ProductReviewID]"),
    );
    expect(script.batches[ft]!.sql).toBe(
      "CREATE FULLTEXT INDEX ON [Production].[ProductReview] ([Comments] LANGUAGE 1033) KEY INDEX [PK_ProductReview_ProductReviewID] ON [AW2016FullTextCatalog] WITH (CHANGE_TRACKING = AUTO)",
    );
    const back = readScriptText(script.script, "generated.sql");
    expect(back.warnings).toEqual([]);
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
    const untracked = structuredClone(m);
    untracked.tables[0]!.fulltextIndex!.changeTracking = "OFF";
    expect(findAnomalies(m, untracked).different[0]?.details[0]).toMatch(
      /^full-text index: .*tracking OFF .*→ .*tracking AUTO/,
    );
  });
});

describe("XML schema collections and typed xml columns", () => {
  const sql = `CREATE XML SCHEMA COLLECTION [Person].[ContactInfo] AS
'<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema targetNamespace="urn:a" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="a" type="xsd:string"/></xsd:schema>'
GO
ALTER XML SCHEMA COLLECTION [Person].[ContactInfo] ADD
'<xsd:schema targetNamespace="urn:b" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="it''s" type="xsd:string"/></xsd:schema>'
GO
CREATE TABLE [Person].[Person] ([Id] int NOT NULL PRIMARY KEY, [Info] [XML]([Person].[ContactInfo]) NULL, [Doc] xml (DOCUMENT Person.ContactInfo) NULL)`;

  it("reads the collection with every document added, and the columns typed by it", () => {
    const m = model(sql);
    expect(m.xmlSchemaCollections.map((x) => [x.key, x.schemas.length])).toEqual([["[Person].[ContactInfo]", 2]]);
    expect(m.tables[0]!.columns.map((c) => c.xmlSchema)).toEqual([
      undefined,
      { collection: { schema: "Person", name: "ContactInfo" }, document: false },
      { collection: { schema: "Person", name: "ContactInfo" }, document: true },
    ]);
  });

  it("creates the collection before the tables, in Unicode literals without the encoding declaration, and types the columns", () => {
    const script = generateScript(model(sql));
    const kinds = script.batches.map((b) => b.kind);
    expect(kinds.indexOf("xmlSchemaCollection")).toBeLessThan(kinds.indexOf("table"));
    const create = script.batches.find((b) => b.kind === "xmlSchemaCollection")!.sql;
    expect(create).toMatch(
      /^CREATE XML SCHEMA COLLECTION \[Person\]\.\[ContactInfo\] AS N'<xsd:schema targetNamespace="urn:a"/,
    );
    expect(create).not.toContain("<?xml");
    expect(create).toContain(
      `;\nALTER XML SCHEMA COLLECTION [Person].[ContactInfo] ADD N'<xsd:schema targetNamespace="urn:b" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="it''s"`,
    );
    const table = script.batches.find((b) => b.kind === "table")!.sql;
    expect(table).toContain("[Info] [xml](CONTENT [Person].[ContactInfo]) NULL");
    expect(table).toContain("[Doc] [xml](DOCUMENT [Person].[ContactInfo]) NULL");
    const back = readScriptText(script.script, "generated.sql");
    expect(back.warnings).toEqual([]);
    expect(findAnomalies(script.fixedModel, back.model)).toMatchObject({ clean: true });
    const untyped = structuredClone(script.fixedModel);
    delete untyped.tables[0]!.columns[1]!.xmlSchema;
    expect(findAnomalies(script.fixedModel, untyped).different[0]?.details).toEqual([
      "column Info: xml schema collection (untyped) → CONTENT [person].[contactinfo]",
    ]);
  });
});

describe("words that are also names", () => {
  it("reads a column called Period, and a node table without columns", () => {
    const m = model(
      "CREATE TABLE dbo.Billing (Id int NOT NULL, Period char(6) NOT NULL, PERIOD FOR SYSTEM_TIME (S, E), S datetime2 GENERATED ALWAYS AS ROW START NOT NULL, E datetime2 GENERATED ALWAYS AS ROW END NOT NULL)\nGO\nCREATE TABLE dbo.Thing AS NODE",
    );
    expect(m.tables[0]!.columns.map((c) => c.name)).toEqual(["Id", "Period", "S", "E"]);
    expect(m.tables[0]!.period).toEqual({ startColumn: "S", endColumn: "E" });
    expect(m.tables[1]).toMatchObject({ name: "Thing", graphType: "node", columns: [] });
    expect(generateScript(m).batches.map((b) => b.sql)).toContain("CREATE TABLE [dbo].[Thing] AS NODE");
  });
});

describe("turning an existing table into a temporal table with ALTER TABLE", () => {
  it("reads the added period columns, the period and the versioning", () => {
    const m = model(`CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY)
GO
ALTER TABLE dbo.T ADD
  ValidFrom datetime2 GENERATED ALWAYS AS ROW START HIDDEN CONSTRAINT DF_T_From DEFAULT SYSUTCDATETIME() NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END HIDDEN CONSTRAINT DF_T_To DEFAULT CONVERT(datetime2, '9999-12-31 23:59:59.9999999') NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo);
GO
ALTER TABLE dbo.T SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.T_History, HISTORY_RETENTION_PERIOD = 1 YEAR));`);
    const t = m.tables[0]!;
    expect(t.period).toEqual({ startColumn: "ValidFrom", endColumn: "ValidTo" });
    expect(t.systemVersioning).toEqual({
      historyTable: { schema: "dbo", name: "T_History" },
      retention: { period: 1, unit: "YEAR" },
    });
    expect(t.columns.map((c) => [c.name, c.generatedAlways ?? "", c.isHidden ?? false, c.default?.name ?? ""])).toEqual(
      [
        ["Id", "", false, ""],
        ["ValidFrom", "rowStart", true, "DF_T_From"],
        ["ValidTo", "rowEnd", true, "DF_T_To"],
      ],
    );
    const script = generateScript(m);
    expect(script.batches.map((b) => b.sql)).toContain(
      "ALTER TABLE [dbo].[T] SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[T_History], HISTORY_RETENTION_PERIOD = 1 YEARS))",
    );
    expect(findAnomalies(script.fixedModel, readScriptText(script.script).model)).toMatchObject({ clean: true });
  });
});
