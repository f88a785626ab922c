/**
 * Builds the migration report from what each step recorded: the bounded summaries the resources keep in state
 * (passed in by the component) and the per-table files they write beside the report (data move and
 * validation), so the report has every table while the state stays small.
 */
import { promises as fs } from "node:fs";
import { describeDifference, type TableValidation } from "../sql/validation";
import { MIGRATION_REPORT_FORMAT, MIGRATION_REPORT_VERSION, type MigrationReport } from "./report-schema";

export interface SchemaStepFacts {
  assessment: { blocking: number; warning: number; info: number; blockingRuleIds: string[] };
  appliedFixes: string[];
  omittedObjects: string[];
  heldBack: { id: string; reason: string }[];
  assessmentReport?: string;
  deployed: boolean;
  plannedBatchCount: number;
  deployedBatchCount: number;
  anomalies?: { clean: boolean; missing: string[]; extra: string[]; different: { id: string }[] };
  scriptPath?: string;
  lastError?: string;
}

export interface ValidationFacts {
  verdict: string;
  depth: string;
  tables: number;
  matched: number;
  mismatched: number;
  errors: number;
  startedAt?: string;
  endedAt?: string;
  resultFile?: string;
  mismatchAllowed?: boolean;
}

export interface DatabaseFacts {
  database: string;
  targetDatabase: string;
  phase: string;
  state?: string;
  startedOn?: string;
  endedOn?: string;
  rowsCopied: number;
  errors: string[];
  /** Per-table progress of the data move, written by the data engine. */
  dataMoveFile?: string;
  validation?: ValidationFacts;
  /** Online engines: the cutover's timeline (gate checks and steps), in order. */
  cutover?: MigrationReport["cutover"];
}

export interface ReportFacts {
  migration: string;
  engine: string;
  apiVersions: string[];
  phase: string;
  schema?: SchemaStepFacts;
  databases: DatabaseFacts[];
  cutover?: MigrationReport["cutover"];
}

async function readJson(file: string | undefined): Promise<unknown> {
  if (!file) return undefined;
  try {
    return JSON.parse(await fs.readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

const seconds = (from?: string, to?: string) =>
  from && to ? Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) : undefined;

type ValidationFileTable = TableValidation;

/** One database's data move, with its per-table rows from the data engine's file. */
async function dataMoveEntry(db: DatabaseFacts): Promise<MigrationReport["dataMove"][number]> {
  const moved = (await readJson(db.dataMoveFile)) as
    | {
        tables?: {
          table: string;
          status: string;
          rowsCopied: number;
          throughputKBps?: number;
          durationSeconds?: number;
        }[];
      }
    | undefined;
  return {
    database: db.database,
    targetDatabase: db.targetDatabase,
    phase: db.phase,
    ...(db.state ? { state: db.state } : {}),
    ...(db.startedOn ? { startedOn: db.startedOn } : {}),
    ...(db.endedOn ? { endedOn: db.endedOn } : {}),
    ...(seconds(db.startedOn, db.endedOn) !== undefined ? { durationSeconds: seconds(db.startedOn, db.endedOn) } : {}),
    rowsCopied: db.rowsCopied,
    tables: (moved?.tables ?? []).map((t) => ({
      table: t.table,
      state: t.status,
      rowsCopied: t.rowsCopied,
      ...(t.throughputKBps !== undefined ? { throughputKBps: t.throughputKBps } : {}),
      ...(t.durationSeconds !== undefined ? { durationSeconds: t.durationSeconds } : {}),
    })),
    errors: db.errors,
  };
}

/** One database's validation, with every table's result from the validation's file. */
async function validationEntry(db: DatabaseFacts, v: ValidationFacts): Promise<MigrationReport["validation"][number]> {
  const file = (await readJson(v.resultFile)) as { tables?: ValidationFileTable[] } | undefined;
  return {
    database: db.database,
    verdict: v.verdict,
    depth: v.depth,
    tables: v.tables,
    matched: v.matched,
    mismatched: v.mismatched,
    errors: v.errors,
    ...(v.startedAt ? { startedAt: v.startedAt } : {}),
    ...(v.endedAt ? { endedAt: v.endedAt } : {}),
    ...(seconds(v.startedAt, v.endedAt) !== undefined ? { durationSeconds: seconds(v.startedAt, v.endedAt) } : {}),
    ...(v.mismatchAllowed ? { mismatchAllowed: true } : {}),
    results: (file?.tables ?? []).map((t) => ({
      table: t.table,
      method: t.method,
      verdict: t.verdict,
      ...(t.sourceRows !== undefined ? { sourceRows: t.sourceRows } : {}),
      ...(t.targetRows !== undefined ? { targetRows: t.targetRows } : {}),
      ...(t.rangesCompared !== undefined ? { rangesCompared: t.rangesCompared } : {}),
      ...(t.rangesTotal !== undefined ? { rangesTotal: t.rangesTotal } : {}),
      ...(t.note ? { note: t.note } : {}),
      ...(t.error ? { error: t.error } : {}),
      ...(t.verdict !== "match" ? { detail: describeDifference(t) } : {}),
    })),
  };
}

/** When each phase ran: every database's data move, validation and cutover. */
function phaseTimes(
  facts: ReportFacts,
  dataMove: MigrationReport["dataMove"],
  validation: MigrationReport["validation"],
): MigrationReport["phases"] {
  return [
    ...dataMove.map((d) => ({
      name: `data move ${d.database}`,
      ...(d.startedOn ? { startedAt: d.startedOn } : {}),
      ...(d.endedOn ? { endedAt: d.endedOn } : {}),
      ...(d.durationSeconds !== undefined ? { durationSeconds: d.durationSeconds } : {}),
    })),
    ...validation.map((v) => ({
      name: `validation ${v.database}`,
      ...(v.startedAt ? { startedAt: v.startedAt } : {}),
      ...(v.endedAt ? { endedAt: v.endedAt } : {}),
      ...(v.durationSeconds !== undefined ? { durationSeconds: v.durationSeconds } : {}),
    })),
    ...facts.databases.flatMap((db) => {
      const times = (db.cutover ?? []).map((c) => c.at).sort();
      if (!times.length) return [];
      const [startedAt, endedAt] = [times[0]!, times[times.length - 1]!];
      return [{ name: `cutover ${db.database}`, startedAt, endedAt, durationSeconds: seconds(startedAt, endedAt)! }];
    }),
  ];
}

export async function buildReport(facts: ReportFacts, generatedAt = new Date()): Promise<MigrationReport> {
  const dataMove: MigrationReport["dataMove"] = [];
  const validation: MigrationReport["validation"] = [];
  for (const db of facts.databases) {
    dataMove.push(await dataMoveEntry(db));
    if (db.validation) validation.push(await validationEntry(db, db.validation));
  }
  const schema = facts.schema;
  const rowsCopied = facts.databases.reduce((sum, db) => sum + db.rowsCopied, 0);
  const tablesValidated = validation.reduce((sum, v) => sum + v.tables, 0);
  const tablesDiffering = validation.reduce((sum, v) => sum + v.mismatched + v.errors, 0);
  return {
    format: MIGRATION_REPORT_FORMAT,
    version: MIGRATION_REPORT_VERSION,
    migration: facts.migration,
    generatedAt: generatedAt.toISOString(),
    engine: facts.engine,
    apiVersions: facts.apiVersions,
    summary: {
      phase: facts.phase,
      headline: headline(facts.phase, facts.databases.length, rowsCopied, tablesValidated, tablesDiffering),
      databases: facts.databases.length,
      rowsCopied,
      tablesValidated,
      tablesDiffering,
      ...(schema ? { blockingFindings: schema.assessment.blocking } : {}),
    },
    ...(schema
      ? {
          assessment: {
            ...schema.assessment,
            fixesApplied: schema.appliedFixes,
            heldBack: [...schema.omittedObjects, ...schema.heldBack.map((h) => `${h.id}: ${h.reason}`)],
            ...(schema.assessmentReport ? { reportFile: schema.assessmentReport } : {}),
          },
          schemaDeployment: {
            deployed: schema.deployed,
            plannedBatches: schema.plannedBatchCount,
            deployedBatches: schema.deployedBatchCount,
            ...(schema.anomalies
              ? { anomalies: { ...schema.anomalies, different: schema.anomalies.different.map((d) => d.id) } }
              : {}),
            ...(schema.scriptPath ? { scriptFile: schema.scriptPath } : {}),
            ...(schema.lastError ? { lastError: schema.lastError } : {}),
          },
        }
      : {}),
    dataMove,
    validation,
    cutover: facts.cutover ?? facts.databases.flatMap((db) => db.cutover ?? []),
    phases: phaseTimes(facts, dataMove, validation),
  };
}

/** The sentence a person reads first. */
export function headline(phase: string, databases: number, rows: number, validated: number, differing: number): string {
  const what = `${databases} database${databases === 1 ? "" : "s"}, ${rows} rows copied`;
  switch (phase) {
    case "validated":
      return `Migration complete and validated: ${what}, all ${validated} tables match.`;
    case "validationFailed":
      return `Data moved but validation failed: ${differing} of ${validated} tables differ (${what}).`;
    case "completed":
      return validated > 0 && differing === 0
        ? `Migration complete and validated: ${what}, all ${validated} tables match.`
        : `Data moved (${what}); not validated.`;
    case "failed":
    case "canceled":
      return `Migration ${phase}: see the data move errors below (${what}).`;
    default:
      return `Migration in progress (${phase}): ${what} so far.`;
  }
}
