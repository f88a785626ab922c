/**
 * Microsoft.DataMigration (classic model: services, projects, tasks) — shapes from the REST spec and the
 * helpers built on them. No HTTP here: provider/arm sends what these functions build and these functions
 * read what it receives.
 */
export * from "./states";
export * from "./task-types";
export * from "./parse";
export * from "./common-shapes";
export * from "./service-shapes";
export * from "./project-shapes";
export * from "./task-input-shapes";
export * from "./connection-output-shapes";
export * from "./offline-output-shapes";
export * from "./sync-output-shapes";
export * from "./command-shapes";
export * from "./discriminated";
export * from "./task-shapes";
export * from "./parse-responses";
export * from "./migration-spec";
export * from "./connection-info";
export * from "./table-names";
export * from "./task-bodies";
export * from "./summarize-output";
export * from "./cutover-readiness";
export * from "./arm-names";
export * from "./strip-secrets";
export * from "./sql-migration";
