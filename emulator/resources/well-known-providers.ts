/**
 * The namespaces this project talks to, as GET /providers lists them. Resource types and API versions
 * follow the REST specs' folders; modules that emulate a namespace may redefine it with more detail.
 */
import type { ProviderDefinition } from "./provider-catalog";

/** The regions the emulator advertises; any location string is accepted on writes. */
export const EMULATOR_LOCATIONS = ["East US", "East US 2", "West US", "West US 2", "North Europe", "West Europe"];

const rpCapabilities = "CrossResourceGroupResourceMove, CrossSubscriptionResourceMove, SupportsTags, SupportsLocation";

function types(names: string[], apiVersions: string[], capabilities = rpCapabilities) {
  return names.map((resourceType) => ({
    resourceType,
    locations: [...EMULATOR_LOCATIONS],
    apiVersions: [...apiVersions],
    capabilities,
  }));
}

export const MICROSOFT_RESOURCES: ProviderDefinition = {
  namespace: "Microsoft.Resources",
  registrationPolicy: "RegistrationFree",
  resourceTypes: types(
    [
      "subscriptions",
      "resourceGroups",
      "subscriptions/resourceGroups",
      "subscriptions/providers",
      "deployments",
      "tags",
    ],
    ["2025-04-01", "2024-11-01", "2024-03-01", "2022-09-01", "2021-04-01"],
    "SupportsTags, SupportsLocation",
  ),
};

export const MICROSOFT_DATAMIGRATION: ProviderDefinition = {
  namespace: "Microsoft.DataMigration",
  registrationPolicy: "RegistrationRequired",
  resourceTypes: types(
    [
      "services",
      "services/projects",
      "services/projects/tasks",
      "services/serviceTasks",
      "sqlMigrationServices",
      "databaseMigrations",
      "locations",
      "locations/operationResults",
      "locations/operationStatuses",
      "operations",
    ],
    // The classic model (2021-06-30, 2018-04-19) and the current one (sqlMigrationServices, databaseMigrations).
    [
      "2025-09-01-preview",
      "2025-06-30",
      "2025-03-15-preview",
      "2023-07-15-preview",
      "2022-03-30-preview",
      "2021-06-30",
      "2018-04-19",
    ],
  ),
};

export const MICROSOFT_SQL: ProviderDefinition = {
  namespace: "Microsoft.Sql",
  registrationPolicy: "RegistrationRequired",
  resourceTypes: types(
    ["servers", "servers/databases", "servers/firewallRules", "locations", "operations"],
    ["2023-08-01", "2021-11-01"],
  ),
};

export const WELL_KNOWN_PROVIDERS: readonly ProviderDefinition[] = [
  MICROSOFT_RESOURCES,
  MICROSOFT_DATAMIGRATION,
  MICROSOFT_SQL,
];
