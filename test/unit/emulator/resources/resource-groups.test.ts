/** Microsoft.Resources resource groups and ARM's case-insensitive resource IDs. */
import type { Emulator } from "../../../../emulator";
import { call, startTestEmulator, SUBSCRIPTION } from "../support";

describe("resource groups", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.stop());

  it("creates with 201 in the spec's shape, updates with 200", async () => {
    const path = `/subscriptions/${SUBSCRIPTION}/resourcegroups/My-Group`;
    const created = await call(emulator, "PUT", path, { body: { location: "eastus", tags: { team: "data" } } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/My-Group`,
      name: "My-Group",
      type: "Microsoft.Resources/resourceGroups",
      location: "eastus",
      tags: { team: "data" },
      properties: { provisioningState: "Succeeded" },
    });
    const updated = await call(emulator, "PUT", path, { body: { location: "eastus" } });
    expect(updated.status).toBe(200);
  });

  it("finds a resource whatever the casing of its ID, and answers with the casing it was created with", async () => {
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourceGroups/CaseGroup`, {
      body: { location: "westus" },
    });
    const res = await call(emulator, "GET", `/SUBSCRIPTIONS/${SUBSCRIPTION.toUpperCase()}/RESOURCEGROUPS/casegroup`);
    expect(res.status).toBe(200);
    expect(res.json.name).toBe("CaseGroup");
    expect(res.json.id).toBe(`/subscriptions/${SUBSCRIPTION}/resourceGroups/CaseGroup`);

    // A PUT with other casing updates the same group and keeps the original name.
    const again = await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/CASEGROUP`, {
      body: { location: "westus" },
    });
    expect(again.status).toBe(200);
    expect(again.json.name).toBe("CaseGroup");
    expect(emulator.store.all().filter((r) => r.name.toLowerCase() === "casegroup")).toHaveLength(1);
  });

  it("answers HEAD with 204 or 404 and no body", async () => {
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/head-rg`, {
      body: { location: "westus" },
    });
    const present = await call(emulator, "HEAD", `/subscriptions/${SUBSCRIPTION}/resourcegroups/HEAD-RG`);
    expect(present.status).toBe(204);
    const missing = await call(emulator, "HEAD", `/subscriptions/${SUBSCRIPTION}/resourcegroups/nope`);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("");
  });

  it("answers a missing group with 404 ResourceGroupNotFound", async () => {
    const res = await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/resourcegroups/ghost`);
    expect(res.status).toBe(404);
    expect(res.json.error).toEqual({
      code: "ResourceGroupNotFound",
      message: "Resource group 'ghost' could not be found.",
    });
    expect((await call(emulator, "DELETE", `/subscriptions/${SUBSCRIPTION}/resourcegroups/ghost`)).status).toBe(404);
  });

  it("requires a location, and refuses to move an existing group", async () => {
    const noLocation = await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/nowhere`, {
      body: {},
    });
    expect(noLocation.status).toBe(400);
    expect(noLocation.json.error.code).toBe("LocationRequired");
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/fixed`, {
      body: { location: "eastus" },
    });
    const moved = await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/fixed`, {
      body: { location: "westus" },
    });
    expect(moved.status).toBe(409);
    expect(moved.json.error.code).toBe("InvalidResourceGroupLocation");
  });

  it("patches tags and lists groups", async () => {
    await call(emulator, "PUT", `/subscriptions/${SUBSCRIPTION}/resourcegroups/tagged`, {
      body: { location: "eastus" },
    });
    const patched = await call(emulator, "PATCH", `/subscriptions/${SUBSCRIPTION}/resourcegroups/tagged`, {
      body: { tags: { a: "b" } },
    });
    expect(patched.json.tags).toEqual({ a: "b" });
    const list = await call(emulator, "GET", `/subscriptions/${SUBSCRIPTION}/resourcegroups`);
    expect(list.json.value.map((g: { name: string }) => g.name)).toContain("tagged");
  });
});
