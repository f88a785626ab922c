/** The one report per migration: its JSON schema (exported for pipelines), how it is built and rendered. */
export {
  migrationReportSchema,
  MIGRATION_REPORT_FORMAT,
  MIGRATION_REPORT_VERSION,
  type MigrationReport,
} from "./report-schema";
export {
  buildReport,
  type ReportFacts,
  type DatabaseFacts,
  type SchemaStepFacts,
  type ValidationFacts,
} from "./build-report";
export { renderReportMarkdown } from "./render-markdown";
export { reportFiles, type ReportFiles } from "./report-files";
export { headline } from "./build-report";
