/** Name binding (what each dotted name stands for) and the sieve (which code a rule needs to read at all). */
import { bindNames, makeCatalog, type BoundName } from "../../../provider/schema/assessment/binding";
import { Sieve, mayMatch } from "../../../provider/schema/assessment/sieve";
import { AssessmentContext } from "../../../provider/schema/assessment/context";
import { ASSESSMENT_RULES } from "../../../provider/schema/assessment/rules";
import { crossDatabaseReferences } from "../../../provider/schema/assessment/rules/cross-database";
import { emptyModel } from "../../../provider/schema/model";
import { significantTokens } from "../../../provider/schema/tokenizer";

const catalog = makeCatalog({
  schemas: ["Sales", "Application"],
  objects: [
    { schema: "Application", name: "Cities", columns: ["CityID", "Location"], isTable: true },
    { schema: "Sales", name: "Orders", columns: ["OrderID", "DeliveryLocation"], isTable: true },
  ],
  databaseName: "Shop",
});

/** `text role position [server|database|schema|object]` for every name with two parts or more. */
function bound(sql: string): string[] {
  const describe = (b: BoundName): string => {
    const where =
      b.role === "object"
        ? ` ${[b.server, b.database, b.schema, b.object].map((p) => p ?? "-").join("|")}`
        : b.boundTo !== undefined
          ? ` (${b.boundTo})`
          : "";
    return `${b.parts.join(".")} ${b.role} ${b.position}${where}`;
  };
  return bindNames(significantTokens(sql), catalog)
    .filter((b) => b.parts.length > 1)
    .map(describe);
}

describe("bindNames", () => {
  it("reads three-part names in expressions as columns and members, never as databases", () => {
    expect(
      bound(
        "UPDATE Sales.Orders SET OrderID = 1 FROM Sales.Orders JOIN inserted i ON Sales.Orders.OrderID = i.OrderID",
      ),
    ).toEqual([
      "Sales.Orders object object -|-|Sales|Orders",
      "Sales.Orders object object -|-|Sales|Orders",
      "Sales.Orders.OrderID column expression (schema)",
      "i.OrderID column expression (alias)",
    ]);
    expect(bound("SELECT c.Location.Lat, c.Location.STDistance(@p) FROM Application.Cities c")).toEqual([
      "c.Location.Lat member expression (alias)",
      "c.Location.STDistance member call (alias)",
      "Application.Cities object object -|-|Application|Cities",
    ]);
  });

  it("binds CTEs, derived tables, APPLY aliases, table variables and columns of the tables read", () => {
    expect(
      bound("WITH Crm AS (SELECT Location FROM Application.Cities) SELECT Crm.Location.Reduce(1) FROM Crm"),
    ).toContain("Crm.Location.Reduce member call (cte)");
    expect(bound("SELECT x.n.value('.', 'int') FROM Sales.Orders d CROSS APPLY d.Doc.nodes('/a') AS x(n)")).toEqual([
      "x.n.value member call (alias)",
      "Sales.Orders object object -|-|Sales|Orders",
      "d.Doc.nodes member object (alias)",
    ]);
    expect(bound("SELECT t.Loc.Lat FROM @t t")).toEqual(["t.Loc.Lat member expression (alias)"]);
    expect(bound("SELECT Location.Shape.Area() FROM Application.Cities")).toContain(
      "Location.Shape.Area member call (column)",
    );
  });

  it("reads object names right to left where objects go", () => {
    expect(
      bound(
        "EXEC Archive.dbo.usp_Purge; SELECT * FROM a, Legacy..Old; SELECT Rpt.dbo.fn(1); SELECT * FROM [Srv].[Db].[dbo].[T]",
      ),
    ).toEqual([
      "Archive.dbo.usp_Purge object object -|Archive|dbo|usp_Purge",
      "Legacy..Old object object -|Legacy||Old",
      "Rpt.dbo.fn object call -|Rpt|dbo|fn",
      "Srv.Db.dbo.T object object Srv|Db|dbo|T",
    ]);
  });

  it("does not take a cursor for an object", () => {
    expect(
      bindNames(significantTokens("FETCH NEXT FROM xp_rows INTO @id; FETCH ABSOLUTE 3 FROM xp_rows INTO @id"), catalog)
        .filter((b) => b.parts[0] === "xp_rows")
        .map((b) => b.role),
    ).toEqual(["column", "column"]);
  });

  it("keeps a CTE's scope to its statement", () => {
    expect(bound("WITH Crm AS (SELECT 1 AS x) SELECT x FROM Crm; SELECT * FROM Crm.dbo.Customers")).toEqual([
      "Crm.dbo.Customers object object -|Crm|dbo|Customers",
    ]);
  });
});

describe("Sieve", () => {
  const sieve = new Sieve([{ words: ["DBCC", "RECONFIGURE"], prefixes: ["xp_"], minNameParts: 3, operators: ["*="] }]);

  it("ignores words in comments and strings, reads [quoted] names", () => {
    expect([...sieve.sift("SELECT 'DBCC' -- DBCC\n/* xp_cmdshell /* nested */ RECONFIGURE */ FROM t").words]).toEqual(
      [],
    );
    expect([...sieve.sift("EXEC [master]..[xp_cmdshell] 'dir'; dbcc traceon(1)").words].sort()).toEqual([
      "DBCC",
      "XP_CMDSHELL",
    ]);
    expect([...sieve.sift("SELECT N'it''s' + @xp_var FROM [xp_]]odd]").words]).toEqual(["XP_]ODD"]);
  });

  it("counts the parts of dotted names across comments and omitted parts, not across numbers", () => {
    expect(sieve.sift("SELECT a.b FROM c").maxNameParts).toBe(2);
    expect(sieve.sift("SELECT * FROM Db /* x */ . dbo . T").maxNameParts).toBe(3);
    expect(sieve.sift("SELECT * FROM Db..T").maxNameParts).toBe(3);
    expect(sieve.sift("SELECT 1.5, x.y, 0x1F.z").maxNameParts).toBe(2);
  });

  it("sees operators outside strings", () => {
    expect(mayMatch(sieve.sift("WHERE a *= b"), { operators: ["*="] })).toBe(true);
    expect(mayMatch(sieve.sift("WHERE a = '*='"), { operators: ["*="] })).toBe(false);
  });

  it("hands a rule only the units that can match it: a data script is not even tokenized for it", () => {
    const model = emptyModel("Shop");
    const values = Array.from({ length: 2000 }, (_, i) => `(${i}, N'name ${i}', 0x${"AB".repeat(40)})`).join(",\n");
    model.statements.push({
      kind: "statement",
      key: "data.sql:1",
      firstWords: "INSERT",
      sql: `INSERT INTO [Sales].[Orders] (a, b, c) VALUES ${values}`,
    } as (typeof model.statements)[number]);
    const ctx = new AssessmentContext(model, {}, ASSESSMENT_RULES);
    expect(ctx.codeUnits(crossDatabaseReferences)).toEqual([]);
    expect(ctx.codeUnits()).toHaveLength(1);
  });
});
