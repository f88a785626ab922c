/**
 * Microsoft.DataMigration/sqlMigrationServices (current DMS, api-version 2025-06-30): gates, name rule, strict
 * bodies, the provisioning LRO and its repair, tags, auth keys, the simulated SHIR nodes (controls and admin
 * HTTP), monitoring data, deleteNode and delete.
 */
import { GUID_PATTERN, relative } from "../support";
import {
  api,
  createService,
  CURRENT_API,
  LOCATION,
  RG,
  registerNode,
  SERVICE_ID,
  SERVICE_NAME,
  servicePath,
  setupTarget,
  startCurrentHarness,
  SUB,
  type Harness,
} from "./sql-migration-support";

const KEY_PATTERN =
  /^IR@[0-9a-f-]{36}@dms-current@ServiceEndpoint=westeurope\.frontend\.clouddatahub\.net@[A-Za-z0-9+/]{43}=$/;

describe("sqlMigrationServices", () => {
  let h: Harness;
  afterEach(() => h.emulator.stop());

  test("gates: 409 MissingSubscriptionRegistration, 404 resource group, 400 for an api-version without the type", async () => {
    h = await startCurrentHarness({ registered: false });
    await api(h, "PUT", `/subscriptions/${SUB}/resourcegroups/${RG}`, { location: LOCATION }, "2025-04-01");
    const unregistered = await api(h, "PUT", servicePath(), { location: LOCATION });
    expect(unregistered.status).toBe(409);
    expect(unregistered.json.error.code).toBe("MissingSubscriptionRegistration");
    expect(unregistered.json.error.details[0].target).toBe("Microsoft.DataMigration");

    h.emulator.providers.setState(SUB, "Microsoft.DataMigration", "Registered");
    const noGroup = await api(
      h,
      "PUT",
      servicePath().replace(`/resourceGroups/${RG}/`, "/resourceGroups/missing-rg/"),
      { location: LOCATION },
    );
    expect(noGroup.status).toBe(404);
    expect(noGroup.json.error.code).toBe("ResourceGroupNotFound");
    const oldVersion = await api(h, "PUT", servicePath(), { location: LOCATION }, "2021-06-30");
    expect(oldVersion.status).toBe(400);
    expect(oldVersion.json.error.code).toBe("NoRegisteredProviderFound");
    const missing = await api(h, "GET", servicePath());
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("ResourceNotFound");
  });

  test("create: 201 + Azure-AsyncOperation + Retry-After, Provisioning → Succeeded with NeedRegistration; lists", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    const created = await api(h, "PUT", servicePath(), { location: "West Europe", tags: { env: "test" } });
    expect(created.status).toBe(201);
    expect(created.headers["retry-after"]).toBeDefined();
    expect(created.headers["location"]).toBeUndefined();
    const status = relative(created.headers["azure-asyncoperation"]);
    expect(created.json).toEqual({
      id: SERVICE_ID,
      name: SERVICE_NAME,
      type: "Microsoft.DataMigration/sqlMigrationServices",
      location: LOCATION,
      tags: { env: "test" },
      properties: { provisioningState: "Provisioning" },
    });
    expect((await api(h, "GET", status)).json.status).toBe("InProgress");

    h.clock.advance(0);
    expect((await api(h, "GET", status)).json.status).toBe("Succeeded");
    const got = await api(h, "GET", servicePath());
    expect(got.status).toBe(200);
    expect(got.json.properties).toEqual({
      provisioningState: "Succeeded",
      integrationRuntimeState: "NeedRegistration",
    });

    const byGroup = await api(
      h,
      "GET",
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/sqlMigrationServices`,
    );
    expect(byGroup.json.value).toEqual([got.json]);
    const bySubscription = await api(
      h,
      "GET",
      `/subscriptions/${SUB}/providers/Microsoft.DataMigration/sqlMigrationServices`,
    );
    expect(bySubscription.json.value.map((s: { id: string }) => s.id)).toEqual([SERVICE_ID]);
    const migrations = await api(h, "GET", `${servicePath()}/listMigrations`);
    expect(migrations.status).toBe(200);
    expect(migrations.json).toEqual({ value: [] });
  });

  test("names follow the Data Factory rule: 400 ServiceNameInvalid", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    for (const name of ["ab", "-abc", "abc-", "a--bc", "a_bc", "a.bc", "x".repeat(64)]) {
      const res = await api(h, "PUT", servicePath(name), { location: LOCATION });
      expect({ name, status: res.status, code: res.json.error.code }).toEqual({
        name,
        status: 400,
        code: "ServiceNameInvalid",
      });
      expect(res.json.error.message).toBe(
        `Service name '${name}' is not valid. Please refer https://aka.ms/dmsv2naming for naming rules.`,
      );
    }
    for (const name of ["abc", "Dms-1-a2", "x".repeat(63)])
      expect((await api(h, "PUT", servicePath(name), { location: LOCATION })).status).toBe(201);
  });

  test("bodies are strict: unknown properties and wrong types are refused by path; read-only ones are accepted", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    const sku = await api(h, "PUT", servicePath(), { location: LOCATION, sku: { name: "Standard" } });
    expect(sku.status).toBe(400);
    expect(sku.json.error).toEqual({
      code: "InvalidRequestContent",
      message: "The request content is not valid: 'sku': unknown property.",
    });
    const nested = await api(h, "PUT", servicePath(), { location: LOCATION, properties: { virtualSubnetId: "/x" } });
    expect(nested.json.error.message).toBe(
      "The request content is not valid: 'properties.virtualSubnetId': unknown property.",
    );
    const badTag = await api(h, "PUT", servicePath(), { location: LOCATION, tags: { a: 1 } });
    expect(badTag.status).toBe(400);
    expect(badTag.json.error.message).toMatch(/^The request content is not valid: 'tags\.a': /);
    const noLocation = await api(h, "PUT", servicePath(), {});
    expect(noLocation.status).toBe(400);
    expect(noLocation.json.error.code).toBe("LocationRequired");
    expect(h.emulator.store.has(SERVICE_ID)).toBe(false);

    const echoed = await api(h, "PUT", servicePath(), {
      id: SERVICE_ID,
      name: SERVICE_NAME,
      type: "Microsoft.DataMigration/sqlMigrationServices",
      systemData: { createdBy: "someone", createdAt: "2025-01-01T00:00:00Z" },
      location: LOCATION,
      properties: { provisioningState: "Succeeded", integrationRuntimeState: "Online" },
    });
    expect(echoed.status).toBe(201);
    expect(echoed.json.properties).toEqual({ provisioningState: "Provisioning" });

    h.clock.advance(0);
    const patchTypo = await api(h, "PATCH", servicePath(), { tag: { a: "b" } });
    expect(patchTypo.status).toBe(400);
    expect(patchTypo.json.error.message).toBe("The request content is not valid: 'tag': unknown property.");
  });

  test("PUT on a Succeeded service replaces the tags at once (200); PATCH changes tags (200)", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    await createService(h);
    const retagged = await api(h, "PUT", servicePath(), { location: LOCATION, tags: { a: "1" } });
    expect(retagged.status).toBe(200);
    expect(retagged.headers["azure-asyncoperation"]).toBeUndefined();
    expect(retagged.json.tags).toEqual({ a: "1" });
    expect(retagged.json.properties.provisioningState).toBe("Succeeded");
    const untagged = await api(h, "PUT", servicePath(), { location: LOCATION });
    expect(untagged.json.tags).toBeUndefined();
    const patched = await api(h, "PATCH", servicePath(), { tags: { b: "2" } });
    expect(patched.status).toBe(200);
    expect(patched.json.tags).toEqual({ b: "2" });
    expect(patched.json.properties.integrationRuntimeState).toBe("NeedRegistration");
    const moved = await api(h, "PUT", servicePath(), { location: "northeurope" });
    expect(moved.status).toBe(400);
    expect(moved.json.error.code).toBe("InvalidResourceLocation");
  });

  test("a serviceProvisioningFails fault ends the create Failed; a PUT on the Failed service provisions it again", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    h.dms.controls.faults.add({
      kind: "serviceProvisioningFails",
      service: "^dms-current$",
      message: "No Data Factory capacity.",
    });
    const created = await api(h, "PUT", servicePath(), { location: LOCATION });
    expect(created.status).toBe(201);
    h.clock.advance(0);
    const operation = await api(h, "GET", relative(created.headers["azure-asyncoperation"]));
    expect(operation.json.status).toBe("Failed");
    expect(operation.json.error).toEqual({ code: "ServiceProvisioningFailed", message: "No Data Factory capacity." });
    const failed = await api(h, "GET", servicePath());
    expect(failed.json.properties).toEqual({ provisioningState: "Failed" });

    const repaired = await api(h, "PUT", servicePath(), { location: LOCATION });
    expect(repaired.status).toBe(200);
    expect(repaired.headers["azure-asyncoperation"]).toBeDefined();
    expect(repaired.json.properties.provisioningState).toBe("Provisioning");
    h.clock.advance(0);
    expect((await api(h, "GET", relative(repaired.headers["azure-asyncoperation"]))).json.status).toBe("Succeeded");
    expect((await api(h, "GET", servicePath())).json.properties).toEqual({
      provisioningState: "Succeeded",
      integrationRuntimeState: "NeedRegistration",
    });
  });

  test("auth keys: listAuthKeys, regenerateAuthKeys answers only the new key and the old one stops registering nodes", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    await createService(h);
    const keys = await api(h, "POST", `${servicePath()}/listAuthKeys`);
    expect(keys.status).toBe(200);
    expect(Object.keys(keys.json).sort()).toEqual(["authKey1", "authKey2"]);
    expect(keys.json.authKey1).toMatch(KEY_PATTERN);
    expect(keys.json.authKey2).toMatch(KEY_PATTERN);
    expect(keys.json.authKey1).not.toBe(keys.json.authKey2);

    const regenerated = await api(h, "POST", `${servicePath()}/regenerateAuthKeys`, { keyName: "authKey1" });
    expect(regenerated.status).toBe(200);
    expect(Object.keys(regenerated.json)).toEqual(["authKey1"]);
    expect(regenerated.json.authKey1).toMatch(KEY_PATTERN);
    expect(regenerated.json.authKey1).not.toBe(keys.json.authKey1);
    const after = await api(h, "POST", `${servicePath()}/listAuthKeys`);
    expect(after.json).toEqual({ authKey1: regenerated.json.authKey1, authKey2: keys.json.authKey2 });

    expect(() => h.dms.controls.integrationRuntime.registerNode(keys.json.authKey1)).toThrow(
      expect.objectContaining({ status: 400, code: "InvalidAuthKey" }),
    );
    expect(h.dms.controls.integrationRuntime.registerNode(keys.json.authKey2, "node-b")).toEqual({
      serviceId: SERVICE_ID,
      nodeName: "node-b",
      integrationRuntimeState: "Online",
    });

    for (const keyName of ["authKey3", "AuthKey1", ""]) {
      const bad = await api(h, "POST", `${servicePath()}/regenerateAuthKeys`, { keyName });
      expect(bad.status).toBe(400);
      expect(bad.json.error).toEqual({
        code: "RegenerateAuthenticationKeyNameInvalid",
        message: `Key name '${keyName}' is invalid. Valid key names are authKey1 and authKey2.`,
      });
    }

    // Keys never leave through GET, lists or the store.
    const bodies = [
      (await api(h, "GET", servicePath())).text,
      (await api(h, "GET", `/subscriptions/${SUB}/providers/Microsoft.DataMigration/sqlMigrationServices`)).text,
      JSON.stringify(h.emulator.store.all()),
    ].join("\n");
    for (const key of [keys.json.authKey1, keys.json.authKey2, regenerated.json.authKey1])
      expect(bodies).not.toContain(key);
    expect(bodies).not.toMatch(/authKey/);
  });

  // Long on purpose: one runtime node's life in order (registered, monitored, offline, deleted); each check reads
  // the state the one before left.
  test("SHIR nodes over the admin routes: runtime state, monitoring data, node status, deleteNode", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    await createService(h);
    const monitorPath = `${servicePath()}/listMonitoringData`;
    expect((await api(h, "POST", monitorPath)).json).toEqual({ name: "default-ir", nodes: [] });
    const keys = (await api(h, "POST", `${servicePath()}/listAuthKeys`)).json;
    h.emulator.requestLog.clear();

    const wrongKey = `${keys.authKey1.slice(0, -4)}AAA=`;
    const refused = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes", { authKey: wrongKey });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("InvalidAuthKey");
    expect(refused.text).not.toContain(wrongKey);

    const registered = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes", {
      authKey: keys.authKey1,
    });
    expect(registered.status).toBe(200);
    expect(registered.json).toEqual({
      serviceId: SERVICE_ID,
      nodeName: "shir-node-1",
      integrationRuntimeState: "Online",
    });
    expect(registered.text).not.toContain(keys.authKey1);
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("Online");
    const again = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes", {
      authKey: keys.authKey2,
      nodeName: "SHIR-NODE-1",
    });
    expect(again.json.nodeName).toBe("shir-node-1");

    const monitoring = await api(h, "POST", monitorPath);
    expect(monitoring.status).toBe(200);
    expect(monitoring.json.name).toBe("default-ir");
    expect(monitoring.json.nodes).toHaveLength(1);
    expect(monitoring.json.nodes[0]).toEqual({
      nodeName: "shir-node-1",
      availableMemoryInMB: expect.any(Number),
      cpuUtilization: expect.any(Number),
      concurrentJobsLimit: expect.any(Number),
      concurrentJobsRunning: 0,
      maxConcurrentJobs: expect.any(Number),
      sentBytes: expect.any(Number),
      receivedBytes: expect.any(Number),
      status: "Online",
      version: "5.37.8767.4",
    });

    const offline = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes/shir-node-1/status", {
      status: "Offline",
    });
    expect(offline.status).toBe(200);
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("Offline");
    expect((await api(h, "POST", monitorPath)).json.nodes[0].status).toBe("Offline");
    const unknownNode = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes/nobody/status", {
      status: "Online",
    });
    expect(unknownNode.status).toBe(404);
    const badStatus = await api(h, "POST", "/_emulator/datamigration/integration-runtime/nodes/shir-node-1/status", {
      status: "Limited",
    });
    expect(badStatus.status).toBe(400);

    h.dms.controls.integrationRuntime.registerNode(keys.authKey1, "shir-node-2");
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("Online");
    // Admin calls are not ARM calls: nothing of the above is in the request log.
    expect(h.emulator.requestLog.read().filter((e) => e.path.includes("_emulator"))).toEqual([]);

    const wrongRuntime = await api(h, "POST", `${servicePath()}/deleteNode`, {
      nodeName: "shir-node-1",
      integrationRuntimeName: "other-ir",
    });
    expect(wrongRuntime.status).toBe(400);
    expect(wrongRuntime.json.error).toEqual({
      code: "InvalidArgument",
      message: "Invalid argument 'integrationRuntimeName'.",
    });
    const unknown = await api(h, "POST", `${servicePath()}/deleteNode`, {
      nodeName: "nobody",
      integrationRuntimeName: "default-ir",
    });
    expect(unknown.json.error).toEqual({ code: "InvalidArgument", message: "Invalid argument 'nodeName'." });
    const deleted = await api(h, "POST", `${servicePath()}/deleteNode`, {
      nodeName: "shir-node-2",
      integrationRuntimeName: "default-ir",
    });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ nodeName: "shir-node-2", integrationRuntimeName: "default-ir" });
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("Offline");
    await api(h, "POST", `${servicePath()}/deleteNode`, {
      nodeName: "shir-node-1",
      integrationRuntimeName: "default-ir",
    });
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("NeedRegistration");
    expect((await api(h, "POST", monitorPath)).json).toEqual({ name: "default-ir", nodes: [] });
  });

  test("delete: 202 with Azure-AsyncOperation and Location, then gone with its keys; 204 when absent", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    await createService(h);
    await registerNode(h);
    const keys = (await api(h, "POST", `${servicePath()}/listAuthKeys`)).json;
    const deleted = await api(h, "DELETE", servicePath());
    expect(deleted.status).toBe(202);
    expect(deleted.headers["azure-asyncoperation"]).toBeDefined();
    expect(deleted.headers["location"]).toBeDefined();
    expect(deleted.headers["retry-after"]).toBeDefined();
    expect((await api(h, "GET", servicePath())).json.properties.provisioningState).toBe("Deleting");
    h.clock.advance(0);
    expect((await api(h, "GET", relative(deleted.headers["location"]))).status).toBe(204);
    expect((await api(h, "GET", servicePath())).status).toBe(404);
    expect((await api(h, "DELETE", servicePath())).status).toBe(204);
    expect(() => h.dms.controls.integrationRuntime.registerNode(keys.authKey2)).toThrow(
      expect.objectContaining({ code: "InvalidAuthKey" }),
    );

    // The same name again is a new service with new keys and no nodes.
    await createService(h);
    const fresh = (await api(h, "POST", `${servicePath()}/listAuthKeys`)).json;
    expect(fresh.authKey1).not.toBe(keys.authKey1);
    expect((await api(h, "GET", servicePath())).json.properties.integrationRuntimeState).toBe("NeedRegistration");
  });

  test("every current-DMS api-version is served", async () => {
    h = await startCurrentHarness();
    await setupTarget(h);
    await createService(h);
    for (const v of [
      "2022-03-30-preview",
      "2023-07-15-preview",
      "2025-03-15-preview",
      CURRENT_API,
      "2025-09-01-preview",
    ]) {
      const res = await api(h, "GET", servicePath(), undefined, v);
      expect({ v, status: res.status }).toEqual({ v, status: 200 });
    }
    expect((await api(h, "GET", servicePath())).json.id).toBe(SERVICE_ID);
    expect(GUID_PATTERN.test((await api(h, "POST", `${servicePath()}/listAuthKeys`)).json.authKey1.split("@")[1])).toBe(
      true,
    );
  });
});
