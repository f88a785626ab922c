/**
 * `Microsoft.DataMigration/sqlMigrationServices` (the current DMS), one named handler per operation of
 * sqlmigration.json. The service is a tracked resource with no writable properties; what it really is — a
 * Data Factory with a self-hosted integration runtime — is integration-runtime.ts.
 *
 *   create   201 + Azure-AsyncOperation, Provisioning → Succeeded (integrationRuntimeState NeedRegistration);
 *            Failed with a `serviceProvisioningFails` fault. A PUT on a Failed service provisions it again
 *            (200 + LRO), which is how ARM repairs it; on a Succeeded one it only replaces the tags (200).
 *   update   PATCH { tags } → 200.       delete   202 + Azure-AsyncOperation + Location; 204 when absent;
 *            400 DeleteServiceNotAllowed while a migration using it runs.
 */
import { armErrors } from "../../arm/errors";
import { normalizeLocation } from "../../arm/ids";
import { respond, type ArmRequest, type ArmResponse } from "../../arm/request";
import { readBody } from "../../arm/request-body";
import { provisioningStateSetter, type StoredResource } from "../../arm/store";
import { sqlMigrationErrors } from "./errors";
import { requireApi, requireGroup, requireService, type SqlMigrationContext } from "./gates";
import { AUTH_KEY_NAMES, INTEGRATION_RUNTIME_NAME, type AuthKeyName } from "./integration-runtime";
import { isValidServiceName, NAMESPACE, SQL_MIGRATION_SERVICE_TYPE, sqlMigrationServiceId } from "./paths";
import { deleteNodeBody, regenAuthKeysBody, sqlMigrationServiceBody, sqlMigrationServiceUpdate } from "./spec-shapes";

/**
 * asAnswered: a stored resource as the server answers it (a view: the store is not changed). Here:
 * integrationRuntimeState once provisioned, read live from the runtime.
 */
function asAnswered(ctx: SqlMigrationContext, service: StoredResource): StoredResource {
  const provisioningState = service.properties?.["provisioningState"];
  if (provisioningState !== "Succeeded") return service;
  return {
    ...service,
    properties: { ...service.properties, integrationRuntimeState: ctx.state.runtimes.state(service.id) },
  };
}

export function SqlMigrationServices_CreateOrUpdate(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { store, lro } = ctx.services;
  requireGroup(ctx, req, "sqlMigrationServices");
  const name = req.params["sqlMigrationServiceName"]!;
  if (!isValidServiceName(name)) throw sqlMigrationErrors.serviceNameInvalid(name);
  const body = readBody(sqlMigrationServiceBody, req.body);
  if (!body.location) throw armErrors.locationRequired();
  const location = normalizeLocation(body.location);
  const id = sqlMigrationServiceId(req.params);
  const existing = store.get(id);
  if (existing) {
    if (normalizeLocation(existing.location ?? "") !== location) {
      throw armErrors.invalidResourceLocation(
        existing.name,
        req.params["resourceGroupName"]!,
        existing.location ?? "",
        location,
      );
    }
    const provisioningState = existing.properties?.["provisioningState"];
    if (provisioningState === "Succeeded") {
      // Nothing to provision: a PUT replaces the tags, at once.
      store.update(id, (s) => {
        if (body.tags) s.tags = body.tags;
        else delete s.tags;
      });
      return respond.ok(asAnswered(ctx, store.get(id)!));
    }
    if (provisioningState !== "Failed") throw sqlMigrationErrors.operationInProgress();
  }
  const { resource } = store.put({
    id,
    name,
    type: SQL_MIGRATION_SERVICE_TYPE,
    location,
    ...(body.tags ? { tags: body.tags } : {}),
    properties: { provisioningState: "Provisioning" },
  });
  if (!existing) {
    // Keys are made with the service (a leftover runtime of a same-named service removed with its group goes).
    ctx.state.runtimes.forget(id);
    ctx.state.runtimes.create(resource.id, resource.name, location);
  }
  const fault = ctx.state.faults.takeServiceProvisioningFailure(resource.name);
  return lro.accept(
    req,
    {
      subscriptionId: req.params["subscriptionId"]!,
      namespace: NAMESPACE,
      location,
      states: ["Provisioning"],
      applyState: provisioningStateSetter(store, id),
      complete: () => {
        if (fault) throw sqlMigrationErrors.serviceProvisioningFailed(resource.name, fault.message);
      },
    },
    { status: existing ? 200 : 201, headers: "azureAsyncOperation", body: () => asAnswered(ctx, store.get(id)!) },
  );
}

export function SqlMigrationServices_Get(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  return respond.ok(asAnswered(ctx, requireService(ctx, req)));
}

export function SqlMigrationServices_Update(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const patch = readBody(sqlMigrationServiceUpdate, req.body);
  const updated = ctx.services.store.update(service.id, (s) => {
    if (patch.tags) s.tags = patch.tags;
  })!;
  return respond.ok(asAnswered(ctx, updated));
}

export function SqlMigrationServices_Delete(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const { store, lro } = ctx.services;
  requireGroup(ctx, req, "sqlMigrationServices");
  const service = store.get(sqlMigrationServiceId(req.params));
  if (!service || service.type !== SQL_MIGRATION_SERVICE_TYPE) return respond.noContent();
  const running = ctx.state.sqlDbMigrations.activeMigrationsUsing(service.id);
  if (running.length > 0) throw sqlMigrationErrors.deleteServiceNotAllowed(service.name, running);
  return lro.accept(
    req,
    {
      subscriptionId: req.params["subscriptionId"]!,
      namespace: NAMESPACE,
      location: service.location ?? "global",
      states: ["Deleting"],
      applyState: provisioningStateSetter(store, service.id),
      complete: () => {
        store.delete(service.id);
        ctx.state.runtimes.forget(service.id);
      },
    },
    // Recorded: 202 with both Azure-AsyncOperation and Location.
    { status: 202, headers: "both" },
  );
}

export function SqlMigrationServices_ListByResourceGroup(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  requireGroup(ctx, req, "sqlMigrationServices");
  const collection = `/subscriptions/${req.params["subscriptionId"]}/resourceGroups/${req.params["resourceGroupName"]}/providers/Microsoft.DataMigration/sqlMigrationServices`;
  const value = ctx.services.store.listChildren(collection).filter((r) => r.type === SQL_MIGRATION_SERVICE_TYPE);
  return respond.ok({ value: value.map((s) => asAnswered(ctx, s)) });
}

export function SqlMigrationServices_ListBySubscription(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  requireApi(req, "sqlMigrationServices");
  ctx.services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
  const prefix = `/subscriptions/${req.params["subscriptionId"]}/`.toLowerCase();
  const value = ctx.services.store
    .all()
    .filter((r) => r.type === SQL_MIGRATION_SERVICE_TYPE && r.id.toLowerCase().startsWith(prefix));
  return respond.ok({ value: value.map((s) => asAnswered(ctx, s)) });
}

export function SqlMigrationServices_listAuthKeys(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  ctx.state.runtimes.create(service.id, service.name, service.location ?? "");
  return respond.ok(ctx.state.runtimes.keys(service.id));
}

export function SqlMigrationServices_regenerateAuthKeys(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const body = readBody(regenAuthKeysBody, req.body);
  const keyName = AUTH_KEY_NAMES.find((k) => k === body.keyName);
  if (!keyName) throw sqlMigrationErrors.regenerateKeyNameInvalid(body.keyName ?? "");
  ctx.state.runtimes.create(service.id, service.name, service.location ?? "");
  // Recorded: only the regenerated key comes back.
  const regenerated: Partial<Record<AuthKeyName, string>> = {
    [keyName]: ctx.state.runtimes.regenerate(service.id, keyName),
  };
  return respond.ok(regenerated);
}

export function SqlMigrationServices_listMonitoringData(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  return respond.ok(ctx.state.runtimes.monitoringData(service.id));
}

export function SqlMigrationServices_deleteNode(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const body = readBody(deleteNodeBody, req.body);
  if ((body.integrationRuntimeName ?? "").toLowerCase() !== INTEGRATION_RUNTIME_NAME)
    throw sqlMigrationErrors.invalidArgument("integrationRuntimeName");
  if (!body.nodeName || !ctx.state.runtimes.deleteNode(service.id, body.nodeName))
    throw sqlMigrationErrors.invalidArgument("nodeName");
  // Recorded and in the spec's example: the body comes back as sent.
  return respond.ok({ nodeName: body.nodeName, integrationRuntimeName: body.integrationRuntimeName });
}

export function SqlMigrationServices_listMigrations(ctx: SqlMigrationContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  const engine = ctx.state.sqlDbMigrations;
  return respond.ok({ value: engine.migrationsUsing(service.id).map((m) => engine.view(m, engine.current(m), false)) });
}
