/** Inputs of SchemaDeployment, validated in `check` so `pulumi preview` names any bad field. */
import { z } from "zod";
import { sqlConnectionSpecSchema, type SqlConnectionSpec } from "../../sql";
import { parseFilterPattern } from "./filters";
import { hashSummarySchema } from "./hash-summary";

const filterList = z
  .array(
    z.string().superRefine((text, ctx) => {
      const parsed = parseFilterPattern(text);
      if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
    }),
  )
  .default([]);

/**
 * Where the schema comes from: exactly one of a live SQL Server database, T-SQL scripts (a file or a folder, as
 * an SSDT project keeps them) or a model snapshot JSON file. An object with three optional fields (rather than a
 * union) so a mistake is reported on the field that holds it, e.g. `source.connection.port`.
 */
export const schemaSourceInput = z
  .strictObject({
    connection: sqlConnectionSpecSchema.optional(),
    scriptPath: z.string().min(1, "must not be empty").optional(),
    snapshotPath: z.string().min(1, "must not be empty").optional(),
  })
  .superRefine((source, ctx) => {
    const given = (["connection", "scriptPath", "snapshotPath"] as const).filter((k) => source[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          given.length === 0
            ? "must give one of connection, scriptPath or snapshotPath"
            : `must give only one of connection, scriptPath or snapshotPath (got ${given.join(" and ")})`,
      });
    }
  });

export const TARGET_TIERS = [
  "Basic",
  "Standard",
  "Premium",
  "GeneralPurpose",
  "BusinessCritical",
  "Hyperscale",
] as const;

export const schemaDeploymentInputs = z.object({
  source: schemaSourceInput,
  /** The Azure SQL Database the schema is deployed to. */
  target: sqlConnectionSpecSchema,
  /** Objects to deploy (kinds or name patterns); default all. See filters.ts. */
  include: filterList,
  /** Objects to leave out (kinds or name patterns). */
  exclude: filterList,
  /** Which findings fail the resource, at preview: blocking (default), warning (and blocking), never. */
  failOn: z.enum(["blocking", "warning", "never"]).default("blocking"),
  /** false: assess and write the script and reports, never connect to the target. */
  deploy: z.boolean().default(true),
  /** Folder for the script and the reports (relative paths: from the Pulumi project directory). */
  outputDirectory: z.string().min(1, "must not be empty").default("schema-deployment"),
  /** Apply changes that could lose data (dropping a table that dropExtraObjects would drop). */
  allowDataLoss: z.boolean().default(false),
  /** Drop objects on the target that the (filtered) source does not have. */
  dropExtraObjects: z.boolean().default(false),
  /** Service tier of the target, when known: it decides the severity of tier-dependent findings. */
  targetTier: z.enum(TARGET_TIERS).optional(),
  /**
   * Set by `check`, never by the program: the summary (count and digest, overall and per kind) of the hashes of
   * every object of the (filtered) source, so the engine's preview shows which kinds changed; `diff` names the
   * objects. Whatever a program passes here is replaced.
   */
  sourceSummary: hashSummarySchema.optional(),
  /**
   * Set by `check`, never by the program: `kind key` → created / altered / removed for the objects that changed
   * since the last reading (at most 25, then a count; or why they cannot be named), so preview names them
   * (preview-changes.ts). Whatever a program passes here is replaced.
   */
  sourceChanges: z.record(z.string(), z.string()).optional(),
  /**
   * Set by `check`, never by the program: `kind key` → reason of every object the generated script would leave
   * out (blockers under failOn "never" and what depends on them, objects a fix removes, objects not scripted), so
   * preview names them. Whatever a program passes here is replaced.
   */
  sourceOmitted: z.record(z.string(), z.string()).optional(),
  /**
   * Set by `check`, never by the program: the source's version (source-version.ts) when sourceSummary and
   * sourceOmitted were read, so the next check can keep them while it is unchanged. Whatever a program passes
   * here is replaced.
   */
  sourceVersion: z.string().optional(),
});

export type SchemaDeploymentInputs = z.output<typeof schemaDeploymentInputs>;
export type SchemaSourceInput = z.output<typeof schemaSourceInput>;

/** A readable description of a connection, for logs and ids: never its credentials. */
export function describeConnection(spec: Pick<SqlConnectionSpec, "server" | "port" | "database">): string {
  return `${spec.server}${spec.port !== undefined && spec.port !== 1433 ? `:${spec.port}` : ""}/${spec.database}`;
}

export function describeSource(source: SchemaSourceInput): string {
  if (source.connection) return `database ${describeConnection(source.connection)}`;
  if (source.scriptPath !== undefined) return `scripts ${source.scriptPath}`;
  return `snapshot ${source.snapshotPath}`;
}

/** The target's identity (where, which database), credentials and transport settings aside. */
export function targetIdentity(target: Pick<SqlConnectionSpec, "server" | "port" | "database">): string {
  return `${target.server.toLowerCase()}:${target.port ?? 1433}/${target.database}`;
}
