/** Inputs of ReplicationMigration, validated in `check` so `pulumi preview` names any bad field. */
import { createHash } from "node:crypto";
import { z } from "zod";
import { databaseNameInput, tableNameInput } from "../../sql/name-rules";
import { publicationNameProblem } from "../../replication/names";
import { timeoutSecondsInput } from "../common-inputs";
import { reportContextInput } from "../report-step";
import { reportDirectoryInput, validationSettingsSchema } from "../validation-step";

const count = z.number().int("must be a whole number").min(0, "must be 0 or more");

/** A SQL Server endpoint reached with SQL authentication (the password is a secret input). */
export const sqlEndpointInput = z.object({
  /** Host name or IP address (`sql01.contoso.local`, `sales.database.windows.net`). */
  server: z.string().min(1, "must not be empty"),
  /** Default 1433. */
  port: z.number().int().min(1).max(65535).optional(),
  userName: z.string().min(1, "must not be empty"),
  password: z.string().min(1, "must not be empty"),
  /** `strict` (TDS 8.0), true (default) or false. */
  encrypt: z.union([z.literal("strict"), z.boolean()]).default(true),
  trustServerCertificate: z.boolean().default(false),
  /** PEM of a CA to trust for this server. */
  ca: z.string().includes("-----BEGIN CERTIFICATE-----", "must be a PEM certificate").optional(),
  hostNameInCertificate: z.string().min(1).optional(),
});

export type SqlEndpointInput = z.output<typeof sqlEndpointInput>;

const sqlName = databaseNameInput;

export const replicationMigrationInputs = z
  .object({
    /** The publisher: a SQL Server 2016+ instance (a sysadmin login), reached from where `pulumi up` runs. */
    source: sqlEndpointInput,
    sourceDatabaseName: sqlName,
    /** The Azure SQL logical server, reached from where `pulumi up` runs; the login is db_owner in the target database. */
    target: sqlEndpointInput.extend({
      /**
       * The subscriber's name as the distributor reaches it, if not `server` (with `,port` for a non-default
       * port): e.g. `sales.database.windows.net` when `pulumi up` reaches the target through a tunnel.
       */
      subscriber: z.string().min(1).optional(),
    }),
    /** The target database; it must exist with the tables (the schema step creates them). */
    targetDatabaseName: sqlName,
    /** The publication's name: deterministic (the component derives it), without % * [ ] | : " ? \ / < >. */
    publicationName: z.string().superRefine((value, ctx) => {
      const problem = publicationNameProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    /** Tables to publish (`dbo.Orders`, `[Sales].[Order]`); default every table with a primary key. */
    tables: z.array(tableNameInput).default([]),
    /** A table without a primary key: `fail` (default; preview names it) or `exclude` (left out, named in the log and outputs). */
    withoutPrimaryKey: z.enum(["fail", "exclude"]).default("fail"),
    distributor: z
      .object({
        /** `local` (default): the source is its own distributor, created when missing. `remote`: an existing one. */
        mode: z.enum(["local", "remote"]).default("local"),
        distributionDatabase: sqlName.default("distribution"),
        /** Snapshot folder of a local distributor; default the instance's ReplData folder. */
        workingDirectory: z.string().min(1).max(255).optional(),
        /** Remote: the distributor's name as the publisher knows it. */
        server: z.string().min(1).optional(),
        /** Remote: how `pulumi up` reaches the distributor to monitor (SQL authentication). */
        connection: sqlEndpointInput.optional(),
        /** Remove a distributor this resource created once the cutover is done (when nothing else uses it). */
        removeAfterCutover: z.boolean().default(true),
      })
      .default({ mode: "local", distributionDatabase: "distribution", removeAfterCutover: true }),
    /** How the Log Reader and Snapshot agents reach the publisher: `sql` (default, the source login) or `windows` (the Agent's account). */
    publisherSecurity: z.enum(["sql", "windows"]).default("sql"),
    /** What the snapshot does to a target table before loading it: `delete` its rows (default) or `none` (targets known empty). */
    preCreationCommand: z.enum(["delete", "none"]).default("delete"),
    /** Readiness gate: commands waiting in the distribution database allowed at cutover (default 0). */
    maxPendingCommands: count.default(0),
    /** Readiness gate: a tracer token posted now must reach the target within this many seconds (default 60). */
    maxLatencySeconds: z.number().positive("must be greater than 0").default(60),
    /** Cut over once the readiness gate passes: stop writes (hook), drain, validate, tear down, fix the target. Cannot be undone. */
    cutover: z.boolean().default(false),
    /** T-SQL run on the source database when cutover begins, to stop application writes (make it idempotent). */
    stopWritesSql: z.string().trim().min(1, "must not be empty when given").optional(),
    validation: validationSettingsSchema.default(validationSettingsSchema.parse({})),
    /** Cut over even when validation finds differences (recorded in the report). */
    allowValidationMismatch: z.boolean().default(false),
    /** Bump to validate again without any other change. */
    revalidate: count.default(0),
    /** Bump after an agent failed (and its cause was fixed): the agent job is started again. */
    retry: count.default(0),
    /** How far one update follows: `readyForCutover` (default) or `started` (configured, snapshot under way). */
    wait: z.enum(["started", "readyForCutover"]).default("readyForCutover"),
    strictWait: z.boolean().default(false),
    waitTimeoutSeconds: timeoutSecondsInput(3600),
    /** Seconds between two polls of the replication monitor (default 5). */
    pollIntervalSeconds: z.number().positive("must be greater than 0").max(300, "must be at most 300").default(5),
    progressLogIntervalSeconds: count.default(30),
    reportDirectory: reportDirectoryInput,
    report: reportContextInput,
  })
  .superRefine((inputs, ctx) => {
    if (inputs.distributor.mode === "remote") {
      if (!inputs.distributor.server)
        ctx.addIssue({
          code: "custom",
          path: ["distributor", "server"],
          message: "a remote distributor needs its server name (as the publisher knows it)",
        });
      if (!inputs.distributor.connection)
        ctx.addIssue({
          code: "custom",
          path: ["distributor", "connection"],
          message: "a remote distributor needs a connection to monitor it from",
        });
    } else if (inputs.distributor.server || inputs.distributor.connection) {
      ctx.addIssue({
        code: "custom",
        path: ["distributor", "mode"],
        message: 'server and connection are for mode "remote"; a local distributor is the source itself',
      });
    }
  });

export type ReplicationMigrationInputs = z.output<typeof replicationMigrationInputs>;

/** Inputs that only change how an update behaves: a change is applied in place, with no remote change of its own. */
export const SETTINGS = [
  "cutover",
  "stopWritesSql",
  "maxPendingCommands",
  "maxLatencySeconds",
  "allowValidationMismatch",
  "revalidate",
  "retry",
  "wait",
  "strictWait",
  "waitTimeoutSeconds",
  "pollIntervalSeconds",
  "progressLogIntervalSeconds",
  "reportDirectory",
] as const;

/** A fingerprint of what identifies the replication (no passwords), to tell a replacement from a setting. */
export function identityOf(inputs: ReplicationMigrationInputs): Record<string, string> {
  const lower = (s: string) => s.toLowerCase();
  const tables = inputs.tables.map(lower).sort().join(",");
  return {
    source: `${lower(inputs.source.server)}:${inputs.source.port ?? 1433}`,
    sourceDatabaseName: lower(inputs.sourceDatabaseName),
    target: `${lower(inputs.target.server)}:${inputs.target.port ?? 1433}:${lower(inputs.target.subscriber ?? "")}`,
    targetDatabaseName: lower(inputs.targetDatabaseName),
    publicationName: inputs.publicationName,
    tables: createHash("sha256").update(tables).digest("hex").slice(0, 16),
    withoutPrimaryKey: inputs.withoutPrimaryKey,
    distributor: `${inputs.distributor.mode}:${lower(inputs.distributor.distributionDatabase)}:${lower(inputs.distributor.server ?? "")}`,
    preCreationCommand: inputs.preCreationCommand,
  };
}
