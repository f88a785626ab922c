/** Fault injection (in-process and admin endpoint) and the request log. */
import { ManualClock, type Emulator } from "../../../../emulator";
import { call, relative, startTestEmulator, SUBSCRIPTION } from "../support";
import { MODULES_WITH_WIDGETS, TEST_NAMESPACE } from "../test-module";

const PROVIDERS = `/subscriptions/${SUBSCRIPTION}/providers`;
const DMS = `${PROVIDERS}/Microsoft.DataMigration`;
const admin = { token: null, apiVersion: null } as const;

describe("fault injection", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.stop());

  it("answers the next N matching requests with 429 + Retry-After, then lets requests through", async () => {
    emulator.faults.add({
      method: "POST",
      path: /providers\/microsoft\.datamigration\/register$/,
      count: 2,
      kind: "429",
      retryAfterSeconds: 3,
    });
    const first = await call(emulator, "POST", `${DMS}/register`);
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("3");
    expect(first.json.error.code).toBe("TooManyRequests");
    expect(first.headers["x-ms-request-id"]).toBeDefined();
    // A GET on a different path, or another method, is not affected.
    expect((await call(emulator, "GET", DMS)).status).toBe(200);
    expect((await call(emulator, "POST", `${DMS}/register`)).status).toBe(429);
    expect((await call(emulator, "POST", `${DMS}/register`)).status).toBe(200);
    expect(emulator.faults.list()).toEqual([]);
  });

  it("answers 503 and 500 in ARM's envelope, with a custom code when given", async () => {
    emulator.faults.add({ path: "/providers$", count: 1, kind: "503", retryAfterSeconds: 0 });
    emulator.faults.add({ path: "/providers$", count: 1, kind: "500", code: "Boom", message: "It broke." });
    const unavailable = await call(emulator, "GET", PROVIDERS);
    expect(unavailable.status).toBe(503);
    expect(unavailable.json.error.code).toBe("ServiceUnavailable");
    expect(unavailable.headers["retry-after"]).toBe("0");
    const internal = await call(emulator, "GET", PROVIDERS);
    expect(internal.status).toBe(500);
    expect(internal.json.error).toEqual({ code: "Boom", message: "It broke." });
    expect((await call(emulator, "GET", PROVIDERS)).status).toBe(200);
  });

  it("drops the connection without an answer", async () => {
    emulator.faults.add({ method: "GET", path: "/providers$", count: 1, kind: "drop" });
    await expect(call(emulator, "GET", PROVIDERS)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call(emulator, "GET", PROVIDERS)).status).toBe(200);
    const [dropped] = emulator.requestLog.read();
    expect(dropped).toMatchObject({ method: "GET", status: 0, faulted: true, fault: "drop" });
  });

  it("matches paths without regard to case", async () => {
    emulator.faults.add({ path: "/PROVIDERS/MICROSOFT.DATAMIGRATION$", count: 1, kind: "500" });
    expect((await call(emulator, "GET", DMS)).status).toBe(500);
  });

  it("accepts faults through the admin endpoint, lists and clears them", async () => {
    const added = await call(emulator, "POST", "/_emulator/faults", {
      ...admin,
      body: { method: "get", path: "/providers$", count: 5, kind: "503" },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ kind: "503", remaining: 5, method: "GET" });
    expect((await call(emulator, "GET", PROVIDERS)).status).toBe(503);
    expect((await call(emulator, "GET", "/_emulator/faults", admin)).json.value[0].remaining).toBe(4);
    expect((await call(emulator, "DELETE", "/_emulator/faults", admin)).status).toBe(204);
    expect((await call(emulator, "GET", PROVIDERS)).status).toBe(200);
    const invalid = await call(emulator, "POST", "/_emulator/faults", { ...admin, body: { path: "x", kind: "418" } });
    expect(invalid.status).toBe(400);
  });
});

describe("lroFailed faults", () => {
  let emulator: Emulator;
  let clock: ManualClock;
  const RG = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-fail`;
  const WIDGET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-fail/providers/${TEST_NAMESPACE}/widgets/w`;
  beforeEach(async () => {
    clock = new ManualClock();
    emulator = await startTestEmulator({ clock, modules: MODULES_WITH_WIDGETS, registeredProviders: [TEST_NAMESPACE] });
    await call(emulator, "PUT", RG, { body: { location: "westeurope" } });
  });
  afterEach(() => emulator.stop());

  it("lets the request through and ends the operation it starts Failed with the given error, once", async () => {
    emulator.faults.add({
      method: "PUT",
      path: "/widgets/",
      count: 1,
      kind: "lroFailed",
      code: "QuotaExceeded",
      message: "No more widgets.",
    });
    const accepted = await call(emulator, "PUT", WIDGET, { body: {} });
    expect(accepted.status).toBe(201);
    clock.advance(0);
    const status = await call(emulator, "GET", relative(accepted.headers["azure-asyncoperation"]));
    expect(status.json).toMatchObject({
      status: "Failed",
      error: { code: "QuotaExceeded", message: "No more widgets." },
    });
    expect(status.json.endTime).toBeDefined();
    expect((await call(emulator, "GET", WIDGET)).json.properties.provisioningState).toBe("Failed");

    // Used up: the next operation succeeds.
    const again = await call(emulator, "PUT", WIDGET, { body: {} });
    clock.advance(0);
    expect((await call(emulator, "GET", relative(again.headers["azure-asyncoperation"]))).json.status).toBe(
      "Succeeded",
    );
  });

  it("makes the Location URL answer with the error once the operation failed", async () => {
    await call(emulator, "PUT", WIDGET, { body: {} });
    clock.advance(0);
    emulator.faults.add({ path: "/polish$", count: 1, kind: "lroFailed" });
    const accepted = await call(emulator, "POST", `${WIDGET}/polish`);
    clock.advance(0);
    const result = await call(emulator, "GET", relative(accepted.headers["location"]));
    expect(result.status).toBe(400);
    expect(result.json.error.code).toBe("InternalServerError");
  });

  it("is not used up by requests that start no operation", async () => {
    emulator.faults.add({ path: "/widgets/", count: 1, kind: "lroFailed" });
    await call(emulator, "GET", WIDGET); // 404, no operation
    expect(emulator.faults.list()).toHaveLength(1);
  });
});

describe("request log", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.requestLog.clear());

  it("records method, path, query, status, time and fault flag of ARM calls, not admin calls", async () => {
    await call(emulator, "GET", `${DMS}?$expand=metadata`);
    await call(emulator, "GET", "/_emulator/requests", admin);
    const entries = emulator.requestLog.read();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: "GET",
      path: DMS,
      query: { $expand: "metadata", "api-version": "2025-04-01" },
      status: 200,
      faulted: false,
    });
    expect(Date.parse(entries[0]!.timestamp)).not.toBeNaN();
  });

  it("counts calls by method and path pattern, and counts writes", async () => {
    await call(emulator, "GET", DMS);
    await call(emulator, "GET", DMS.toUpperCase());
    await call(emulator, "POST", `${DMS}/register`);
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/log-rg`, {
      body: { location: "eastus" },
    });
    await call(emulator, "DELETE", `/subscriptions/${SUBSCRIPTION}/resourcegroups/log-rg`);
    expect(emulator.requestLog.count("GET", /providers\/microsoft\.datamigration$/)).toBe(2);
    expect(emulator.requestLog.count("*", "datamigration")).toBe(3);
    expect(emulator.requestLog.count("post", "/register$")).toBe(1);
    expect(emulator.requestLog.writes()).toBe(3);

    const viaAdmin = await call(emulator, "GET", "/_emulator/requests/count?method=GET&path=datamigration$", admin);
    expect(viaAdmin.json).toEqual({ count: 2 });
    expect((await call(emulator, "GET", "/_emulator/requests/writes", admin)).json).toEqual({ count: 3 });
    expect((await call(emulator, "GET", "/_emulator/requests", admin)).json.value).toHaveLength(5);
  });

  it("clears", async () => {
    await call(emulator, "GET", DMS);
    expect((await call(emulator, "DELETE", "/_emulator/requests", admin)).status).toBe(204);
    expect(emulator.requestLog.read()).toEqual([]);
    expect(emulator.requestLog.writes()).toBe(0);
  });
});
