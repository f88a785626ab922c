/**
 * What every current-DMS route checks first, as the classic handlers do: an api-version whose
 * sqlmigration.json the emulator models (400 NoRegisteredProviderFound), Microsoft.DataMigration registered
 * (409 MissingSubscriptionRegistration), the resource group (404); then the resource itself (404).
 */
import { requireApiVersion } from "../../arm/api-versions";
import type { ArmRequest } from "../../arm/request";
import type { StoredResource } from "../../arm/store";
import type { EmulatorServices } from "../../services";
import type { DataMigrationState } from "../data-migration-state";
import { sqlMigrationErrors } from "./errors";
import { NAMESPACE, SQL_MIGRATION_API_VERSIONS, SQL_MIGRATION_SERVICE_TYPE, sqlMigrationServiceId } from "./paths";

/** What a handler works with: the emulator's shared services and the module's DataMigrationState. */
export interface SqlMigrationContext {
  services: EmulatorServices;
  state: DataMigrationState;
}

export function requireApi(req: ArmRequest, resourceType: string): void {
  requireApiVersion(req, resourceType, SQL_MIGRATION_API_VERSIONS);
}

/** api-version, registration and resource group. */
export function requireGroup(ctx: SqlMigrationContext, req: ArmRequest, resourceType: string): StoredResource {
  requireApi(req, resourceType);
  ctx.services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
  return ctx.services.requireResourceGroup(req.params["subscriptionId"]!, req.params["resourceGroupName"]!);
}

/** The stored sqlMigrationService the URL names, or 404 ResourceNotFound. */
export function requireService(ctx: SqlMigrationContext, req: ArmRequest): StoredResource {
  requireGroup(ctx, req, "sqlMigrationServices");
  const service = ctx.services.store.get(sqlMigrationServiceId(req.params));
  if (!service || service.type !== SQL_MIGRATION_SERVICE_TYPE) {
    throw sqlMigrationErrors.serviceNotFound(req.params["sqlMigrationServiceName"]!, req.params["resourceGroupName"]!);
  }
  return service;
}
