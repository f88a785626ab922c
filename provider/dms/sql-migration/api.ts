/**
 * Where the current Azure Database Migration Service lives in ARM: `sqlMigrationServices` (a tracked resource in
 * a resource group) and `databaseMigrations` of kind SqlDb, an extension resource on the target logical server
 * whose name is the target database's. Stable api-version 2025-06-30, the only stable one with SqlDb `retry`.
 */
export const SQL_MIGRATION_API_VERSION = "2025-06-30";

export interface SqlMigrationServiceAddress {
  subscriptionId: string;
  resourceGroupName: string;
  serviceName: string;
}

export function sqlMigrationServicePath(a: SqlMigrationServiceAddress): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroupName}/providers/Microsoft.DataMigration/sqlMigrationServices/${a.serviceName}`;
}

export interface DatabaseMigrationAddress {
  /** ARM id of the target logical server (`/subscriptions/…/providers/Microsoft.Sql/servers/{name}`). */
  targetServerResourceId: string;
  targetDatabaseName: string;
}

/** The migration resource: named after the target database, attached to the target server. */
export function databaseMigrationPath(a: DatabaseMigrationAddress): string {
  return `${a.targetServerResourceId}/providers/Microsoft.DataMigration/databaseMigrations/${a.targetDatabaseName}`;
}

/** `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Sql/servers/{name}` split into its parts. */
export function parseSqlServerResourceId(
  id: string,
): { subscriptionId: string; resourceGroupName: string; serverName: string } | undefined {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Sql\/servers\/([^/]+)$/i.exec(id);
  return match ? { subscriptionId: match[1]!, resourceGroupName: match[2]!, serverName: match[3]! } : undefined;
}

/** `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.DataMigration/sqlMigrationServices/{name}` split into its parts. */
export function parseSqlMigrationServiceId(id: string): SqlMigrationServiceAddress | undefined {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DataMigration\/sqlMigrationServices\/([^/]+)$/i.exec(
      id,
    );
  return match ? { subscriptionId: match[1]!, resourceGroupName: match[2]!, serviceName: match[3]! } : undefined;
}
