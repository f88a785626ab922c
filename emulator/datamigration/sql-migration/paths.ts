/**
 * Route templates, resource IDs, api-versions and name rules of the current Database Migration Service API
 * (sqlmigration.json: sqlMigrationServices and databaseMigrations of kind SqlDb), written as the REST spec
 * writes its paths. Written here from the spec, not shared with provider/, so the emulator stays an
 * independent check of the provider.
 */
import { idKey } from "../../arm/ids";

export const NAMESPACE = "Microsoft.DataMigration";
export const SQL_MIGRATION_SERVICE_TYPE = "Microsoft.DataMigration/sqlMigrationServices";
export const DATABASE_MIGRATION_TYPE = "Microsoft.DataMigration/databaseMigrations";

/** Every version whose sqlmigration.json has kind SqlDb (2022-03-30-preview onwards). */
export const SQL_MIGRATION_API_VERSIONS: readonly string[] = [
  "2022-03-30-preview",
  "2023-07-15-preview",
  "2025-03-15-preview",
  "2025-06-30",
  "2025-09-01-preview",
];
/** DatabaseMigrationsSqlDb_retry first appears in the stable 2025-06-30. */
export const RETRY_API_VERSIONS: readonly string[] = ["2025-06-30", "2025-09-01-preview"];
/** `sqlServerInstanceId` (the Arc SQL instance) exists only in 2025-09-01-preview. */
export const SQL_SERVER_INSTANCE_ID_API_VERSIONS: readonly string[] = ["2025-09-01-preview"];

export const inVersions = (versions: readonly string[], apiVersion: string) =>
  versions.some((v) => v.toLowerCase() === apiVersion.toLowerCase());

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}";
export const SQL_MIGRATION_SERVICES = `${RG}/providers/Microsoft.DataMigration/sqlMigrationServices`;
export const SQL_MIGRATION_SERVICE = `${SQL_MIGRATION_SERVICES}/{sqlMigrationServiceName}`;
export const SUBSCRIPTION_SQL_MIGRATION_SERVICES =
  "/subscriptions/{subscriptionId}/providers/Microsoft.DataMigration/sqlMigrationServices";
export const SQL_DB_MIGRATION = `${RG}/providers/Microsoft.Sql/servers/{sqlDbInstanceName}/providers/Microsoft.DataMigration/databaseMigrations/{targetDbName}`;

type Params = Readonly<Record<string, string>>;

export const sqlMigrationServiceId = (p: Params) =>
  `/subscriptions/${p["subscriptionId"]}/resourceGroups/${p["resourceGroupName"]}/providers/Microsoft.DataMigration/sqlMigrationServices/${p["sqlMigrationServiceName"]}`;

export const sqlDbMigrationId = (p: Params) =>
  `/subscriptions/${p["subscriptionId"]}/resourceGroups/${p["resourceGroupName"]}/providers/Microsoft.Sql/servers/${p["sqlDbInstanceName"]}` +
  `/providers/Microsoft.DataMigration/databaseMigrations/${p["targetDbName"]}`;

const SERVICE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DataMigration\/sqlMigrationServices\/([^/]+)\/?$/i;

/** The parts of a sqlMigrationServices ID (any casing), or undefined when it is not one. */
export function parseSqlMigrationServiceId(
  id: string,
): { subscriptionId: string; resourceGroupName: string; name: string } | undefined {
  const m = SERVICE_ID.exec(id.trim());
  return m ? { subscriptionId: m[1]!, resourceGroupName: m[2]!, name: m[3]! } : undefined;
}

export const sameId = (a: string, b: string) => idKey(a) === idKey(b);

/**
 * Service names follow Azure Data Factory's rules, because each service is backed by a factory
 * (https://aka.ms/dmsv2naming): 3–63 characters, letters, digits and hyphens, starting and ending with a
 * letter or digit, and every hyphen between two letters or digits.
 */
export function isValidServiceName(name: string): boolean {
  return name.length >= 3 && name.length <= 63 && /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(name);
}

/** sqlDbInstanceName and targetDbName, as the 2025-09-01-preview retry path and the CLI declare them. */
export const SQL_DB_PATH_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
