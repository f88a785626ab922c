/**
 * The migration report's JSON, as a zod schema the package exports: a pipeline can validate the file it
 * attaches to a change ticket, and the project's tests validate every report they produce against it.
 * One report per migration, rewritten by every `up` that changes anything; no secret is ever in it.
 */
import { z } from "zod";

export const MIGRATION_REPORT_FORMAT = "pulumi-azure-sql-migration/migration-report";
export const MIGRATION_REPORT_VERSION = 1;

const tableMove = z.object({
  table: z.string(),
  state: z.string(),
  rowsCopied: z.number(),
  throughputKBps: z.number().optional(),
  durationSeconds: z.number().optional(),
});

const tableValidation = z.object({
  table: z.string(),
  method: z.string(),
  verdict: z.enum(["match", "mismatch", "error"]),
  sourceRows: z.string().optional(),
  targetRows: z.string().optional(),
  rangesCompared: z.number().optional(),
  rangesTotal: z.number().optional(),
  note: z.string().optional(),
  error: z.string().optional(),
  detail: z.string().optional(),
});

export const migrationReportSchema = z.object({
  format: z.literal(MIGRATION_REPORT_FORMAT),
  version: z.literal(MIGRATION_REPORT_VERSION),
  migration: z.string(),
  generatedAt: z.string(),
  engine: z.string(),
  apiVersions: z.array(z.string()),
  summary: z.object({
    /** The whole migration in the lifecycle's words (docs/lifecycle.md). */
    phase: z.string(),
    /** One sentence a person reads first. */
    headline: z.string(),
    databases: z.number(),
    rowsCopied: z.number(),
    tablesValidated: z.number(),
    tablesDiffering: z.number(),
    blockingFindings: z.number().optional(),
  }),
  assessment: z
    .object({
      blocking: z.number(),
      warning: z.number(),
      info: z.number(),
      blockingRuleIds: z.array(z.string()),
      fixesApplied: z.array(z.string()),
      heldBack: z.array(z.string()),
      reportFile: z.string().optional(),
    })
    .optional(),
  schemaDeployment: z
    .object({
      deployed: z.boolean(),
      plannedBatches: z.number(),
      deployedBatches: z.number(),
      anomalies: z
        .object({
          clean: z.boolean(),
          missing: z.array(z.string()),
          extra: z.array(z.string()),
          different: z.array(z.string()),
        })
        .optional(),
      scriptFile: z.string().optional(),
      lastError: z.string().optional(),
    })
    .optional(),
  dataMove: z.array(
    z.object({
      database: z.string(),
      targetDatabase: z.string(),
      phase: z.string(),
      state: z.string().optional(),
      startedOn: z.string().optional(),
      endedOn: z.string().optional(),
      durationSeconds: z.number().optional(),
      rowsCopied: z.number(),
      tables: z.array(tableMove),
      errors: z.array(z.string()),
    }),
  ),
  validation: z.array(
    z.object({
      database: z.string(),
      verdict: z.string(),
      depth: z.string(),
      tables: z.number(),
      matched: z.number(),
      mismatched: z.number(),
      errors: z.number(),
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
      durationSeconds: z.number().optional(),
      /** Cutover allowed although validation was not clean (`allowValidationMismatch`). */
      mismatchAllowed: z.boolean().optional(),
      results: z.array(tableValidation),
    }),
  ),
  cutover: z.array(
    z.object({ at: z.string(), check: z.string(), passed: z.boolean(), values: z.record(z.string(), z.unknown()) }),
  ),
  phases: z.array(
    z.object({
      name: z.string(),
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
      durationSeconds: z.number().optional(),
    }),
  ),
});

export type MigrationReport = z.infer<typeof migrationReportSchema>;
