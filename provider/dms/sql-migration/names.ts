import { createHash } from "node:crypto";

/**
 * Names of sqlMigrationServices. Each service is backed by an Azure Data Factory, so Data Factory's naming rule
 * applies (the service answers `ServiceNameInvalid`, https://aka.ms/dmsv2naming): 3–63 letters, digits and
 * hyphens, starting and ending with a letter or digit, no two hyphens in a row.
 */
export const SQL_MIGRATION_SERVICE_NAME = {
  min: 3,
  max: 63,
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){2,62}$/,
  rule: "3-63 letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row",
} as const;

export function isValidSqlMigrationServiceName(name: string): boolean {
  return SQL_MIGRATION_SERVICE_NAME.pattern.test(name);
}

/**
 * A valid service name derived from a Pulumi resource name, deterministic so an interrupted `up` finds the
 * service the first one created. Valid names are kept; others are cleaned and get a hash of the original.
 */
export function sqlMigrationServiceName(logicalName: string): string {
  if (isValidSqlMigrationServiceName(logicalName)) return logicalName;
  const suffix = `-${createHash("sha256").update(logicalName).digest("hex").slice(0, 8)}`;
  const base = logicalName
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SQL_MIGRATION_SERVICE_NAME.max - suffix.length)
    .replace(/-+$/, "");
  return `${base || "dms"}${suffix}`;
}

/** Target database names as the databaseMigrations path accepts them. */
export const TARGET_DATABASE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;
