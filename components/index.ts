export { ResourceProviderRegistration, type ResourceProviderRegistrationArgs } from "./resource-provider-registration";
export { DataMigrationService, type DataMigrationServiceArgs } from "./data-migration-service";
export { MigrationProject, type MigrationProjectArgs } from "./migration-project";
export { MigrationTask, type MigrationTaskArgs, type SqlEndpointArgs, type MigrationDatabaseArgs } from "./migration-task";
export { SqlServerToAzureSqlMigration, type SqlServerToAzureSqlMigrationArgs } from "./sql-server-to-azure-sql-migration";
export { SchemaDeployment, type SchemaDeploymentArgs, type SchemaSourceArgs, type SqlConnectionArgs, type SqlAuthenticationArgs } from "./schema-deployment";
