/**
 * The quickstart stack: what a platform team declares to migrate a database with SqlServerToAzureSqlMigration
 * (register Microsoft.DataMigration, the schema step, the migration service, the data move), followed by
 * `pulumi up`. It runs unchanged against Azure and against the project's ARM emulator (the environment decides
 * which). The settings are plain JSON, so a test can run the same program in another process.
 */
import { SqlServerToAzureSqlMigration, type SqlServerToAzureSqlMigrationArgs } from "../../components";

export type QuickstartSettings = SqlServerToAzureSqlMigrationArgs;

export function quickstartProgram(settings: QuickstartSettings) {
  return async () => {
    const migration = new SqlServerToAzureSqlMigration("sales", settings);
    return {
      engine: migration.engine,
      serviceName: migration.serviceName,
      phase: migration.phase,
      state: migration.state,
      progress: migration.databaseProgress,
      errors: migration.errors,
      // The migration report's paths and headline (the report itself is in the report directory).
      report: migration.report,
      ...(migration.taskName ? { taskName: migration.taskName } : {}),
      // The key that registers the self-hosted integration runtime (a secret output).
      ...(migration.authKey1
        ? { integrationRuntimeState: migration.integrationRuntimeState, authKey1: migration.authKey1 }
        : {}),
      ...(migration.schemaDeployment
        ? {
            schemaScript: migration.schemaDeployment.scriptPath,
            schemaAssessment: migration.schemaDeployment.assessment,
          }
        : {}),
    };
  };
}
