/** Microsoft.Resources provider registration: states, timing, the drift hook and requireRegistered. */
import { ManualClock, type Emulator } from "../../../../emulator";
import { call, startTestEmulator, SUBSCRIPTION } from "../support";
import { MODULES_WITH_WIDGETS, TEST_NAMESPACE } from "../test-module";

const DMS = "Microsoft.DataMigration";
const providerPath = (ns: string) => `/subscriptions/${SUBSCRIPTION}/providers/${ns}`;

describe("provider registration on a manual clock", () => {
  let emulator: Emulator;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock();
    emulator = await startTestEmulator({ clock, registrationDelayMs: 5_000, modules: MODULES_WITH_WIDGETS });
  });
  afterEach(() => emulator.stop());

  it("returns the spec's Provider shape, NotRegistered at first", async () => {
    const res = await call(emulator, "GET", providerPath(DMS));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: `/subscriptions/${SUBSCRIPTION}/providers/${DMS}`,
      namespace: DMS,
      registrationState: "NotRegistered",
      registrationPolicy: "RegistrationRequired",
    });
    expect(res.json.resourceTypes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          resourceType: "services",
          apiVersions: expect.any(Array),
          locations: expect.any(Array),
        }),
      ]),
    );
  });

  it("moves NotRegistered → Registering → Registered after the registration delay", async () => {
    const registered = await call(emulator, "POST", `${providerPath(DMS)}/register`);
    expect(registered.status).toBe(200);
    expect(registered.json.registrationState).toBe("Registering");

    clock.advance(4_999);
    expect((await call(emulator, "GET", providerPath(DMS))).json.registrationState).toBe("Registering");
    clock.advance(1);
    expect((await call(emulator, "GET", providerPath(DMS))).json.registrationState).toBe("Registered");

    // Registering again leaves it Registered.
    expect((await call(emulator, "POST", `${providerPath(DMS)}/register`)).json.registrationState).toBe("Registered");
  });

  it("moves Registered → Unregistering → NotRegistered on unregister", async () => {
    emulator.providers.setState(SUBSCRIPTION, DMS, "Registered");
    const res = await call(emulator, "POST", `${providerPath(DMS)}/unregister`);
    expect(res.json.registrationState).toBe("Unregistering");
    clock.advance(5_000);
    expect(emulator.providers.getState(SUBSCRIPTION, DMS)).toBe("NotRegistered");
  });

  it("treats namespace and path casing as ARM does", async () => {
    await call(
      emulator,
      "POST",
      `/SUBSCRIPTIONS/${SUBSCRIPTION.toUpperCase()}/PROVIDERS/microsoft.datamigration/REGISTER`,
    );
    clock.advance(5_000);
    const res = await call(emulator, "GET", providerPath("MICROSOFT.DATAMIGRATION"));
    expect(res.json.namespace).toBe(DMS);
    expect(res.json.registrationState).toBe("Registered");
  });

  it("lists every provider, Microsoft.Resources registered (registration-free)", async () => {
    const res = await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/providers`);
    const byNamespace = Object.fromEntries(res.json.value.map((p: { namespace: string }) => [p.namespace, p]));
    expect(byNamespace["Microsoft.Resources"]).toMatchObject({
      registrationState: "Registered",
      registrationPolicy: "RegistrationFree",
    });
    expect(byNamespace[DMS]).toMatchObject({ registrationState: "NotRegistered" });
    expect(byNamespace[TEST_NAMESPACE]).toBeDefined();
  });

  it("answers an unknown namespace with 404 InvalidResourceNamespace", async () => {
    const res = await call(emulator, "POST", `${providerPath("Microsoft.Nope")}/register`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("InvalidResourceNamespace");
  });

  it("keeps registration per subscription", async () => {
    const other = "00000000-0000-0000-0000-0000000000cc";
    emulator.providers.setState(SUBSCRIPTION, DMS, "Registered");
    expect(emulator.providers.getState(other, DMS)).toBe("NotRegistered");
  });

  it("lets the admin endpoint change the state behind a stack's back, cancelling a pending transition", async () => {
    await call(emulator, "POST", `${providerPath(DMS)}/register`);
    const forced = await call(emulator, "POST", `/_emulator/providers/${SUBSCRIPTION}/${DMS}?state=NotRegistered`, {
      token: null,
      apiVersion: null,
    });
    expect(forced.status).toBe(200);
    clock.advance(10_000);
    expect((await call(emulator, "GET", providerPath(DMS))).json.registrationState).toBe("NotRegistered");
    const read = await call(emulator, "GET", `/_emulator/providers/${SUBSCRIPTION}/${DMS}`, {
      token: null,
      apiVersion: null,
    });
    expect(read.json).toEqual({ registrationState: "NotRegistered" });
    const bad = await call(emulator, "POST", `/_emulator/providers/${SUBSCRIPTION}/${DMS}?state=Sideways`, {
      token: null,
      apiVersion: null,
    });
    expect(bad.status).toBe(400);
  });

  it("requireRegistered refuses another namespace's calls with ARM's 409 until it is Registered", async () => {
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg1`, {
      body: { location: "westeurope" },
    });
    const widget = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/${TEST_NAMESPACE}/widgets/w1`;

    const refused = await call(emulator, "PUT", widget, { body: {} });
    expect(refused.status).toBe(409);
    const message = `The subscription is not registered to use namespace '${TEST_NAMESPACE}'. See https://aka.ms/rps-not-found for how to register subscriptions.`;
    expect(refused.json).toEqual({
      error: {
        code: "MissingSubscriptionRegistration",
        message,
        // ARM repeats the error with the namespace as target; SDK auto-registration policies read it there.
        details: [{ code: "MissingSubscriptionRegistration", target: TEST_NAMESPACE, message }],
      },
    });

    await call(emulator, "POST", `${providerPath(TEST_NAMESPACE)}/register`);
    expect((await call(emulator, "PUT", widget, { body: {} })).status).toBe(409); // still Registering
    clock.advance(5_000);
    expect((await call(emulator, "PUT", widget, { body: {} })).status).toBe(201);

    // Drift: unregistered behind the stack's back → refused again.
    emulator.providers.setState(SUBSCRIPTION, TEST_NAMESPACE, "NotRegistered");
    expect((await call(emulator, "GET", widget)).status).toBe(409);
  });
});

describe("provider registration on real time", () => {
  it("becomes Registered by itself after a few milliseconds", async () => {
    const emulator = await startTestEmulator({ registrationDelayMs: 20 });
    try {
      expect((await call(emulator, "POST", `${providerPath(DMS)}/register`)).json.registrationState).toBe(
        "Registering",
      );
      await new Promise((r) => setTimeout(r, 60));
      expect((await call(emulator, "GET", providerPath(DMS))).json.registrationState).toBe("Registered");
    } finally {
      await emulator.stop();
    }
  });

  it("can start with namespaces already registered", async () => {
    const emulator = await startTestEmulator({ registeredProviders: [DMS] });
    try {
      expect(emulator.providers.getState(SUBSCRIPTION, DMS)).toBe("Registered");
    } finally {
      await emulator.stop();
    }
  });
});
