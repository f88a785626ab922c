/** Microsoft.Resources: provider registration and resource groups. */
import type { ResourceModule } from "../services";
import { registerProviderRoutes } from "./providers-routes";
import { registerResourceGroupRoutes } from "./resource-groups";
import { MICROSOFT_RESOURCES } from "./well-known-providers";

export const microsoftResourcesModule: ResourceModule = {
  name: "Microsoft.Resources",
  providers: [MICROSOFT_RESOURCES],
  register(router, services) {
    registerProviderRoutes(router, services);
    registerResourceGroupRoutes(router, services);
  },
};

export { requireResourceGroup, resourceGroupId, RESOURCE_GROUP_TYPE } from "./resource-groups";
export type { ProviderDefinition, ProviderResourceType, RegistrationPolicy } from "./provider-catalog";
export type { ProviderBody, RegistrationState } from "./provider-registrations";
