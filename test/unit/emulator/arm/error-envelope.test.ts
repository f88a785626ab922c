/**
 * ARM's error envelope with `target` and `details`, and the one client that depends on them: an SDK
 * auto-registration policy (as in the Azure SDKs for .NET, Python and Go), written here with
 * @azure/core-rest-pipeline. It reads the namespace from error.details[0].target, registers it, polls until
 * Registered and resends the request — the same flow an SDK runs against real ARM.
 */
import {
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type PipelinePolicy,
  type PipelineRequest,
} from "@azure/core-rest-pipeline";
import { armErrorResponse, armErrors, ManualClock, type Emulator } from "../../../../emulator";
import { call, relative, startTestEmulator, SUBSCRIPTION } from "../support";

const RG = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-envelope`;
const SERVICE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-envelope/providers/Microsoft.DataMigration/sqlMigrationServices/dms-envelope`;
const DMS_API = "2025-06-30";
const REGISTRATION_MESSAGE =
  "The subscription is not registered to use namespace 'Microsoft.DataMigration'. See https://aka.ms/rps-not-found for how to register subscriptions.";

/** Stands in for bearerTokenAuthenticationPolicy: the emulator wants a token, any token. */
const signPolicy: PipelinePolicy = {
  name: "testSign",
  sendRequest: (request, next) => {
    request.headers.set("Authorization", "Bearer test-token");
    return next(request);
  },
};

/** What an SDK's auto-registration policy does on 409 MissingSubscriptionRegistration. */
function autoRegistrationPolicy(onRegister: (namespace: string) => void): PipelinePolicy {
  return {
    name: "autoRegistration",
    async sendRequest(request, next) {
      const response = await next(request);
      if (response.status !== 409) return response;
      const error = JSON.parse(response.bodyAsText ?? "{}").error;
      const namespace: string | undefined = error?.details?.[0]?.target;
      if (error?.code !== "MissingSubscriptionRegistration" || !namespace) return response;
      onRegister(namespace);
      const url = new URL(request.url);
      const subscription = /^\/subscriptions\/([^/]+)/i.exec(url.pathname)![1];
      const provider = `${url.origin}/subscriptions/${subscription}/providers/${namespace}`;
      // The policies before this one (the TLS policy among them) have run already: carry their work over.
      const sub = (method: "GET" | "POST", target: string): PipelineRequest => {
        const r = createPipelineRequest({
          url: `${target}?api-version=2021-04-01`,
          method,
          headers: createHttpHeaders({ Accept: "application/json" }),
        });
        r.tlsSettings = request.tlsSettings;
        r.agent = request.agent;
        return r;
      };
      const registered = await next(sub("POST", `${provider}/register`));
      if (registered.status !== 200) return response;
      for (let attempt = 0; attempt < 50; attempt++) {
        const state = JSON.parse((await next(sub("GET", provider))).bodyAsText ?? "{}").registrationState;
        if (state === "Registered") return next(request);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return response;
    },
  };
}

describe("ARM error envelope", () => {
  let emulator: Emulator;
  afterEach(() => emulator?.stop());

  test("target and details are written only when an error has them", () => {
    expect(armErrorResponse(400, "Plain", "m").toEnvelope()).toEqual({ error: { code: "Plain", message: "m" } });
    expect(Object.keys(armErrorResponse(400, "Plain", "m").toEnvelope().error)).toEqual(["code", "message"]);
    const detailed = armErrorResponse(
      400,
      "Outer",
      "outer",
      {},
      { target: "properties.x", details: [{ code: "Inner", message: "inner", target: "x" }] },
    );
    expect(detailed.toEnvelope()).toEqual({
      error: {
        code: "Outer",
        message: "outer",
        target: "properties.x",
        details: [{ code: "Inner", message: "inner", target: "x" }],
      },
    });
    expect(armErrors.missingSubscriptionRegistration("Microsoft.Sql").toEnvelope().error.details).toEqual([
      {
        code: "MissingSubscriptionRegistration",
        target: "Microsoft.Sql",
        message: armErrors.missingSubscriptionRegistration("Microsoft.Sql").message,
      },
    ]);
  });

  test("an unregistered namespace answers 409 with details[0].target; the SDK's auto-registration flow then succeeds", async () => {
    emulator = await startTestEmulator({ registrationDelayMs: 60 });
    expect((await call(emulator, "PUT", RG, { body: { location: "westeurope" } })).status).toBe(201);

    const refused = await call(emulator, "PUT", SERVICE, { body: { location: "westeurope" }, apiVersion: DMS_API });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({
      error: {
        code: "MissingSubscriptionRegistration",
        message: REGISTRATION_MESSAGE,
        details: [
          { code: "MissingSubscriptionRegistration", target: "Microsoft.DataMigration", message: REGISTRATION_MESSAGE },
        ],
      },
    });

    const registeredNamespaces: string[] = [];
    const pipeline = createPipelineFromOptions({ tlsOptions: { ca: emulator.caPem }, retryOptions: { maxRetries: 0 } });
    pipeline.addPolicy(autoRegistrationPolicy((ns) => registeredNamespaces.push(ns)));
    pipeline.addPolicy(signPolicy, { phase: "Sign" });
    emulator.requestLog.clear();
    const response = await pipeline.sendRequest(
      createDefaultHttpClient(),
      createPipelineRequest({
        url: `${emulator.url}${SERVICE}?api-version=${DMS_API}`,
        method: "PUT",
        body: JSON.stringify({ location: "westeurope" }),
        headers: createHttpHeaders({ "Content-Type": "application/json" }),
      }),
    );
    expect(response.status).toBe(201);
    expect(JSON.parse(response.bodyAsText!).properties.provisioningState).toBe("Provisioning");
    expect(registeredNamespaces).toEqual(["Microsoft.DataMigration"]);
    expect(emulator.providers.getState(SUBSCRIPTION, "Microsoft.DataMigration")).toBe("Registered");

    const log = emulator.requestLog
      .read()
      .map((e) => `${e.method} ${e.status} ${e.path.split("/").slice(-2).join("/")}`);
    expect(log[0]).toBe("PUT 409 sqlMigrationServices/dms-envelope");
    expect(log[1]).toBe("POST 200 Microsoft.DataMigration/register");
    expect(log.slice(2, -1).every((l) => l === "GET 200 providers/Microsoft.DataMigration")).toBe(true);
    expect(log.length).toBeGreaterThanOrEqual(4);
    expect(log[log.length - 1]).toBe("PUT 201 sqlMigrationServices/dms-envelope");
  });

  test("long-running operations still fail with code and message (an injected lroFailed fault)", async () => {
    const clock = new ManualClock();
    emulator = await startTestEmulator({ clock, registeredProviders: ["Microsoft.DataMigration"] });
    await call(emulator, "PUT", RG, { body: { location: "westeurope" } });
    emulator.faults.add({
      method: "PUT",
      path: "sqlMigrationServices",
      count: 1,
      kind: "lroFailed",
      code: "Conflict",
      message: "Injected.",
    });
    const created = await call(emulator, "PUT", SERVICE, { body: { location: "westeurope" }, apiVersion: DMS_API });
    expect(created.status).toBe(201);
    clock.advance(0);
    const operation = await call(emulator, "GET", relative(created.headers["azure-asyncoperation"]));
    expect(operation.json.status).toBe("Failed");
    expect(operation.json.error).toEqual({ code: "Conflict", message: "Injected." });
    expect((await call(emulator, "GET", SERVICE, { apiVersion: DMS_API })).json.properties.provisioningState).toBe(
      "Failed",
    );
  });
});
