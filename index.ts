/** pulumi-azure-sql-migration: Pulumi resources that migrate SQL Server databases to Azure SQL Database. */
export * from "./components";
