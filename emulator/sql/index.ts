/**
 * Microsoft.Sql for the ARM emulator, minimal: logical servers and their databases, so that the current DMS
 * API (databaseMigrations, an extension resource of a server) has a target to check. The namespace itself
 * (RegistrationRequired, resource types, api-versions) is listed in resources/well-known-providers.ts.
 */
import type { ResourceModule } from "../services";
import { registerDatabaseRoutes } from "./database-handlers";
import { SQL_NAMESPACE } from "./paths";
import { registerServerRoutes } from "./server-handlers";

export const microsoftSqlModule: ResourceModule = {
  name: SQL_NAMESPACE,
  register(router, services) {
    registerServerRoutes(router, services);
    registerDatabaseRoutes(router, services);
  },
};

export { DEFAULT_COLLATION } from "./database-handlers";
export {
  DATABASE_TYPE,
  SERVER_TYPE,
  SQL_API_VERSIONS,
  SQL_NAMESPACE,
  normalizeLocation,
  sqlDatabaseId,
  sqlServerId,
} from "./paths";
