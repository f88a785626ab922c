/** pulumi-azure-sql-migration: Pulumi resources that migrate SQL Server databases to Azure SQL Database. */
export * from "./components";
export {
  migrationReportSchema,
  MIGRATION_REPORT_FORMAT,
  MIGRATION_REPORT_VERSION,
  type MigrationReport,
} from "./provider/report";
