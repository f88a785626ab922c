/**
 * The quickstart stack: what a platform team declares to migrate a database — register Microsoft.DataMigration,
 * a DMS instance, a project and a migration task, followed by `pulumi up` and cut over by `cutover: true`.
 * It runs unchanged against Azure and against the project's ARM emulator (the environment decides which).
 */
import { SqlServerToAzureSqlMigration, type SqlServerToAzureSqlMigrationArgs } from "../../components";

export interface QuickstartSettings {
  subscriptionId: string;
  resourceGroupName: string;
  location: string;
  virtualSubnetId: string;
  skuName?: string;
  migration: SqlServerToAzureSqlMigrationArgs["migration"];
  /** The schema step (assess, script, deploy); optional. */
  schema?: SqlServerToAzureSqlMigrationArgs["schema"];
}

export function quickstartProgram(settings: QuickstartSettings) {
  return async () => {
    const migration = new SqlServerToAzureSqlMigration("sales", {
      subscriptionId: settings.subscriptionId,
      resourceGroupName: settings.resourceGroupName,
      location: settings.location,
      service: { virtualSubnetId: settings.virtualSubnetId, skuName: settings.skuName },
      migration: settings.migration,
      schema: settings.schema,
    });
    return {
      serviceName: migration.serviceName,
      taskName: migration.taskName,
      phase: migration.phase,
      state: migration.state,
      progress: migration.databaseProgress,
      errors: migration.errors,
      ...(migration.schemaDeployment
        ? { schemaScript: migration.schemaDeployment.scriptPath, schemaAssessment: migration.schemaDeployment.assessment }
        : {}),
    };
  };
}
