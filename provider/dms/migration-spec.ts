import { z } from "zod";
import { databaseNameInput, tableNameInput } from "../sql/name-rules";

/**
 * The typed description of one migration that the rest of the project speaks (components, resources), and
 * that the task-body builders turn into Microsoft.DataMigration task inputs. Validated with zod so a bad
 * input fails `pulumi preview` with the field's path.
 */

/** A SQL Server (source) or Azure SQL logical server (target), reached with SQL authentication. */
export const sqlServerEndpointSchema = z.object({
  /** Host name, e.g. `sql01.contoso.local` or `myserver.database.windows.net`; may include `\\INSTANCE`. */
  server: z.string().min(1),
  /** TCP port; omitted means the default (1433, or the instance's). */
  port: z.number().int().min(1).max(65535).optional(),
  userName: z.string().min(1),
  password: z.string().min(1),
  /** Encrypt the connection. The spec's default is true, and so is ours. */
  encrypt: z.boolean().default(true),
  /** Trust the server certificate without validating it. The spec's default is false, and so is ours. */
  trustServerCertificate: z.boolean().default(false),
});
export type SqlServerEndpoint = z.input<typeof sqlServerEndpointSchema>;

/** One database to migrate: source name, target name, and optionally which tables (`schema.table`). */
export const migrationDatabaseSchema = z.object({
  sourceName: databaseNameInput,
  targetName: databaseNameInput,
  /**
   * Tables to migrate, schema-qualified (`dbo.Orders`); a bare name means `dbo`. Omitted means every user
   * table: no `tableMap` is sent and the service migrates the database's tables.
   */
  tables: z.array(tableNameInput).min(1).optional(),
  /** Offline only: make the source read-only during the copy (MigrateSqlServerSqlDbDatabaseInput). */
  makeSourceDbReadOnly: z.boolean().optional(),
});
export type MigrationDatabase = z.input<typeof migrationDatabaseSchema>;

export const migrationSpecSchema = z
  .object({
    mode: z.enum(["offline", "online"]),
    source: sqlServerEndpointSchema,
    target: sqlServerEndpointSchema,
    databases: z.array(migrationDatabaseSchema).min(1),
  })
  .superRefine((spec, ctx) => {
    const seen = new Set<string>();
    spec.databases.forEach((db, i) => {
      const key = db.sourceName.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["databases", i, "sourceName"],
          message: `database "${db.sourceName}" is listed twice`,
        });
      }
      seen.add(key);
      if (spec.mode === "online" && db.makeSourceDbReadOnly !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["databases", i, "makeSourceDbReadOnly"],
          message: "only offline migrations can make the source read-only (the online task has no such input)",
        });
      }
    });
  });
export type MigrationSpec = z.input<typeof migrationSpecSchema>;
export type ValidMigrationSpec = z.output<typeof migrationSpecSchema>;
