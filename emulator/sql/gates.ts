/**
 * What ARM checks before a Microsoft.Sql request reaches the provider, in ARM's order: an api-version the
 * emulator models (400 NoRegisteredProviderFound), the namespace registered for the subscription (409
 * MissingSubscriptionRegistration, as for any RegistrationRequired namespace), the resource group (404).
 */
import { requireApiVersion } from "../arm/api-versions";
import type { ArmRequest } from "../arm/request";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import { SQL_API_VERSIONS, SQL_NAMESPACE } from "./paths";

export function requireSqlGates(services: EmulatorServices, req: ArmRequest, resourceType: string): StoredResource {
  requireApiVersion(req, resourceType, SQL_API_VERSIONS);
  services.requireRegistered(req.params["subscriptionId"]!, SQL_NAMESPACE);
  return services.requireResourceGroup(req.params["subscriptionId"]!, req.params["resourceGroupName"]!);
}
