/**
 * Microsoft.Resources resource groups: ResourceGroups_CreateOrUpdate (PUT, synchronous 201/200),
 * _Get, _CheckExistence (HEAD 204/404), _Update (PATCH), _List, and _Delete — a long-running
 * operation answered 202 with a Location header, as the spec declares, that removes the group and
 * everything in it once done.
 */
import { z } from "zod";
import { armErrors } from "../arm/errors";
import { respond, type ArmRequest } from "../arm/request";
import type { Router } from "../arm/router";
import { provisioningStateSetter, type ResourceStore, type StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";

export const RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

const GROUPS = "/subscriptions/{subscriptionId}/resourcegroups";
const GROUP = `${GROUPS}/{resourceGroupName}`;

/** The writable part of the spec's ResourceGroup definition. */
const resourceGroupBody = z.object({
  location: z.string().min(1).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  managedBy: z.string().optional(),
});

/** ResourceGroupPatchable. */
const resourceGroupPatch = z.object({
  tags: z.record(z.string(), z.string()).optional(),
  managedBy: z.string().optional(),
});

export function resourceGroupId(subscriptionId: string, resourceGroupName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;
}

/** The resource group, or ARM's error: 404 when missing, 409 while it is being deleted. */
export function requireResourceGroup(
  store: ResourceStore,
  subscriptionId: string,
  resourceGroupName: string,
): StoredResource {
  const group = store.get(resourceGroupId(subscriptionId, resourceGroupName));
  if (!group) throw armErrors.resourceGroupNotFound(resourceGroupName);
  if (group.properties?.["provisioningState"] === "Deleting") throw armErrors.resourceGroupBeingDeleted(group.name);
  return group;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw armErrors.invalidRequestBody(
      `Invalid property '${issue?.path.join(".") ?? ""}': ${issue?.message ?? "invalid"}.`,
    );
  }
  return parsed.data;
}

export function registerResourceGroupRoutes(router: Router, services: EmulatorServices): void {
  const { store } = services;
  const idOf = (req: ArmRequest) => resourceGroupId(req.params["subscriptionId"]!, req.params["resourceGroupName"]!);

  router.add("PUT", GROUP, (req) => {
    const body = parseBody(resourceGroupBody, req.body);
    if (!body.location) throw armErrors.locationRequired();
    const existing = store.get(idOf(req));
    if (existing?.properties?.["provisioningState"] === "Deleting")
      throw armErrors.resourceGroupBeingDeleted(existing.name);
    if (existing && normalizeLocation(existing.location) !== normalizeLocation(body.location)) {
      throw armErrors.invalidResourceGroupLocation(existing.name, body.location, existing.location ?? "");
    }
    const group: StoredResource = {
      id: idOf(req),
      name: req.params["resourceGroupName"]!,
      type: RESOURCE_GROUP_TYPE,
      location: existing?.location ?? body.location,
      ...(body.tags ? { tags: body.tags } : {}),
      ...(body.managedBy ? { managedBy: body.managedBy } : {}),
      properties: { provisioningState: "Succeeded" },
    };
    const { created, resource } = store.put(group);
    return created ? respond.created(resource) : respond.ok(resource);
  });

  router.add("GET", GROUP, (req) => {
    const group = store.get(idOf(req));
    if (!group) throw armErrors.resourceGroupNotFound(req.params["resourceGroupName"]!);
    return respond.ok(group);
  });

  // CheckExistence answers with a status only: 204 when present, 404 when not.
  router.add("HEAD", GROUP, (req) => (store.has(idOf(req)) ? respond.noContent() : respond.notFoundEmpty()));

  router.add("PATCH", GROUP, (req) => {
    const patch = parseBody(resourceGroupPatch, req.body);
    const updated = store.update(idOf(req), (group) => {
      if (patch.tags !== undefined) group.tags = patch.tags;
      if (patch.managedBy !== undefined) group["managedBy"] = patch.managedBy;
    });
    if (!updated) throw armErrors.resourceGroupNotFound(req.params["resourceGroupName"]!);
    return respond.ok(updated);
  });

  router.add("GET", GROUPS, (req) => {
    const groups = store.listChildren(`/subscriptions/${req.params["subscriptionId"]}/resourceGroups`);
    return respond.ok({ value: groups });
  });

  router.add("DELETE", GROUP, (req) => {
    const group = store.get(idOf(req));
    if (!group) throw armErrors.resourceGroupNotFound(req.params["resourceGroupName"]!);
    return services.lro.accept(
      req,
      {
        subscriptionId: req.params["subscriptionId"]!,
        namespace: "Microsoft.Resources",
        location: group.location ?? "global",
        states: ["Deleting"],
        applyState: provisioningStateSetter(store, group.id),
        complete: () => {
          store.deleteTree(group.id);
        },
      },
      { status: 202, headers: "location" },
    );
  });
}

function normalizeLocation(location: string | undefined): string {
  return (location ?? "").toLowerCase().replace(/\s+/g, "");
}
