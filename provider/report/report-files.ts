import * as path from "node:path";

export interface ReportFiles {
  markdownPath: string;
  jsonPath: string;
}

/** Where a migration's report is: named after the migration, in the report directory (relative to the project). */
export function reportFiles(directory: string, migration: string): ReportFiles {
  const stem = path.resolve(directory, `${migration.replace(/[^A-Za-z0-9._-]/g, "_") || "migration"}.migration-report`);
  return { markdownPath: `${stem}.md`, jsonPath: `${stem}.json` };
}
