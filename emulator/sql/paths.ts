/**
 * Route templates and resource IDs of the Microsoft.Sql resources the migration needs (servers and their
 * databases), written as the REST spec (sql/resource-manager, Servers.json / Databases.json) writes them.
 * Other modules (the DMS databaseMigrations, an extension resource of a server) find servers through these.
 */

export const SQL_NAMESPACE = "Microsoft.Sql";

/** The versions the emulator models; others answer NoRegisteredProviderFound (emulator/arm/api-versions.ts). */
export const SQL_API_VERSIONS: readonly string[] = ["2021-11-01", "2023-08-01"];

export const SERVER_TYPE = "Microsoft.Sql/servers";
export const DATABASE_TYPE = "Microsoft.Sql/servers/databases";

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
export const SERVERS = `${RG}/providers/Microsoft.Sql/servers`;
export const SERVER = `${SERVERS}/{serverName}`;
export const DATABASES = `${SERVER}/databases`;
export const DATABASE = `${DATABASES}/{databaseName}`;

export function sqlServerId(subscriptionId: string, resourceGroupName: string, serverName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Sql/servers/${serverName}`;
}

export function sqlDatabaseId(
  subscriptionId: string,
  resourceGroupName: string,
  serverName: string,
  databaseName: string,
): string {
  return `${sqlServerId(subscriptionId, resourceGroupName, serverName)}/databases/${databaseName}`;
}

export { normalizeLocation } from "../arm/ids";
