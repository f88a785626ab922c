import { formatDataType, isNarrowing, sizeOfDeclaredType } from "../../../provider/schema/data-types";

describe("data types", () => {
  it("converts declared sizes to catalog sizes and back", () => {
    const cases: [string, string[], string][] = [
      ["nvarchar", ["50"], "[nvarchar](50)"],
      ["varbinary", ["max"], "[varbinary](max)"],
      ["decimal", ["10", "2"], "[decimal](10, 2)"],
      ["numeric", [], "[numeric](18, 0)"],
      ["datetime2", ["3"], "[datetime2](3)"],
      ["time", [], "[time](7)"],
      ["float", ["24"], "[float](24)"],
      ["float", [], "[float]"],
      ["char", [], "[char](1)"],
      ["int", [], "[int]"],
    ];
    for (const [typeName, args, declared] of cases) {
      expect(formatDataType({ typeName, ...sizeOfDeclaredType(typeName, args) })).toBe(declared);
    }
    expect(sizeOfDeclaredType("nvarchar", ["50"])).toEqual({ maxLength: 100, precision: 0, scale: 0 });
    expect(sizeOfDeclaredType("datetimeoffset", ["7"])).toEqual({ maxLength: 10, precision: 34, scale: 7 });
    expect(formatDataType({ typeName: "Phone", typeSchema: "dbo", maxLength: 40, precision: 0, scale: 0 })).toBe(
      "[dbo].[Phone]",
    );
  });

  it("knows which changes narrow a column", () => {
    const t = (typeName: string, ...args: string[]) => ({ typeName, ...sizeOfDeclaredType(typeName, args) });
    expect(isNarrowing(t("nvarchar", "50"), t("nvarchar", "20"))).toBe(true);
    expect(isNarrowing(t("nvarchar", "50"), t("nvarchar", "max"))).toBe(false);
    expect(isNarrowing(t("decimal", "10", "2"), t("decimal", "12", "1"))).toBe(true);
    expect(isNarrowing(t("decimal", "10", "2"), t("decimal", "12", "2"))).toBe(false);
    expect(isNarrowing(t("int"), t("bigint"))).toBe(false);
    expect(isNarrowing(t("bigint"), t("int"))).toBe(true);
    expect(isNarrowing(t("varchar", "30"), t("nvarchar", "30"))).toBe(false);
    expect(isNarrowing(t("varchar", "30"), t("nvarchar", "10"))).toBe(true);
    expect(isNarrowing(t("datetime"), t("datetime2", "0"))).toBe(true);
    expect(isNarrowing(t("int"), t("varchar", "10"))).toBe(true);
  });
});
