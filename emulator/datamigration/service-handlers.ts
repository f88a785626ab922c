/**
 * `Microsoft.DataMigration/services` (DMS instances), following datamigration.json 2021-06-30:
 * Services_CreateOrUpdate, _Delete, _Start and _Stop as long-running operations on the shared LRO engine;
 * _Update (PATCH) answered synchronously with 200, one of the answers the spec allows for it; _Get,
 * _ListByResourceGroup, _List, _CheckStatus and _CheckNameAvailability (top-level and nested).
 *
 * provisioningState walks Accepted → Deploying → Succeeded on create (Failed with a
 * `serviceProvisioningFails` fault), Stopping → Stopped on stop, Starting → Succeeded on start.
 */
import { z } from "zod";
import { dmsArmName, isValidDmsName } from "../../provider/dms/arm-names";
import { RESOURCE_TYPE, TASK_TYPE } from "../../provider/dms/task-types";
import { armError } from "../arm/errors";
import { respond, type ArmRequest } from "../arm/request";
import type { Router } from "../arm/router";
import { provisioningStateSetter, type StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import type { DataMigrationState } from "./data-migration-state";
import { dmsErrors } from "./errors";
import { etagOf } from "./etag";
import { NAME_AVAILABILITY, NAMESPACE, SERVICE, SERVICES, SUBSCRIPTION_SERVICES, serviceId } from "./paths";
import { queryFlag, readBody } from "./request-body";
import { skuDetails, vmSizeFor } from "./skus";

const serviceBody = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  kind: z.string().optional(),
  sku: z.looseObject({ name: z.string().min(1) }),
  properties: z.looseObject({ virtualSubnetId: z.string().min(1), virtualNicId: z.string().min(1).optional() }),
});

const servicePatch = z.looseObject({
  tags: z.record(z.string(), z.string()).optional(),
  sku: z.looseObject({ name: z.string().min(1) }).optional(),
  properties: z.looseObject({ virtualSubnetId: z.string().min(1).optional() }).optional(),
});

const nameRequest = z.looseObject({ name: z.string(), type: z.string() });

/** Task types a DMS instance advertises in checkStatus (the ones this emulator runs). */
const SUPPORTED_TASK_TYPES = Object.values(TASK_TYPE);

/** ARM's gates before any service route: the namespace is registered (409) and the resource group exists (404). */
function requireGroup(services: EmulatorServices, req: ArmRequest): void {
  services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
  services.requireResourceGroup(req.params["subscriptionId"]!, req.params["groupName"]!);
}

/** A stored service, or ARM's 404. Every classic-model route starts here. */
export function requireService(services: EmulatorServices, req: ArmRequest): StoredResource {
  const p = req.params;
  requireGroup(services, req);
  const service = services.store.get(serviceId(p));
  if (!service) throw dmsErrors.notFound(RESOURCE_TYPE.service, p["serviceName"]!, p["groupName"]!);
  return service;
}

function sku(name: string) {
  const details = skuDetails(name);
  if (!details) throw dmsErrors.invalidBody(`The SKU '${name}' is not a Database Migration Service SKU (e.g. Standard_4vCores, Premium_4vCores).`);
  return details;
}

function withEtag(resource: StoredResource): StoredResource {
  const { etag: _etag, ...rest } = resource;
  return { ...rest, etag: etagOf({ ...rest, properties: { ...rest.properties, provisioningState: undefined } }) };
}

export function registerServiceRoutes(router: Router, services: EmulatorServices, state: DataMigrationState): void {
  const { store, lro } = services;

  router.add("PUT", SERVICE, (req) => {
    const p = req.params;
    requireGroup(services, req);
    if (!isValidDmsName("service", p["serviceName"]!)) throw dmsErrors.invalidName("service", p["serviceName"]!);
    const body = readBody(serviceBody, req.body);
    const id = serviceId(p);
    const existing = store.get(id);
    const details = sku(body.sku.name);
    if (existing) {
      const changes =
        (existing["sku"] as { name?: string } | undefined)?.name !== details.name ||
        existing.properties?.["virtualSubnetId"] !== body.properties.virtualSubnetId;
      if (changes && state.hasRunningTasks(id)) throw dmsErrors.serviceIsBusy(existing.name, "change its SKU or network");
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
    const fault = created ? state.faults.takeServiceProvisioningFailure(p["serviceName"]!) : undefined;
    return lro.accept(
      req,
      {
        subscriptionId: p["subscriptionId"]!,
        namespace: NAMESPACE,
        location: resource.location!,
        states: ["Accepted", "Deploying"],
        applyState: provisioningStateSetter(store, id),
        complete: () => {
          if (fault) throw armError(400, "ServiceProvisioningFailed", fault.message ?? `Provisioning the service '${p["serviceName"]}' failed (injected fault).`);
        },
      },
      { status: created ? 201 : 200, headers: "azureAsyncOperation", body: () => store.get(id) },
    );
  });

  router.add("GET", SERVICE, (req) => respond.ok(requireService(services, req)));

  router.add("PATCH", SERVICE, (req) => {
    const current = requireService(services, req);
    const patch = readBody(servicePatch, req.body);
    const details = patch.sku ? sku(patch.sku.name) : undefined;
    const subnet = patch.properties?.virtualSubnetId;
    if ((details || subnet) && state.hasRunningTasks(current.id)) throw dmsErrors.serviceIsBusy(current.name, "change its SKU or network");
    const updated = store.update(current.id, (s) => {
      if (patch.tags) s.tags = patch.tags;
      if (details) s["sku"] = details;
      if (subnet) s.properties = { ...s.properties, virtualSubnetId: subnet };
    })!;
    store.put(withEtag(updated));
    return respond.ok(store.get(current.id));
  });

  router.add("DELETE", SERVICE, (req) => {
    const p = req.params;
    requireGroup(services, req);
    const id = serviceId(p);
    const service = store.get(id);
    if (!service) return respond.noContent(); // 204: "Service not found"
    if (state.hasRunningTasks(id)) {
      if (!queryFlag(req.query, "deleteRunningTasks")) throw dmsErrors.resourceHasRunningTasks("service", service.name);
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
          state.tasks.forgetTree(id);
          store.deleteTree(id);
        },
      },
      { status: 202, headers: "both" },
    );
  });

  router.add("GET", SERVICES, (req) => {
    requireGroup(services, req);
    const prefix = `/subscriptions/${req.params["subscriptionId"]}/resourceGroups/${req.params["groupName"]}/providers/Microsoft.DataMigration/services`;
    return respond.ok({ value: store.listChildren(prefix) });
  });

  router.add("GET", SUBSCRIPTION_SERVICES, (req) => {
    services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
    const sub = `/subscriptions/${req.params["subscriptionId"]}/`.toLowerCase();
    return respond.ok({ value: store.all().filter((r) => r.type === RESOURCE_TYPE.service && r.id.toLowerCase().startsWith(sub)) });
  });

  const powerAction = (action: "start" | "stop") => (req: ArmRequest) => {
    const service = requireService(services, req);
    const current = String(service.properties?.["provisioningState"] ?? "");
    const target = action === "start" ? "Succeeded" : "Stopped";
    if (current === target) return respond.ok(undefined); // 200: already started / stopped
    if (action === "stop" && state.hasRunningTasks(service.id)) throw dmsErrors.serviceIsBusy(service.name, "stop");
    if (current !== "Succeeded" && current !== "Stopped") {
      throw armError(409, "ServiceNotReady", `The service '${service.name}' is '${current}' and cannot ${action} now.`);
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
          setState(s === "Succeeded" ? target : s === "Failed" ? (action === "start" ? "FailedToStart" : "FailedToStop") : s),
      },
      { status: 202, headers: "both" },
    );
  };
  router.add("POST", `${SERVICE}/start`, powerAction("start"));
  router.add("POST", `${SERVICE}/stop`, powerAction("stop"));

  router.add("POST", `${SERVICE}/checkStatus`, (req) => {
    const service = requireService(services, req);
    const provisioning = String(service.properties?.["provisioningState"] ?? "");
    const status = provisioning === "Succeeded" ? "Online" : provisioning === "Accepted" ? "Initializing" : provisioning;
    const tier = (service["sku"] as { tier?: string } | undefined)?.tier ?? "Standard";
    return respond.ok({ agentVersion: "emulator-1.0", status, vmSize: vmSizeFor(tier), supportedTaskTypes: SUPPORTED_TASK_TYPES });
  });

  // Services_CheckChildrenNameAvailability: is a project name free under this service?
  router.add("POST", `${SERVICE}/checkNameAvailability`, (req) => {
    const service = requireService(services, req);
    const ask = readBody(nameRequest, req.body);
    if (!isValidDmsName("project", ask.name)) {
      return respond.ok({ nameAvailable: false, reason: "Invalid", message: `'${ask.name}' is not a valid name (suggestion: ${dmsArmName("project", ask.name)}).` });
    }
    const taken = store.has(`${service.id}/projects/${ask.name}`);
    return respond.ok(taken ? { nameAvailable: false, reason: "AlreadyExists", message: `'${ask.name}' is already in use.` } : { nameAvailable: true });
  });

  // Services_CheckNameAvailability: a service name in a location, within the subscription.
  router.add("POST", NAME_AVAILABILITY, (req) => {
    services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
    const ask = readBody(nameRequest, req.body);
    if (!isValidDmsName("service", ask.name)) return respond.ok({ nameAvailable: false, reason: "Invalid", message: `'${ask.name}' is not a valid name.` });
    const sub = `/subscriptions/${req.params["subscriptionId"]}/`.toLowerCase();
    const taken = store.all().some((r) => r.type === RESOURCE_TYPE.service && r.id.toLowerCase().startsWith(sub) && r.name.toLowerCase() === ask.name.toLowerCase());
    return respond.ok(taken ? { nameAvailable: false, reason: "AlreadyExists", message: `'${ask.name}' is already in use.` } : { nameAvailable: true });
  });
}
