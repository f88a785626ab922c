/** Inputs of DatabaseMigration, validated in `check` so `pulumi preview` names any bad field. */
import { createHash } from "node:crypto";
import { z } from "zod";
import { databaseNameInput, tableNameInput } from "../../sql/name-rules";
import {
  parseSqlMigrationServiceId,
  parseSqlServerResourceId,
  TARGET_DATABASE_NAME_PATTERN,
} from "../../dms/sql-migration";
import { sqlServerEndpointSchema } from "../../dms/migration-spec";
import { armIdInput, timeoutSecondsInput } from "../common-inputs";
import { reportContextInput } from "../report-step";
import { reportDirectoryInput, validationSettingsSchema } from "../validation-step";

const count = z.number().int("must be a whole number").min(0, "must be 0 or more");

export const databaseMigrationInputs = z
  .object({
    /** ARM id of the sqlMigrationService that runs the copy. */
    migrationServiceId: armIdInput(
      parseSqlMigrationServiceId,
      "must be the ARM id of a sqlMigrationService (/subscriptions/…/providers/Microsoft.DataMigration/sqlMigrationServices/…)",
    ),
    /** ARM id of the target logical server; the migration is attached to it. */
    targetServerResourceId: armIdInput(
      parseSqlServerResourceId,
      "must be the ARM id of an Azure SQL logical server (/subscriptions/…/providers/Microsoft.Sql/servers/…)",
    ),
    /** The target database; it must exist (DMS does not create it). Also the migration's ARM name. */
    targetDatabaseName: z
      .string()
      .regex(
        TARGET_DATABASE_NAME_PATTERN,
        "must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit",
      ),
    sourceDatabaseName: databaseNameInput,
    /** The source SQL Server as the self-hosted integration runtime reaches it. */
    source: sqlServerEndpointSchema.extend({
      /** `sql` (default) or `windows` (the runtime's machine resolves the Windows login). */
      authentication: z.enum(["sql", "windows"]).default("sql"),
    }),
    /** The target server reached with SQL authentication (the only kind DMS supports for Azure SQL targets). */
    target: sqlServerEndpointSchema,
    /** Tables to copy (`dbo.Orders`, `[Sales].[Order]`); default every table. */
    tables: z.array(tableNameInput).default([]),
    /** The current DMS moves data to Azure SQL Database offline only; present so a component can pass its mode. */
    mode: z
      .string()
      .optional()
      .refine(
        (mode) => mode === undefined || mode === "offline",
        "the current DMS migrates to Azure SQL Database offline only; an online migration needs transactional replication (or the retired classic DMS)",
      ),
    /** How far one update follows the run: `completed` (default) or `started` (validated and copying). */
    wait: z.enum(["started", "completed"]).default("completed"),
    strictWait: z.boolean().default(false),
    waitTimeoutSeconds: timeoutSecondsInput(3600),
    /** Bump after a failure: a Retriable run is resumed with the service's retry, anything else starts a new run. */
    retry: count.default(0),
    progressLogIntervalSeconds: count.default(30),
    /** Compare source and target once the copy succeeded (default: exact row counts of every table). */
    validation: validationSettingsSchema.default(validationSettingsSchema.parse({})),
    /** Bump to validate again (after fixing data), without a new data move. */
    revalidate: count.default(0),
    /** Folder for the per-table files (data move, validation) and the migration report. */
    reportDirectory: reportDirectoryInput,
    /** The migration report this database contributes to (set by the component). */
    report: reportContextInput,
  })
  .superRefine((inputs, ctx) => {
    if (inputs.source.authentication === "windows" && inputs.validation.depth !== "none") {
      ctx.addIssue({
        code: "custom",
        path: ["validation", "depth"],
        message:
          'validation reads the source with SQL authentication; with Windows authentication for the runtime, set it to "none"',
      });
    }
  });

export type DatabaseMigrationInputs = z.output<typeof databaseMigrationInputs>;

/**
 * A fingerprint of the connection inputs without the passwords. Azure never returns the connections, so the
 * resource compares what it was given last time; a password change alone does not start a new run, and a
 * credential changed in Azure behind Pulumi's back cannot be seen at all.
 */
export function connectionFingerprint(inputs: Pick<DatabaseMigrationInputs, "source" | "target">): string {
  const { password: _s, ...source } = inputs.source;
  const { password: _t, ...target } = inputs.target;
  return createHash("sha256").update(JSON.stringify({ source, target })).digest("hex").slice(0, 16);
}

/** The data source string the runtime connects to: `host`, `host\instance`, `host,port`. */
export function dataSource(endpoint: { server: string; port?: number }): string {
  return endpoint.port ? `${endpoint.server},${endpoint.port}` : endpoint.server;
}
