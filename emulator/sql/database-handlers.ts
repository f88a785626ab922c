/**
 * Microsoft.Sql/servers/databases, only what a migration needs: Databases_CreateOrUpdate (201 + an
 * Azure-AsyncOperation LRO on create, 200 on update), _Get, _Delete (202 LRO, 204 when absent),
 * _ListByServer. A database of a missing server is ARM's 404 ParentResourceNotFound.
 *
 * The emulator keeps no data here: which tables and rows a database holds is the DMS module's SourceCatalog.
 */
import { z } from "zod";
import { armErrors } from "../arm/errors";
import { newGuid } from "../arm/ids";
import { respond, type ArmRequest } from "../arm/request";
import { readBody } from "../arm/request-body";
import type { Router } from "../arm/router";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import { deleteWithChildren } from "./delete-with-children";
import { requireSqlGates } from "./gates";
import {
  DATABASE,
  DATABASE_TYPE,
  DATABASES,
  normalizeLocation,
  SQL_NAMESPACE,
  sqlDatabaseId,
  sqlServerId,
} from "./paths";

/** Azure SQL Database's default collation, used when the PUT names none. */
export const DEFAULT_COLLATION = "SQL_Latin1_General_CP1_CI_AS";

const databaseBody = z.looseObject({
  location: z.string().min(1).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  sku: z.looseObject({ name: z.string().min(1) }).optional(),
  properties: z.looseObject({ collation: z.string().min(1).optional() }).optional(),
});

const serverIdOf = (req: ArmRequest) =>
  sqlServerId(req.params["subscriptionId"]!, req.params["resourceGroupName"]!, req.params["serverName"]!);
const idOf = (req: ArmRequest) =>
  sqlDatabaseId(
    req.params["subscriptionId"]!,
    req.params["resourceGroupName"]!,
    req.params["serverName"]!,
    req.params["databaseName"]!,
  );

function requireParentServer(services: EmulatorServices, req: ArmRequest): StoredResource {
  requireSqlGates(services, req, "servers/databases");
  const server = services.store.get(serverIdOf(req));
  if (!server) throw armErrors.parentResourceNotFound(`${req.params["serverName"]}`);
  return server;
}

export function registerDatabaseRoutes(router: Router, services: EmulatorServices): void {
  const { store, lro, clock } = services;

  router.add("PUT", DATABASE, (req) => {
    const server = requireParentServer(services, req);
    const body = readBody(databaseBody, req.body);
    const id = idOf(req);
    const existing = store.get(id);
    const location = normalizeLocation(body.location ?? server.location ?? "");
    const resource: StoredResource = {
      id,
      name: req.params["databaseName"]!,
      type: DATABASE_TYPE,
      location,
      ...(body.tags ? { tags: body.tags } : {}),
      ...(body.sku ? { sku: body.sku } : existing?.["sku"] ? { sku: existing["sku"] } : {}),
      kind: "v12.0,user",
      properties: {
        // A database keeps the collation it was created with; an update cannot change it.
        collation: existing?.properties?.["collation"] ?? body.properties?.collation ?? DEFAULT_COLLATION,
        status: "Online",
        databaseId: existing?.properties?.["databaseId"] ?? newGuid(),
        creationDate: existing?.properties?.["creationDate"] ?? new Date(clock.now()).toISOString(),
      },
    };
    const { created } = store.put(resource);
    if (!created) return respond.ok(store.get(id));
    return lro.accept(
      req,
      {
        subscriptionId: req.params["subscriptionId"]!,
        namespace: SQL_NAMESPACE,
        location,
        states: [],
        applyState: (state) => {
          if (state === "Failed") store.delete(id);
        },
      },
      { status: 201, headers: "azureAsyncOperation", body: () => store.get(id) },
    );
  });

  router.add("GET", DATABASE, (req) => {
    requireParentServer(services, req);
    const database = store.get(idOf(req));
    if (!database)
      throw armErrors.resourceNotFound(
        DATABASE_TYPE,
        `${req.params["serverName"]}/${req.params["databaseName"]}`,
        req.params["resourceGroupName"]!,
      );
    return respond.ok(database);
  });

  router.add("DELETE", DATABASE, (req) => {
    requireParentServer(services, req);
    return deleteWithChildren(services, req, store.get(idOf(req)));
  });

  router.add("GET", DATABASES, (req) => {
    const server = requireParentServer(services, req);
    return respond.ok({ value: store.listChildren(`${server.id}/databases`) });
  });
}
