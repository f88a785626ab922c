/** The small pieces on their own: clock, router, store. */
import { ManualClock, ResourceStore, Router, respond } from "../../../emulator";

describe("ManualClock", () => {
  it("runs due tasks in time order, including ones scheduled while advancing", () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.schedule(20, () => seen.push("b@20"));
    clock.schedule(10, () => {
      seen.push("a@10");
      clock.schedule(0, () => seen.push("a2@10"));
      clock.schedule(15, () => seen.push("c@25"));
    });
    clock.advance(19);
    expect(seen).toEqual(["a@10", "a2@10"]);
    expect(clock.now()).toBe(19);
    clock.advance(10);
    expect(seen).toEqual(["a@10", "a2@10", "b@20", "c@25"]);
    expect(clock.pendingCount()).toBe(0);
  });

  it("cancels", () => {
    const clock = new ManualClock(0);
    let ran = false;
    const timer = clock.schedule(5, () => (ran = true));
    clock.cancel(timer);
    clock.advance(10);
    expect(ran).toBe(false);
  });
});

describe("Router", () => {
  const handler = (name: string) => () => respond.ok(name);

  it("matches literals without regard to case and keeps the casing of parameters", () => {
    const router = new Router();
    router.add("GET", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}", handler("rg"));
    const match = router.match("GET", "/SUBSCRIPTIONS/AbC/resourcegroups/My%20Group");
    expect(match).toMatchObject({ kind: "matched", params: { subscriptionId: "AbC", resourceGroupName: "My Group" } });
  });

  it("prefers the route with more literal segments", async () => {
    const router = new Router();
    router.add("POST", "/p/{ns}/{action}", handler("generic"));
    router.add("POST", "/p/{ns}/register", handler("register"));
    const match = router.match("POST", "/p/x/REGISTER");
    expect(match.kind === "matched" && (await match.handler({} as never)).body).toBe("register");
  });

  it("tells a wrong method from an unknown path, and refuses duplicates", () => {
    const router = new Router();
    router.add(["GET", "PUT"], "/a/{b}", handler("a"));
    expect(router.match("DELETE", "/a/1")).toEqual({ kind: "wrongMethod", allowed: ["GET", "PUT"] });
    expect(router.match("GET", "/a/1/2")).toEqual({ kind: "none" });
    expect(() => router.add("GET", "/A/{other}", handler("dup"))).toThrow(/already registered/);
  });
});

describe("ResourceStore", () => {
  it("keys by ID without regard to case, keeps the creation casing, hands out copies", () => {
    const store = new ResourceStore();
    expect(
      store.put({ id: "/subscriptions/s/resourceGroups/RG/x/Thing", name: "Thing", type: "t", properties: { a: 1 } })
        .created,
    ).toBe(true);
    expect(
      store.put({ id: "/SUBSCRIPTIONS/S/RESOURCEGROUPS/rg/X/thing", name: "thing", type: "t", properties: { a: 2 } })
        .created,
    ).toBe(false);
    const got = store.get("/subscriptions/S/resourcegroups/rg/x/THING")!;
    expect(got.id).toBe("/subscriptions/s/resourceGroups/RG/x/Thing");
    expect(got.name).toBe("Thing");
    expect(got.properties).toEqual({ a: 2 });
    got.properties!["a"] = 99;
    expect(store.get(got.id)!.properties).toEqual({ a: 2 });
  });

  it("lists direct children and deletes subtrees", () => {
    const store = new ResourceStore();
    const rg = "/subscriptions/s/resourceGroups/rg";
    store.put({ id: rg, name: "rg", type: "g" });
    store.put({ id: `${rg}/providers/N/services/a`, name: "a", type: "N/services" });
    store.put({ id: `${rg}/providers/N/services/b`, name: "b", type: "N/services" });
    store.put({ id: `${rg}/providers/N/services/b/projects/p`, name: "p", type: "N/services/projects" });
    expect(
      store
        .listChildren(`${rg}/providers/n/SERVICES`)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["a", "b"]);
    expect(store.deleteTree(rg.toUpperCase())).toBe(4);
    expect(store.all()).toEqual([]);
  });
});
