/**
 * The current Azure Database Migration Service (sqlMigrationServices + databaseMigrations of kind SqlDb):
 * paths, names, request bodies, lenient response shapes and run summaries. No HTTP here.
 */
export * from "./api";
export * from "./names";
export * from "./shapes";
export * from "./bodies";
export * from "./run-summary";
