/**
 * Functions that tables use (computed columns, defaults, checks) are created before the tables, with the
 * functions they call. Expressions are only parsed for references when one of their words could name a
 * function; these cases check that the shortcut misses none.
 */
import { readScriptText } from "../../../provider/schema/script-reader";
import { generateScript } from "../../../provider/schema/script-generator";

/** Kind and key of each batch, in script order. */
function order(sql: string): string[] {
  return generateScript(readScriptText(sql).model).batches.map((b) => `${b.kind} ${b.objectKey}`);
}

describe("functions used by tables come before the tables", () => {
  it("a computed column's function, and the function it calls", () => {
    const batches = order(
      [
        "CREATE TABLE dbo.Orders (Amount decimal(18,2) NOT NULL, Total AS dbo.WithTax(Amount))",
        "GO",
        "CREATE FUNCTION dbo.WithTax (@a decimal(18,2)) RETURNS decimal(18,2) AS BEGIN RETURN dbo.Rate() * @a END",
        "GO",
        "CREATE FUNCTION dbo.Rate () RETURNS decimal(18,2) AS BEGIN RETURN 1.2 END",
        "GO",
        "CREATE FUNCTION dbo.Unused () RETURNS int AS BEGIN RETURN 1 END",
      ].join("\n"),
    );
    expect(batches).toEqual([
      "function [dbo].[Rate]",
      "function [dbo].[WithTax]",
      "table [dbo].[Orders]",
      "function [dbo].[Unused]",
    ]);
  });

  it("a default's function named in brackets", () => {
    const batches = order(
      [
        "CREATE TABLE dbo.T (Id int NOT NULL, Created datetime2 NOT NULL CONSTRAINT DF_T DEFAULT ([dbo].[Now]()))",
        "GO",
        "CREATE FUNCTION dbo.Now () RETURNS datetime2 AS BEGIN RETURN sysutcdatetime() END",
      ].join("\n"),
    );
    expect(batches).toEqual(["function [dbo].[Now]", "table [dbo].[T]"]);
  });

  it("a check constraint's function whose name is not one word", () => {
    const batches = order(
      [
        "CREATE TABLE dbo.T (Code nvarchar(10) NOT NULL, CONSTRAINT CK_T CHECK ([dbo].[Is Valid](Code) = 1))",
        "GO",
        "CREATE FUNCTION dbo.[Is Valid] (@c nvarchar(10)) RETURNS bit AS BEGIN RETURN 1 END",
      ].join("\n"),
    );
    expect(batches.indexOf("function [dbo].[Is Valid]")).toBeLessThan(batches.indexOf("table [dbo].[T]"));
  });
});
