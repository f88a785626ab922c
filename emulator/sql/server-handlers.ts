/**
 * Microsoft.Sql/servers (logical servers), only what a migration needs: Servers_CreateOrUpdate (201 + an
 * Azure-AsyncOperation LRO on create, 200 on update), _Get, _Delete (202 LRO, 204 when absent; removes the
 * server's databases and extension resources with it), _ListByResourceGroup.
 *
 * Bodies are read leniently (unknown fields pass): this module exists so that the DMS emulator has a target
 * server to check, not to police Microsoft.Sql clients. The administrator password is never stored or
 * answered, as the real service never returns it.
 */
import { z } from "zod";
import { armErrors } from "../arm/errors";
import { respond, type ArmRequest } from "../arm/request";
import { readBody } from "../arm/request-body";
import type { Router } from "../arm/router";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import { deleteWithChildren } from "./delete-with-children";
import { requireSqlGates } from "./gates";
import { normalizeLocation, SERVER, SERVER_TYPE, SERVERS, SQL_NAMESPACE, sqlServerId } from "./paths";

const serverBody = z.looseObject({
  location: z.string().min(1).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z
    .looseObject({
      administratorLogin: z.string().optional(),
      administratorLoginPassword: z.string().optional(),
      version: z.string().optional(),
      minimalTlsVersion: z.string().optional(),
      publicNetworkAccess: z.string().optional(),
    })
    .optional(),
});

const idOf = (req: ArmRequest) =>
  sqlServerId(req.params["subscriptionId"]!, req.params["resourceGroupName"]!, req.params["serverName"]!);

/** The stored server, or ARM's 404 ResourceNotFound. */
export function requireServer(services: EmulatorServices, req: ArmRequest): StoredResource {
  requireSqlGates(services, req, "servers");
  const server = services.store.get(idOf(req));
  if (!server)
    throw armErrors.resourceNotFound(SERVER_TYPE, req.params["serverName"]!, req.params["resourceGroupName"]!);
  return server;
}

// Longer than ~80 lines on purpose: one route per Microsoft.Sql servers operation the emulator serves, registered
// together so the route table reads as a list.
export function registerServerRoutes(router: Router, services: EmulatorServices): void {
  const { store, lro } = services;

  router.add("PUT", SERVER, (req) => {
    requireSqlGates(services, req, "servers");
    const body = readBody(serverBody, req.body);
    if (!body.location) throw armErrors.locationRequired();
    const id = idOf(req);
    const name = req.params["serverName"]!;
    const existing = store.get(id);
    const location = normalizeLocation(body.location);
    if (existing && existing.location !== location) {
      throw armErrors.invalidResourceLocation(
        existing.name,
        req.params["resourceGroupName"]!,
        existing.location!,
        location,
      );
    }
    const props = body.properties ?? {};
    const login = existing?.properties?.["administratorLogin"] ?? props.administratorLogin;
    // The password is read (a real server needs one) and dropped here: nothing keeps or echoes it.
    const resource: StoredResource = {
      id,
      name,
      type: SERVER_TYPE,
      location,
      ...(body.tags ? { tags: body.tags } : {}),
      kind: "v12.0",
      properties: {
        ...(login !== undefined ? { administratorLogin: login } : {}),
        version: "12.0",
        state: "Ready",
        fullyQualifiedDomainName: `${name.toLowerCase()}.database.windows.net`,
        publicNetworkAccess: props.publicNetworkAccess ?? existing?.properties?.["publicNetworkAccess"] ?? "Enabled",
        ...(props.minimalTlsVersion ? { minimalTlsVersion: props.minimalTlsVersion } : {}),
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
        // A create that fails (an injected lroFailed fault) leaves no server behind.
        applyState: (state) => {
          if (state === "Failed") store.deleteTree(id);
        },
      },
      { status: 201, headers: "azureAsyncOperation", body: () => store.get(id) },
    );
  });

  router.add("GET", SERVER, (req) => respond.ok(requireServer(services, req)));

  router.add("DELETE", SERVER, (req) => {
    requireSqlGates(services, req, "servers");
    // Databases and extension resources (DMS databaseMigrations) live under the server's ID.
    return deleteWithChildren(services, req, store.get(idOf(req)));
  });

  router.add("GET", SERVERS, (req) => {
    requireSqlGates(services, req, "servers");
    const prefix = `/subscriptions/${req.params["subscriptionId"]}/resourceGroups/${req.params["resourceGroupName"]}/providers/Microsoft.Sql/servers`;
    return respond.ok({ value: store.listChildren(prefix) });
  });
}
