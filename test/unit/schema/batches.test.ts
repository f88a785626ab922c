import { splitBatches } from "../../../provider/schema/batches";

describe("splitBatches", () => {
  it("splits on GO lines and records each batch's first line", () => {
    const batches = splitBatches("CREATE SCHEMA a\nGO\nCREATE SCHEMA b\ngo\n");
    expect(batches.map((b) => [b.text.trim(), b.repeat])).toEqual([
      ["CREATE SCHEMA a", 1],
      ["CREATE SCHEMA b", 1],
    ]);
    expect(batches[1]!.tokens.find((t) => t.text === "CREATE")!.line).toBe(3);
  });

  it("reads GO with a repeat count and a trailing comment", () => {
    const batches = splitBatches("INSERT t DEFAULT VALUES\n  GO 5 -- five rows\nSELECT 1");
    expect(batches.map((b) => b.repeat)).toEqual([5, 1]);
  });

  it("does not split on GO inside strings, block comments or longer lines", () => {
    const sql = "SELECT 'a\nGO\nb'\n/*\nGO\n*/\nSELECT 1 GO\nSELECT GOTO_LABEL\nGO";
    const batches = splitBatches(sql);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.text).toContain("GOTO_LABEL");
  });

  it("drops batches that hold only comments", () => {
    expect(splitBatches("-- header\nGO\n/* x */\nGO\nSELECT 1\nGO")).toHaveLength(1);
  });
});
