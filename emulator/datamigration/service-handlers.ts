/**
 * `Microsoft.DataMigration/services` (DMS instances), one named handler per operation of datamigration.json
 * 2021-06-30: Services_CreateOrUpdate, _Delete, _Start and _Stop as long-running operations on the shared LRO
 * engine; _Update (PATCH) answered synchronously with 200, one of the answers the spec allows for it; _Get,
 * _ListByResourceGroup, _List, _CheckStatus, _CheckChildrenNameAvailability and _CheckNameAvailability.
 *
 * provisioningState walks Accepted → Deploying → Succeeded on create (Failed with a
 * `serviceProvisioningFails` fault), Stopping → Stopped on stop, Starting → Succeeded on start.
 */
import { armErrorResponse } from "../arm/errors";
import { respond, type ArmRequest, type ArmResponse } from "../arm/request";
import { provisioningStateSetter, type StoredResource } from "../arm/store";
import { dmsErrors } from "./errors";
import { etagOf } from "./etag";
import { requireGroup, requireRegistered, requireService, type ClassicContext } from "./gates";
import { isValidName } from "./names";
import { NAMESPACE, serviceId } from "./paths";
import { queryFlag, readBody } from "./request-body";
import { skuDetails, vmSizeFor } from "./skus";
import { dataMigrationServiceBody, dataMigrationServicePatch, nameAvailabilityRequest } from "./spec-shapes";
import { RESOURCE_TYPE, TASK_TYPE } from "./task-types";

/** Task types a DMS instance advertises in checkStatus (the ones this emulator runs). */
const SUPPORTED_TASK_TYPES = Object.values(TASK_TYPE);

function sku(name: string | undefined) {
  if (!name)
    throw dmsErrors.invalidBody(
      "The request content is not valid: 'sku.name': required (e.g. Standard_4vCores, Premium_4vCores).",
    );
  const details = skuDetails(name);
  if (!details)
    throw dmsErrors.invalidBody(
      `The SKU '${name}' is not a Database Migration Service SKU (e.g. Standard_4vCores, Premium_4vCores).`,
    );
  return details;
}

function withEtag(resource: StoredResource): StoredResource {
  const { etag: _etag, ...rest } = resource;
  return { ...rest, etag: etagOf({ ...rest, properties: { ...rest.properties, provisioningState: undefined } }) };
}

export function Services_CreateOrUpdate(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store, lro } = ctx.services;
  const p = req.params;
  requireGroup(ctx, req);
  if (!isValidName("service", p["serviceName"]!)) throw dmsErrors.invalidName("service", p["serviceName"]!);
  const body = readBody(dataMigrationServiceBody, req.body);
  const id = serviceId(p);
  const existing = store.get(id);
  const details = sku(body.sku?.name);
  if (existing) {
    const changes =
      (existing["sku"] as { name?: string } | undefined)?.name !== details.name ||
      existing.properties?.["virtualSubnetId"] !== body.properties.virtualSubnetId;
    if (changes && ctx.state.hasRunningTasks(id))
      throw dmsErrors.serviceIsBusy(existing.name, "change its SKU or network");
  }
  const resource: StoredResource = withEtag({
    id,
    name: p["serviceName"]!,
    type: RESOURCE_TYPE.service,
    location: existing?.location ?? body.location,
    ...(body.tags ? { tags: body.tags } : {}),
    kind: body.kind ?? "vm",
    sku: details,
    properties: {
      provisioningState: existing?.properties?.["provisioningState"] ?? "Accepted",
      publicKey: existing?.properties?.["publicKey"] ?? `0;AQAB;${etagOf(id)}`,
      virtualSubnetId: body.properties.virtualSubnetId,
      ...(body.properties.virtualNicId ? { virtualNicId: body.properties.virtualNicId } : {}),
    },
  });
  const { created } = store.put(resource);
  // An update of a running service is immediate; creation deploys through the LRO.
  if (!created && existing?.properties?.["provisioningState"] === "Succeeded") return respond.ok(store.get(id));
  const fault = created ? ctx.state.faults.takeServiceProvisioningFailure(p["serviceName"]!) : undefined;
  return lro.accept(
    req,
    {
      subscriptionId: p["subscriptionId"]!,
      namespace: NAMESPACE,
      location: resource.location!,
      states: ["Accepted", "Deploying"],
      applyState: provisioningStateSetter(store, id),
      complete: () => {
        if (fault)
          throw armErrorResponse(
            400,
            "ServiceProvisioningFailed",
            fault.message ?? `Provisioning the service '${p["serviceName"]}' failed (injected fault).`,
          );
      },
    },
    { status: created ? 201 : 200, headers: "azureAsyncOperation", body: () => store.get(id) },
  );
}

export function Services_Get(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  return respond.ok(requireService(ctx, req));
}

export function Services_Update(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store } = ctx.services;
  const current = requireService(ctx, req);
  const patch = readBody(dataMigrationServicePatch, req.body);
  const details = patch.sku ? sku(patch.sku.name) : undefined;
  const subnet = patch.properties?.virtualSubnetId;
  if ((details || subnet) && ctx.state.hasRunningTasks(current.id))
    throw dmsErrors.serviceIsBusy(current.name, "change its SKU or network");
  const updated = store.update(current.id, (s) => {
    if (patch.tags) s.tags = patch.tags;
    if (details) s["sku"] = details;
    if (subnet) s.properties = { ...s.properties, virtualSubnetId: subnet };
  })!;
  store.put(withEtag(updated));
  return respond.ok(store.get(current.id));
}

export function Services_Delete(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store, lro } = ctx.services;
  const p = req.params;
  requireGroup(ctx, req);
  const id = serviceId(p);
  const service = store.get(id);
  if (!service) return respond.noContent(); // 204: "Service not found"
  if (ctx.state.hasRunningTasks(id) && !queryFlag(req.query, "deleteRunningTasks")) {
    throw dmsErrors.resourceHasRunningTasks("service", service.name);
  }
  return lro.accept(
    req,
    {
      subscriptionId: p["subscriptionId"]!,
      namespace: NAMESPACE,
      location: service.location ?? "global",
      states: ["Deleting"],
      applyState: provisioningStateSetter(store, id),
      complete: () => {
        ctx.state.tasks.forgetTree(id);
        store.deleteTree(id);
      },
    },
    { status: 202, headers: "both" },
  );
}

export function Services_ListByResourceGroup(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  requireGroup(ctx, req);
  const prefix = `/subscriptions/${req.params["subscriptionId"]}/resourceGroups/${req.params["groupName"]}/providers/Microsoft.DataMigration/services`;
  return respond.ok({ value: ctx.services.store.listChildren(prefix) });
}

export function Services_List(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  requireRegistered(ctx, req);
  const sub = `/subscriptions/${req.params["subscriptionId"]}/`.toLowerCase();
  return respond.ok({
    value: ctx.services.store
      .all()
      .filter((r) => r.type === RESOURCE_TYPE.service && r.id.toLowerCase().startsWith(sub)),
  });
}

/** Services_Start and Services_Stop: 202 LROs; 200 when the service is already there. */
function powerAction(ctx: ClassicContext, req: ArmRequest, action: "start" | "stop"): ArmResponse {
  const { store, lro } = ctx.services;
  const service = requireService(ctx, req);
  const current = String(service.properties?.["provisioningState"] ?? "");
  const target = action === "start" ? "Succeeded" : "Stopped";
  if (current === target) return respond.ok(undefined); // 200: already started / stopped
  if (action === "stop" && ctx.state.hasRunningTasks(service.id)) throw dmsErrors.serviceIsBusy(service.name, "stop");
  if (current !== "Succeeded" && current !== "Stopped") {
    throw armErrorResponse(
      409,
      "ServiceNotReady",
      `The service '${service.name}' is '${current}' and cannot ${action} now.`,
    );
  }
  const setState = provisioningStateSetter(store, service.id);
  return lro.accept(
    req,
    {
      subscriptionId: req.params["subscriptionId"]!,
      namespace: NAMESPACE,
      location: service.location ?? "global",
      states: [action === "start" ? "Starting" : "Stopping"],
      // The engine reports Succeeded/Failed; the service's own words are Stopped and FailedToStart/Stop.
      applyState: (s) =>
        setState(
          s === "Succeeded" ? target : s === "Failed" ? (action === "start" ? "FailedToStart" : "FailedToStop") : s,
        ),
    },
    { status: 202, headers: "both" },
  );
}

export function Services_Start(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  return powerAction(ctx, req, "start");
}

export function Services_Stop(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  return powerAction(ctx, req, "stop");
}

export function Services_CheckStatus(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const provisioning = String(service.properties?.["provisioningState"] ?? "");
  const status = provisioning === "Succeeded" ? "Online" : provisioning === "Accepted" ? "Initializing" : provisioning;
  const tier = (service["sku"] as { tier?: string } | undefined)?.tier ?? "Standard";
  return respond.ok({
    agentVersion: "emulator-1.0",
    status,
    vmSize: vmSizeFor(tier),
    supportedTaskTypes: SUPPORTED_TASK_TYPES,
  });
}

const nameTaken = (name: string) => ({
  nameAvailable: false,
  reason: "AlreadyExists",
  message: `'${name}' is already in use.`,
});
const nameInvalid = (name: string) => ({
  nameAvailable: false,
  reason: "Invalid",
  message: `'${name}' is not a valid name.`,
});

/** Is a project name free under this service? */
export function Services_CheckChildrenNameAvailability(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const ask = readBody(nameAvailabilityRequest, req.body);
  if (!isValidName("project", ask.name)) return respond.ok(nameInvalid(ask.name));
  return respond.ok(
    ctx.services.store.has(`${service.id}/projects/${ask.name}`) ? nameTaken(ask.name) : { nameAvailable: true },
  );
}

/** A service name in a location, within the subscription. */
export function Services_CheckNameAvailability(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  requireRegistered(ctx, req);
  const ask = readBody(nameAvailabilityRequest, req.body);
  if (!isValidName("service", ask.name)) return respond.ok(nameInvalid(ask.name));
  const sub = `/subscriptions/${req.params["subscriptionId"]}/`.toLowerCase();
  const taken = ctx.services.store
    .all()
    .some(
      (r) =>
        r.type === RESOURCE_TYPE.service &&
        r.id.toLowerCase().startsWith(sub) &&
        r.name.toLowerCase() === ask.name.toLowerCase(),
    );
  return respond.ok(taken ? nameTaken(ask.name) : { nameAvailable: true });
}
