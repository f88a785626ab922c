/** The shared long-running-operation engine, driven step by step on a manual clock. */
import { ManualClock, type Emulator } from "../../../../emulator";
import { call, relative, startTestEmulator, SUBSCRIPTION } from "../support";
import { MODULES_WITH_WIDGETS, TEST_NAMESPACE } from "../test-module";

const RG = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-lro`;
const WIDGET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-lro/providers/${TEST_NAMESPACE}/widgets/w1`;

describe("long-running operations", () => {
  let emulator: Emulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
    emulator = await startTestEmulator({
      clock,
      provisioningDelayMs: 1_000,
      retryAfterSeconds: 7,
      modules: MODULES_WITH_WIDGETS,
      registeredProviders: [TEST_NAMESPACE],
    });
    await call(emulator, "PUT", RG, { body: { location: "West Europe" } });
  });
  afterEach(() => emulator.stop());

  it("answers a PUT with 201, Azure-AsyncOperation and Retry-After, and moves provisioningState step by step", async () => {
    const created = await call(emulator, "PUT", WIDGET, { body: { properties: { size: 3 } } });
    expect(created.status).toBe(201);
    expect(created.headers["retry-after"]).toBe("7");
    expect(created.headers["location"]).toBeUndefined();
    const statusUrl = String(created.headers["azure-asyncoperation"]);
    expect(
      statusUrl.startsWith(
        `${emulator.url}/subscriptions/${SUBSCRIPTION}/providers/${TEST_NAMESPACE}/locations/westeurope/operationStatuses/`,
      ),
    ).toBe(true);
    expect(statusUrl).toContain("api-version=2025-04-01");
    expect(created.json.properties).toEqual({ size: 3, provisioningState: "Accepted" });

    const status1 = await call(emulator, "GET", relative(statusUrl));
    expect(status1.status).toBe(200);
    expect(status1.json).toMatchObject({ status: "InProgress", startTime: "2030-01-01T00:00:00.000Z" });
    expect(status1.json.endTime).toBeUndefined();
    expect(status1.json.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(statusUrl).toContain(status1.json.id);
    expect(status1.headers["retry-after"]).toBe("7");

    clock.advance(1_000);
    expect((await call(emulator, "GET", WIDGET)).json.properties.provisioningState).toBe("Creating");
    expect((await call(emulator, "GET", relative(statusUrl))).json.status).toBe("InProgress");

    clock.advance(1_000);
    const done = await call(emulator, "GET", relative(statusUrl));
    expect(done.json).toMatchObject({ status: "Succeeded", endTime: "2030-01-01T00:00:02.000Z" });
    expect(done.json.error).toBeUndefined();
    expect(done.headers["retry-after"]).toBeUndefined();
    // The final GET on the resource (ARM's final state for PUT) shows it provisioned.
    expect((await call(emulator, "GET", WIDGET)).json.properties.provisioningState).toBe("Succeeded");
  });

  it("holds each state of the operation an lroSlow fault matches for its delayMs, once", async () => {
    emulator.faults.add({ method: "PUT", path: "/widgets/w1$", count: 1, kind: "lroSlow", delayMs: 60_000 });
    const created = await call(emulator, "PUT", WIDGET, { body: { properties: { size: 3 } } });
    const statusUrl = relative(String(created.headers["azure-asyncoperation"]));
    clock.advance(2_000); // the plan's own two steps would be over by now
    expect((await call(emulator, "GET", statusUrl)).json.status).toBe("InProgress");
    clock.advance(120_000);
    expect((await call(emulator, "GET", statusUrl)).json.status).toBe("Succeeded");
    // Used up: the next operation takes the plan's time again.
    const again = await call(emulator, "PUT", WIDGET, { body: { properties: { size: 4 } } });
    clock.advance(2_000);
    expect((await call(emulator, "GET", relative(String(again.headers["azure-asyncoperation"])))).json.status).toBe(
      "Succeeded",
    );
  });

  it("answers a POST action with 202 and both headers; Location says 202 until done, then 200 with the result", async () => {
    await call(emulator, "PUT", WIDGET, { body: {} });
    clock.advance(10_000);
    const accepted = await call(emulator, "POST", `${WIDGET}/polish`);
    expect(accepted.status).toBe(202);
    expect(accepted.headers["azure-asyncoperation"]).toBeDefined();
    const location = relative(accepted.headers["location"]);
    expect(location).toMatch(/\/operationResults\//);

    const pending = await call(emulator, "GET", location);
    expect(pending.status).toBe(202);
    expect(pending.headers["location"]).toBe(accepted.headers["location"]);
    expect(pending.headers["retry-after"]).toBe("7");

    clock.advance(1_000);
    const result = await call(emulator, "GET", location);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({ shine: "bright" });
    expect((await call(emulator, "GET", WIDGET)).json.properties.shine).toBe("bright");
  });

  it("deletes a resource group as ARM does: 202 + Location, Deleting, then 204 and gone with its resources", async () => {
    await call(emulator, "PUT", WIDGET, { body: {} });
    const accepted = await call(emulator, "DELETE", RG);
    expect(accepted.status).toBe(202);
    expect(accepted.headers["azure-asyncoperation"]).toBeUndefined();
    const location = relative(accepted.headers["location"]);

    expect((await call(emulator, "GET", RG)).json.properties.provisioningState).toBe("Deleting");
    // Writes into a group being deleted are refused.
    expect((await call(emulator, "PUT", RG, { body: { location: "westeurope" } })).json.error.code).toBe(
      "ResourceGroupBeingDeleted",
    );
    expect((await call(emulator, "GET", location)).status).toBe(202);

    clock.advance(1_000);
    expect((await call(emulator, "GET", location)).status).toBe(204);
    expect((await call(emulator, "GET", RG)).status).toBe(404);
    expect(emulator.store.get(WIDGET)).toBeUndefined();
  });

  it("reports an unknown operation with 404", async () => {
    const res = await call(
      emulator,
      "GET",
      `/subscriptions/${SUBSCRIPTION}/providers/${TEST_NAMESPACE}/locations/westeurope/operationStatuses/00000000-0000-0000-0000-000000000000`,
    );
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("OperationNotFound");
  });

  it("completes a zero-delay operation without stepping the clock beyond 'now'", async () => {
    await emulator.stop();
    emulator = await startTestEmulator({
      clock,
      provisioningDelayMs: 0,
      modules: MODULES_WITH_WIDGETS,
      registeredProviders: [TEST_NAMESPACE],
    });
    await call(emulator, "PUT", RG, { body: { location: "westeurope" } });
    const created = await call(emulator, "PUT", WIDGET, { body: {} });
    clock.advance(0);
    expect((await call(emulator, "GET", relative(created.headers["azure-asyncoperation"]))).json.status).toBe(
      "Succeeded",
    );
  });
});
