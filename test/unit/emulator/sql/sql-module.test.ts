/** The minimal Microsoft.Sql module: registration, servers and databases, LROs, no password in any answer. */
import type { Emulator } from "../../../../emulator";
import { call, relative, startTestEmulator, SUBSCRIPTION } from "../support";

const API = "2023-08-01";
const RG = `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-sql`;
const SERVER = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Sql/servers/sqltarget01`;
const DATABASE = `${SERVER}/databases/SalesDb`;
const PASSWORD = "Sql-Adm1n-Pa55!";

const sql = (emulator: Emulator, method: string, path: string, body?: unknown, apiVersion = API) =>
  call(emulator, method, path, { body, apiVersion });

describe("Microsoft.Sql (minimal)", () => {
  let emulator: Emulator;
  afterEach(() => emulator.stop());

  async function start(registered = true): Promise<void> {
    emulator = await startTestEmulator({ registeredProviders: registered ? ["Microsoft.Sql"] : [] });
    expect((await call(emulator, "PUT", RG, { body: { location: "westeurope" } })).status).toBe(201);
  }

  test("needs the namespace registered, a resource group and a modelled api-version", async () => {
    await start(false);
    const unregistered = await sql(emulator, "PUT", SERVER, { location: "westeurope" });
    expect(unregistered.status).toBe(409);
    expect(unregistered.json.error.code).toBe("MissingSubscriptionRegistration");
    emulator.providers.setState(SUBSCRIPTION, "Microsoft.Sql", "Registered");
    expect(
      (await sql(emulator, "PUT", SERVER.replace("rg-sql", "nope"), { location: "westeurope" })).json.error.code,
    ).toBe("ResourceGroupNotFound");
    const oldApi = await sql(emulator, "PUT", SERVER, { location: "westeurope" }, "2014-04-01");
    expect(oldApi.status).toBe(400);
    expect(oldApi.json.error.code).toBe("NoRegisteredProviderFound");
    expect(oldApi.json.error.message).toContain("'2014-04-01'");
    expect((await sql(emulator, "PUT", SERVER, {})).json.error.code).toBe("LocationRequired");
  });

  test("server: 201 + Azure-AsyncOperation on create, 200 on update, GET and list; the password never comes back", async () => {
    await start();
    const created = await sql(emulator, "PUT", SERVER, {
      location: "West Europe",
      tags: { env: "test" },
      properties: {
        administratorLogin: "admin1",
        administratorLoginPassword: PASSWORD,
        version: "12.0",
        minimalTlsVersion: "1.2",
        publicNetworkAccess: "Enabled",
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toBeDefined();
    const operation = relative(created.headers["azure-asyncoperation"]);
    expect((await call(emulator, "GET", operation)).json.status).toBe("Succeeded");
    const got = await sql(emulator, "GET", SERVER);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      id: SERVER,
      name: "sqltarget01",
      type: "Microsoft.Sql/servers",
      location: "westeurope",
      tags: { env: "test" },
    });
    expect(got.json.properties).toEqual({
      administratorLogin: "admin1",
      version: "12.0",
      state: "Ready",
      fullyQualifiedDomainName: "sqltarget01.database.windows.net",
      publicNetworkAccess: "Enabled",
      minimalTlsVersion: "1.2",
    });
    const updated = await sql(emulator, "PUT", SERVER, {
      location: "westeurope",
      properties: { administratorLoginPassword: PASSWORD },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers["azure-asyncoperation"]).toBeUndefined();
    const list = await sql(
      emulator,
      "GET",
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sql/providers/Microsoft.Sql/servers`,
    );
    expect(list.json.value.map((s: { name: string }) => s.name)).toEqual(["sqltarget01"]);
    for (const text of [created.text, got.text, updated.text, list.text, JSON.stringify(emulator.store.all())])
      expect(text).not.toContain(PASSWORD);
    expect((await sql(emulator, "GET", SERVER.replace("sqltarget01", "other"))).status).toBe(404);
  });

  test("databases: default collation, Online; a database of a missing server is 404 ParentResourceNotFound", async () => {
    await start();
    const orphan = await sql(emulator, "PUT", DATABASE, { location: "westeurope" });
    expect(orphan.status).toBe(404);
    expect(orphan.json.error.code).toBe("ParentResourceNotFound");
    await sql(emulator, "PUT", SERVER, {
      location: "westeurope",
      properties: { administratorLogin: "admin1", administratorLoginPassword: PASSWORD },
    });
    const created = await sql(emulator, "PUT", DATABASE, { location: "westeurope", sku: { name: "S0" } });
    expect(created.status).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toBeDefined();
    const got = await sql(emulator, "GET", DATABASE);
    expect(got.json).toMatchObject({ name: "SalesDb", type: "Microsoft.Sql/servers/databases", sku: { name: "S0" } });
    expect(got.json.properties).toMatchObject({ collation: "SQL_Latin1_General_CP1_CI_AS", status: "Online" });
    const other = await sql(emulator, "PUT", `${SERVER}/databases/HrDb`, {
      location: "westeurope",
      properties: { collation: "Latin1_General_100_CI_AS" },
    });
    expect(other.json.properties.collation).toBe("Latin1_General_100_CI_AS");
    expect((await sql(emulator, "PUT", DATABASE, { location: "westeurope" })).status).toBe(200);
    const list = await sql(emulator, "GET", `${SERVER}/databases`);
    expect(list.json.value.map((d: { name: string }) => d.name).sort()).toEqual(["HrDb", "SalesDb"]);
  });

  test("deleting a server is a 202 LRO that removes its databases; 204 when absent", async () => {
    await start();
    await sql(emulator, "PUT", SERVER, { location: "westeurope" });
    await sql(emulator, "PUT", DATABASE, { location: "westeurope" });
    const deleted = await sql(emulator, "DELETE", SERVER);
    expect(deleted.status).toBe(202);
    expect(deleted.headers["location"]).toBeDefined();
    expect(deleted.headers["azure-asyncoperation"]).toBeDefined();
    expect((await call(emulator, "GET", relative(deleted.headers["location"]))).status).toBe(204);
    expect((await sql(emulator, "GET", SERVER)).status).toBe(404);
    expect(emulator.store.has(DATABASE)).toBe(false);
    expect((await sql(emulator, "DELETE", SERVER)).status).toBe(204);
    await sql(emulator, "PUT", SERVER, { location: "westeurope" });
    const dbDelete = await sql(emulator, "DELETE", `${SERVER}/databases/Nope`);
    expect(dbDelete.status).toBe(204);
  });
});
