/**
 * Transactional replication from a SQL Server source to an Azure SQL Database push subscriber, in T-SQL through
 * the project's SQL layer: prerequisites, distributor, publishing, the push subscription, monitoring, and the
 * target's side of preparation and cutover. One module per concern; no Pulumi here (the ReplicationMigration
 * resource orchestrates these calls). Every call is its own request outside any transaction, every name is
 * bracket-quoted or a parameter, and every step reads what exists before it creates anything.
 */
export * from "./topology";
export * from "./names";
export * from "./prerequisites";
export * from "./distributor";
export * from "./publishing";
export * from "./subscription";
export * from "./monitoring";
export * from "./table-objects";
export * from "./target-preparation";
export * from "./target-cutover";
export { procedureCallText } from "./calls";
