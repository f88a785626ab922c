/** Microsoft.DataMigration/services: registration guard, create/get/list/patch/start/stop/checkStatus/delete. */
import { parseDataMigrationService, parseServiceStatus } from "../../../../provider/dms";
import { provision, SERVICE_PATH, startHarness, SUB, RG, type Harness } from "./support";

const subnet = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default`;

describe("DMS services", () => {
  let h: Harness;
  afterEach(() => h.emulator.stop());

  test("refused with MissingSubscriptionRegistration until the namespace is registered", async () => {
    h = await startHarness({ registered: false });
    await h.call("PUT", `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`, {
      location: "westeurope",
    });
    const res = await h.call("PUT", SERVICE_PATH, {
      location: "westeurope",
      sku: { name: "Standard_1vCores" },
      properties: { virtualSubnetId: subnet },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("MissingSubscriptionRegistration");
  });

  test("create is a long-running operation: Accepted → Deploying → Succeeded, spec shape", async () => {
    h = await startHarness();
    await h.call("PUT", `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`, {
      location: "westeurope",
    });
    const nic = `/subscriptions/${SUB}/resourceGroups/net/providers/Microsoft.Network/networkInterfaces/dms-nic`;
    const res = await h.call("PUT", SERVICE_PATH, {
      location: "westeurope",
      sku: { name: "Basic_1vCore" },
      properties: { virtualSubnetId: subnet, virtualNicId: nic },
    });
    expect(res.status).toBe(201);
    expect(res.headers["azure-asyncoperation"]).toBeDefined();
    const created = parseDataMigrationService(res.json);
    expect(created.properties.provisioningState).toBe("Accepted");
    expect(created.sku).toEqual({ name: "Basic_1vCore", tier: "Basic", size: "1 vCore" });
    expect(created.type).toBe("Microsoft.DataMigration/services");

    h.clock.advance(0);
    const got = parseDataMigrationService((await h.call("GET", SERVICE_PATH)).json);
    expect(got.properties.provisioningState).toBe("Succeeded");
    expect(got.properties.publicKey).toBeTruthy();
    expect(got.properties.virtualNicId).toBe(nic);
    const status = parseServiceStatus((await h.call("POST", `${SERVICE_PATH}/checkStatus`)).json);
    expect(status.status).toBe("Online");
    expect(status.supportedTaskTypes).toContain("Migrate.SqlServer.AzureSqlDb.Sync");

    const list = await h.call(
      "GET",
      `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DataMigration/services`,
    );
    expect(list.json.value.map((s: { name: string }) => s.name)).toEqual(["dms1"]);
  });

  test("invalid bodies fail with the field path; invalid names are refused", async () => {
    h = await startHarness();
    await h.call("PUT", `/subscriptions/${SUB}/resourcegroups/${RG}?api-version=2025-04-01`, {
      location: "westeurope",
    });
    const noSubnet = await h.call("PUT", SERVICE_PATH, {
      location: "westeurope",
      sku: { name: "Standard_1vCores" },
      properties: {},
    });
    expect(noSubnet.status).toBe(400);
    expect(noSubnet.json.error.message).toMatch(/properties\.virtualSubnetId/);
    const badSku = await h.call("PUT", SERVICE_PATH, {
      location: "westeurope",
      sku: { name: "Huge" },
      properties: { virtualSubnetId: subnet },
    });
    expect(badSku.status).toBe(400);
    const badName = await h.call("PUT", SERVICE_PATH.replace("dms1", "-bad"), {
      location: "westeurope",
      sku: { name: "Standard_1vCores" },
      properties: { virtualSubnetId: subnet },
    });
    expect(badName.status).toBe(400);
  });

  test("stop and start walk Stopping → Stopped and Starting → Succeeded; PATCH changes the SKU", async () => {
    h = await startHarness();
    await provision(h, "Standard_4vCores");
    const stop = await h.call("POST", `${SERVICE_PATH}/stop`);
    expect(stop.status).toBe(202);
    expect((await h.call("GET", SERVICE_PATH)).json.properties.provisioningState).toBe("Stopping");
    h.clock.advance(0);
    expect((await h.call("GET", SERVICE_PATH)).json.properties.provisioningState).toBe("Stopped");
    expect((await h.call("POST", `${SERVICE_PATH}/checkStatus`)).json.status).toBe("Stopped");
    expect((await h.call("POST", `${SERVICE_PATH}/stop`)).status).toBe(200);

    expect((await h.call("POST", `${SERVICE_PATH}/start`)).status).toBe(202);
    h.clock.advance(0);
    expect((await h.call("GET", SERVICE_PATH)).json.properties.provisioningState).toBe("Succeeded");

    const patched = await h.call("PATCH", SERVICE_PATH, { sku: { name: "Premium_4vCores" } });
    expect(patched.status).toBe(200);
    expect(patched.json.sku).toEqual({ name: "Premium_4vCores", tier: "Premium", size: "4 vCores" });
  });

  test("name availability, nested and top-level", async () => {
    h = await startHarness();
    await provision(h);
    const nested = await h.call("POST", `${SERVICE_PATH}/checkNameAvailability`, {
      name: "proj1",
      type: "services/projects",
    });
    expect(nested.json).toMatchObject({ nameAvailable: false, reason: "AlreadyExists" });
    const free = await h.call(
      "POST",
      `/subscriptions/${SUB}/providers/Microsoft.DataMigration/locations/westeurope/checkNameAvailability`,
      { name: "dms2", type: "services" },
    );
    expect(free.json).toEqual({ nameAvailable: true });
  });

  test("delete is a long-running operation that removes the service and its children", async () => {
    h = await startHarness();
    await provision(h);
    const del = await h.call("DELETE", SERVICE_PATH);
    expect(del.status).toBe(202);
    expect(del.headers["location"]).toBeDefined();
    h.clock.advance(0);
    expect((await h.call("GET", SERVICE_PATH)).status).toBe(404);
    expect((await h.call("GET", `${SERVICE_PATH}/projects/proj1`)).status).toBe(404);
    expect((await h.call("DELETE", SERVICE_PATH)).status).toBe(204);
  });
});
