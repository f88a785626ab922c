export { ResourceProviderRegistration, type ResourceProviderRegistrationArgs } from "./resource-provider-registration";
export { SqlMigrationService, type SqlMigrationServiceArgs } from "./sql-migration-service";
export { DatabaseMigration, type DatabaseMigrationArgs } from "./database-migration";
export {
  ReplicationMigration,
  type ReplicationMigrationArgs,
  type ReplicationEndpointArgs,
  type ReplicationDistributorArgs,
} from "./replication-migration";
export { DataMigrationService, type DataMigrationServiceArgs } from "./data-migration-service";
export { MigrationProject, type MigrationProjectArgs } from "./migration-project";
export {
  MigrationTask,
  type MigrationTaskArgs,
  type SqlEndpointArgs,
  type MigrationDatabaseArgs,
} from "./migration-task";
export {
  SqlServerToAzureSqlMigration,
  type SqlServerToAzureSqlMigrationArgs,
  type DmsMigrationArgs,
  type DmsClassicMigrationArgs,
  type TransactionalReplicationMigrationArgs,
} from "./sql-server-to-azure-sql-migration";
export type { DmsDatabaseArgs } from "./engines/dms-engine";
export type { ReplicationDatabaseArgs } from "./engines/replication-engine";
export {
  SchemaDeployment,
  type SchemaDeploymentArgs,
  type SchemaSourceArgs,
  type SqlConnectionArgs,
  type SqlAuthenticationArgs,
  type HashSummaryOutput,
} from "./schema-deployment";
