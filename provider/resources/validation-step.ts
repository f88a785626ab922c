/**
 * The validation step every data engine runs after its data move (and, online, before cutover): source and
 * target compared per table with provider/sql/validation, progress in the log, the full per-table result
 * written to a file for the report, and a bounded summary for the state (it must not grow with table count).
 */
import * as path from "node:path";
import { z } from "zod";
import { databaseNameInput, tableNameInput } from "../sql/name-rules";
import type { SqlConnectionSpec } from "../sql/connection-spec";
import {
  describeDifference,
  validateData,
  validationOptionsSchema,
  type TableValidation,
  type ValidationResult,
} from "../sql/validation";
import { splitTableName } from "../dms/table-names";
import type { ValidationFacts } from "../report";
import { fileStem, writeFileAtomically } from "./atomic-file";
import { logInfo } from "./log";
import { ThrottledProgress } from "./throttled-progress";

/** Where validation connects when it is not where the migration service connects (a CI runner's own route). */
const endpointOverride = z
  .object({
    server: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** A database name other than the migration's. */
    database: databaseNameInput.optional(),
    encrypt: z.union([z.literal("strict"), z.boolean()]).optional(),
    trustServerCertificate: z.boolean().optional(),
    /** PEM of a CA to trust for this server. */
    ca: z.string().optional(),
    hostNameInCertificate: z.string().min(1).optional(),
  })
  .optional();

export const validationSettingsSchema = validationOptionsSchema.extend({
  /** Tables to compare (`dbo.Orders`); default every user table of the source. */
  tables: z.array(tableNameInput).optional(),
  source: endpointOverride,
  target: endpointOverride,
});

/** Where a migration's per-table files and its report go, relative to the Pulumi project directory. */
export const reportDirectoryInput = z.string().min(1, "must not be empty").default("migration-report");

export type ValidationSettings = z.output<typeof validationSettingsSchema>;
export type EndpointOverride = z.output<typeof endpointOverride>;

/** Mismatching tables kept in state: enough to act on, bounded whatever the table count. */
const MISMATCHES_IN_STATE = 10;

export interface ValidationMismatch {
  table: string;
  method: TableValidation["method"];
  sourceRows?: string;
  targetRows?: string;
  detail: string;
}

/** What the state keeps of a validation. */
export interface ValidationSummary {
  verdict: ValidationResult["verdict"];
  depth: ValidationResult["depth"];
  tables: number;
  matched: number;
  mismatched: number;
  errors: number;
  /** The first mismatching or failed tables. */
  mismatches: ValidationMismatch[];
  startedAt: string;
  endedAt: string;
  /** The file with every table's result. */
  resultFile?: string;
}

export function summarize(result: ValidationResult, resultFile?: string): ValidationSummary {
  const bad = result.tables.filter((t) => t.verdict !== "match");
  return {
    verdict: result.verdict,
    depth: result.depth,
    tables: result.tables.length,
    matched: result.tables.length - bad.length,
    mismatched: bad.filter((t) => t.verdict === "mismatch").length,
    errors: bad.filter((t) => t.verdict === "error").length,
    mismatches: bad.slice(0, MISMATCHES_IN_STATE).map((t) => ({
      table: t.table,
      method: t.method,
      ...(t.sourceRows !== undefined ? { sourceRows: t.sourceRows } : {}),
      ...(t.targetRows !== undefined ? { targetRows: t.targetRows } : {}),
      detail: describeDifference(t),
    })),
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    ...(resultFile ? { resultFile } : {}),
  };
}

/** What the migration report keeps of a validation (every engine writes the same facts). */
export function validationFacts(v: ValidationSummary, mismatchAllowed = false): ValidationFacts {
  return {
    verdict: v.verdict,
    depth: v.depth,
    tables: v.tables,
    matched: v.matched,
    mismatched: v.mismatched,
    errors: v.errors,
    startedAt: v.startedAt,
    endedAt: v.endedAt,
    ...(v.resultFile ? { resultFile: v.resultFile } : {}),
    ...(mismatchAllowed ? { mismatchAllowed: true } : {}),
  };
}

/** The failure message: per table what differs, and what to do. */
export function validationFailureMessage(label: string, summary: ValidationSummary, next: string): string {
  const lines = summary.mismatches.map((m) => `  - ${m.table}: ${m.detail}`);
  const more = summary.mismatched + summary.errors - summary.mismatches.length;
  if (more > 0) lines.push(`  - and ${more} more (see ${summary.resultFile ?? "the validation results"})`);
  return `validation of ${label} failed: ${summary.mismatched} of ${summary.tables} tables differ, ${summary.errors} could not be validated:\n${lines.join("\n")}\n${next}`;
}

export function applyOverride(spec: SqlConnectionSpec, override: EndpointOverride): SqlConnectionSpec {
  if (!override) return spec;
  const { server, port, database, encrypt, trustServerCertificate, ca, hostNameInCertificate } = override;
  return {
    ...spec,
    ...(server ? { server } : {}),
    ...(port ? { port } : {}),
    ...(database ? { database } : {}),
    ...(encrypt !== undefined ? { encrypt } : {}),
    ...(trustServerCertificate !== undefined ? { trustServerCertificate } : {}),
    ...(ca ? { ca } : {}),
    ...(hostNameInCertificate ? { hostNameInCertificate } : {}),
  };
}

/**
 * Runs the validation, logs progress at most every `progressIntervalMs` (a line per mismatch at once), writes
 * every table's result to `<reportDirectory>/<name>.validation.json` and answers the bounded summary.
 */
export async function runValidationStep(
  name: string,
  source: SqlConnectionSpec,
  target: SqlConnectionSpec,
  settings: ValidationSettings,
  reportDirectory: string,
  progressIntervalMs: number,
): Promise<ValidationSummary> {
  const { tables, source: sourceOverride, target: targetOverride, ...options } = settings;
  const progress = new ThrottledProgress(progressIntervalMs);
  logInfo(`validating ${name} (${options.depth}${options.depth === "checksum" ? `, sample ${options.sample}` : ""})`);
  const result = await validateData({
    source: applyOverride(source, sourceOverride),
    target: applyOverride(target, targetOverride),
    ...(tables?.length
      ? {
          tables: tables.map((t) => {
            const { schema, table } = splitTableName(t);
            return { schema, name: table };
          }),
        }
      : {}),
    options,
    onRetry: (message) => logInfo(`validation of ${name}: ${message}`),
    onProgress: (p) => {
      const last = p.last && p.last.verdict !== "match" ? `; ${p.last.table} ${p.last.verdict}` : "";
      progress.report(
        `validation of ${name}: ${p.done}/${p.total} tables, ${p.mismatched} differ, ${p.errors} errors${last}`,
        `${p.mismatched}|${p.errors}`,
      );
    },
  });
  const resultFile = path.resolve(reportDirectory, `${fileStem(name)}.validation.json`);
  await writeFileAtomically(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  const summary = summarize(result, resultFile);
  logInfo(`validation of ${name}: ${summary.verdict}, ${summary.matched}/${summary.tables} tables match`);
  return summary;
}
