import { topologicalSort } from "../../../provider/schema/generator/topo-sort";

describe("topologicalSort", () => {
  it("puts dependencies first and breaks ties by key", () => {
    const deps: Record<string, string[]> = { a: ["c"], b: [], c: ["b"], d: [] };
    expect(topologicalSort(["d", "c", "b", "a"], (n) => deps[n]!)).toEqual({ order: ["b", "c", "a", "d"], cyclic: [] });
  });

  it("ignores dependencies outside the node set and on itself", () => {
    expect(topologicalSort(["x", "y"], (n) => (n === "x" ? ["x", "table"] : ["x"])).order).toEqual(["x", "y"]);
  });

  it("emits cycles in key order and reports them instead of looping", () => {
    const deps: Record<string, string[]> = { p: ["q"], q: ["p"], r: ["p"] };
    expect(topologicalSort(["r", "q", "p"], (n) => deps[n]!)).toEqual({ order: ["p", "q", "r"], cyclic: ["p"] });
  });
});
