import { significantTokens, tokenize } from "../../../provider/schema/tokenizer";

describe("tokenize", () => {
  it("is lossless: the token texts join back into the input", () => {
    const sql = "SELECT [a]]b], N'it''s', @x, 0x1F /* c /* d */ e */ -- tail\nFROM t;";
    expect(
      tokenize(sql)
        .map((t) => t.text)
        .join(""),
    ).toBe(sql);
  });

  it("reads N'..' strings with doubled quotes", () => {
    const [t] = significantTokens("N'it''s'");
    expect(t).toMatchObject({ type: "string", value: "it's", unicode: true });
  });

  it("reads bracketed identifiers with ]] escapes and double-quoted identifiers", () => {
    const tokens = significantTokens('[a]]b] "c""d"');
    expect(tokens.map((t) => [t.type, t.value])).toEqual([
      ["quotedIdentifier", "a]b"],
      ["quotedIdentifier", 'c"d'],
    ]);
  });

  it("treats nested block comments as one comment", () => {
    const tokens = tokenize("/* a /* b */ still comment */ SELECT");
    expect(tokens[0]).toMatchObject({ type: "blockComment", text: "/* a /* b */ still comment */" });
    expect(significantTokens("/* a /* b */ c */ SELECT").map((t) => t.upper)).toEqual(["SELECT"]);
  });

  it("ends a line comment at the line break", () => {
    const tokens = significantTokens("-- DROP TABLE x\nSELECT 1");
    expect(tokens.map((t) => t.text)).toEqual(["SELECT", "1"]);
  });

  it("classifies keywords, identifiers, variables, numbers and operators", () => {
    const tokens = significantTokens("SELECT @@ROWCOUNT, @v, 1.5e3, #tmp, Name FROM t WHERE a <> b AND c *= d");
    const byText = Object.fromEntries(tokens.map((t) => [t.text, t.type]));
    expect(byText).toMatchObject({
      SELECT: "keyword",
      "@@ROWCOUNT": "variable",
      "@v": "variable",
      "1.5e3": "number",
      "#tmp": "identifier",
      Name: "identifier",
      "<>": "operator",
      "*=": "operator",
    });
  });

  it("records 1-based line and column positions, and honours a start line", () => {
    const tokens = significantTokens("SELECT\n  x", { startLine: 10 });
    expect(tokens.map((t) => [t.text, t.line, t.column])).toEqual([
      ["SELECT", 10, 1],
      ["x", 11, 3],
    ]);
  });

  it("flags unterminated strings and comments instead of throwing", () => {
    expect(significantTokens("SELECT 'abc")[1]).toMatchObject({ type: "string", unterminated: true });
    expect(tokenize("/* never closed")[0]).toMatchObject({ type: "blockComment", unterminated: true });
  });
});
