/**
 * Fidelity: the official @azure/arm-resources client, unmodified, against the emulator. The CA is
 * trusted through the pipeline's `tlsOptions` (core-rest-pipeline adds its tlsPolicy, which sets each
 * request's tlsSettings.ca) because NODE_EXTRA_CA_CERTS is only read when Node starts.
 */
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { ResourceManagementClient } from "@azure/arm-resources";
import type { Emulator } from "../../../../emulator";
import { startTestEmulator, SUBSCRIPTION } from "../support";

/** Any token will do for the emulator; this one never expires during a test. */
const staticCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: "emulator-test-token",
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

describe("@azure/arm-resources against the emulator", () => {
  let emulator: Emulator;
  let client: ResourceManagementClient;
  beforeAll(async () => {
    emulator = await startTestEmulator({ registrationDelayMs: 10, provisioningDelayMs: 10 });
    client = new ResourceManagementClient(staticCredential, SUBSCRIPTION, {
      endpoint: emulator.url,
      tlsOptions: { ca: emulator.caPem },
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.requestLog.clear());

  it("registers Microsoft.DataMigration and reads it back", async () => {
    const registering = await client.providers.register("Microsoft.DataMigration");
    expect(registering.namespace).toBe("Microsoft.DataMigration");
    expect(registering.registrationState).toBe("Registering");

    await new Promise((r) => setTimeout(r, 50));
    const provider = await client.providers.get("Microsoft.DataMigration");
    expect(provider.registrationState).toBe("Registered");
    expect(provider.id).toBe(`/subscriptions/${SUBSCRIPTION}/providers/Microsoft.DataMigration`);
    expect(provider.resourceTypes?.map((t) => t.resourceType)).toContain("services");

    // The client really sent its bearer token and api-version to the emulator.
    const [entry] = emulator.requestLog.read();
    expect(entry).toMatchObject({ method: "POST", status: 200 });
    expect(entry!.query["api-version"]).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it("lists providers through the paging helper", async () => {
    const namespaces: string[] = [];
    for await (const provider of client.providers.list()) namespaces.push(provider.namespace ?? "");
    expect(namespaces).toEqual(expect.arrayContaining(["Microsoft.Resources", "Microsoft.DataMigration"]));
  });

  it("creates, checks and deletes a resource group, polling the delete LRO to completion", async () => {
    const group = await client.resourceGroups.createOrUpdate("rg-sdk", {
      location: "westeurope",
      tags: { from: "sdk" },
    });
    expect(group).toMatchObject({
      name: "rg-sdk",
      location: "westeurope",
      properties: { provisioningState: "Succeeded" },
    });
    expect((await client.resourceGroups.checkExistence("RG-SDK")).body).toBe(true);

    await client.resourceGroups.beginDeleteAndWait("rg-sdk", { updateIntervalInMs: 5 });
    expect((await client.resourceGroups.checkExistence("rg-sdk")).body).toBe(false);
    expect(emulator.requestLog.count("GET", /\/operationResults\//)).toBeGreaterThanOrEqual(1);
  });

  it("retries through an injected 429 by honouring Retry-After", async () => {
    emulator.faults.add({
      method: "GET",
      path: "/providers/Microsoft.Sql$",
      count: 1,
      kind: "429",
      retryAfterSeconds: 0,
    });
    const provider = await client.providers.get("Microsoft.Sql");
    expect(provider.namespace).toBe("Microsoft.Sql");
    expect(emulator.requestLog.read().map((e) => e.status)).toEqual([429, 200]);
  });

  it("surfaces ARM's error code and message as a RestError", async () => {
    await expect(client.resourceGroups.get("does-not-exist")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceGroupNotFound",
    });
  });

  it("reports a failed delete operation as an error", async () => {
    await client.resourceGroups.createOrUpdate("rg-doomed", { location: "westeurope" });
    emulator.faults.add({
      method: "DELETE",
      path: "/resourcegroups/rg-doomed$",
      count: 1,
      kind: "lroFailed",
      code: "ScopeLocked",
      message: "Locked.",
    });
    await expect(
      client.resourceGroups.beginDeleteAndWait("rg-doomed", { updateIntervalInMs: 5 }),
    ).rejects.toMatchObject({ code: "ScopeLocked" });
  });
});
