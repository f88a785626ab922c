/**
 * Validating one table: read the same figures from source and target and compare them. Row counts at any
 * depth; at `checksum` depth, an aggregate hash per key range (key-ranges.ts), or of the whole table when it has
 * no primary key (said in the result). Every query is retried on transient errors.
 */
import type { QualifiedName } from "../../schema/model";
import { quoteParts } from "../../schema/quote";
import type { SqlParam, SqlSession } from "../session";
import { INTEGER_KEY_TYPES, integerRanges, sampledIndexes, WALKABLE_KEY_TYPES } from "./key-ranges";
import type { ValidationOptions } from "./options";
import {
  keyBoundsQuery,
  keysetBoundaryQuery,
  metadataRowCountQuery,
  primaryKeyQuery,
  rangeChecksumQuery,
  rowCountQuery,
  tableChecksumQuery,
  type RangeBounds,
} from "./queries";
import { withTransientRetries } from "../transient";

export type TableVerdict = "match" | "mismatch" | "error";

export interface RangeMismatch {
  /** The range of the leading key column, as text ("" for an open end). */
  from: string;
  to: string;
  sourceRows: string;
  targetRows: string;
  sourceChecksum: number | null;
  targetChecksum: number | null;
}

export interface TableValidation {
  /** `schema.table`. */
  table: string;
  method: "rowCount" | "metadataRowCount" | "keyRangeChecksum" | "tableChecksum";
  verdict: TableVerdict;
  sourceRows?: string;
  targetRows?: string;
  /** Checksum mode: ranges compared and in all, and the first mismatching ones. */
  rangesCompared?: number;
  rangesTotal?: number;
  mismatchedRanges?: RangeMismatch[];
  /** Whole-table checksum mode. */
  sourceChecksum?: number | null;
  targetChecksum?: number | null;
  /** Why the method is what it is (e.g. no primary key), or what the verdict rests on. */
  note?: string;
  error?: string;
  durationMs: number;
}

export interface Sides {
  source: SqlSession;
  target: SqlSession;
}

/** Mismatching ranges kept per table: enough to find the rows, bounded so results stay small. */
const MAX_RANGES_REPORTED = 5;

type Row = Record<string, unknown>;

function runner(options: ValidationOptions, onRetry?: (message: string) => void) {
  return async <R extends Row>(
    session: SqlSession,
    text: string,
    params?: Record<string, SqlParam>,
  ): Promise<R | undefined> => {
    const result = await withTransientRetries(
      () => session.query<R>(text, params),
      options.retries,
      (error, attempt) => onRetry?.(`retry ${attempt} after a transient error: ${error.message}`),
    );
    return result.recordsets[0]?.[0];
  };
}

const text = (value: unknown): string => (value === null || value === undefined ? "0" : String(value));
const checksumOf = (row: Row | undefined): number | null =>
  row?.["checksum"] === null || row?.["checksum"] === undefined ? null : Number(row["checksum"]);

async function rowCounts(
  sides: Sides,
  table: QualifiedName,
  options: ValidationOptions,
  query: ReturnType<typeof runner>,
) {
  if (options.rowCountMethod === "metadata") {
    const params = { table: { type: "nvarchar" as const, value: quoteParts(table.schema, table.name) } };
    const [source, target] = await Promise.all([
      query(sides.source, metadataRowCountQuery(), params),
      query(sides.target, metadataRowCountQuery(), params),
    ]);
    return {
      method: "metadataRowCount" as const,
      sourceRows: text(source?.["row_count"]),
      targetRows: text(target?.["row_count"]),
    };
  }
  const sql = rowCountQuery(table, options.isolationLevel);
  const [source, target] = await Promise.all([query(sides.source, sql), query(sides.target, sql)]);
  return {
    method: "rowCount" as const,
    sourceRows: text(source?.["row_count"]),
    targetRows: text(target?.["row_count"]),
  };
}

interface PlannedRange {
  from: string;
  to: string;
  bounds: RangeBounds;
  params: Record<string, SqlParam>;
}

/** Equal-width ranges of an integer key over both sides' lowest and highest values. */
async function integerPlan(
  sides: Sides,
  table: QualifiedName,
  key: string,
  rows: number,
  options: ValidationOptions,
  query: ReturnType<typeof runner>,
): Promise<PlannedRange[]> {
  const sql = keyBoundsQuery(table, key, options.isolationLevel);
  const found = (await Promise.all([query(sides.source, sql), query(sides.target, sql)])).filter(
    (b) => b?.["low"] !== null && b?.["low"] !== undefined,
  );
  if (!found.length) return [];
  const low = found.map((b) => BigInt(String(b!["low"]))).reduce((a, b) => (b < a ? b : a));
  const high = found.map((b) => BigInt(String(b!["high"]))).reduce((a, b) => (b > a ? b : a));
  return integerRanges(low, high, rows, options.rowsPerRange).map((r) => ({
    from: String(r.low),
    to: String(r.high),
    bounds: { low: "inclusive", high: true },
    params: { low: { type: "bigint", value: r.low.toString() }, high: { type: "bigint", value: r.high.toString() } },
  }));
}

/** Ranges of any other key type, by walking the source's key; a tail range catches target rows past the end. */
async function walkedPlan(
  sides: Sides,
  table: QualifiedName,
  key: string,
  paramType: SqlParam["type"],
  options: ValidationOptions,
  query: ReturnType<typeof runner>,
): Promise<PlannedRange[]> {
  const ranges: PlannedRange[] = [];
  const chunk = { type: "bigint" as const, value: options.rowsPerRange };
  let previous: unknown = undefined;
  for (;;) {
    const first = previous === undefined;
    const row = await query(
      sides.source,
      keysetBoundaryQuery(table, key, options.isolationLevel, first),
      first ? { chunk } : { chunk, after: { type: paramType, value: previous as SqlParam["value"] } },
    );
    const boundary = row?.["boundary"];
    if (boundary === null || boundary === undefined) break;
    ranges.push({
      from: first ? "" : String(previous),
      to: String(boundary),
      bounds: { low: first ? "none" : "exclusive", high: true },
      params: {
        ...(first ? {} : { low: { type: paramType, value: previous as SqlParam["value"] } }),
        high: { type: paramType, value: boundary as SqlParam["value"] },
      },
    });
    previous = boundary;
  }
  // Rows the target has beyond the source's last key (or any at all when the source is empty).
  ranges.push({
    from: previous === undefined ? "" : String(previous),
    to: "",
    bounds: { low: previous === undefined ? "none" : "exclusive", high: false },
    params: previous === undefined ? {} : { low: { type: paramType, value: previous as SqlParam["value"] } },
  });
  return ranges;
}

async function checksums(
  sides: Sides,
  table: QualifiedName,
  options: ValidationOptions,
  query: ReturnType<typeof runner>,
  sourceRows: string,
) {
  const tableParam = { table: { type: "nvarchar" as const, value: quoteParts(table.schema, table.name) } };
  const keyResult = await withTransientRetries(
    () => sides.source.query<{ column_name: string; type_name: string }>(primaryKeyQuery(), tableParam),
    options.retries,
  );
  const leading = keyResult.recordsets[0]?.[0];
  const walkType = leading ? WALKABLE_KEY_TYPES[leading.type_name.toLowerCase()] : undefined;
  if (!leading || (!INTEGER_KEY_TYPES.has(leading.type_name.toLowerCase()) && !walkType)) {
    const sql = tableChecksumQuery(table, options.isolationLevel);
    const [source, target] = await Promise.all([query(sides.source, sql), query(sides.target, sql)]);
    return {
      method: "tableChecksum" as const,
      sourceChecksum: checksumOf(source),
      targetChecksum: checksumOf(target),
      note: leading
        ? `primary key leads with ${leading.type_name}, which is not split into ranges: whole-table hash`
        : "no primary key: whole-table hash",
      match: checksumOf(source) === checksumOf(target) && text(source?.["row_count"]) === text(target?.["row_count"]),
    };
  }
  const plan = INTEGER_KEY_TYPES.has(leading.type_name.toLowerCase())
    ? await integerPlan(sides, table, leading.column_name, Number(sourceRows), options, query)
    : await walkedPlan(sides, table, leading.column_name, walkType!, options, query);
  const compared = sampledIndexes(plan.length, options.sample).map((i) => plan[i]!);
  const mismatches: RangeMismatch[] = [];
  let mismatchCount = 0;
  for (const range of compared) {
    const sql = rangeChecksumQuery(table, leading.column_name, options.isolationLevel, range.bounds);
    const [source, target] = await Promise.all([
      query(sides.source, sql, range.params),
      query(sides.target, sql, range.params),
    ]);
    const same =
      checksumOf(source) === checksumOf(target) && text(source?.["row_count"]) === text(target?.["row_count"]);
    if (same) continue;
    mismatchCount++;
    if (mismatches.length < MAX_RANGES_REPORTED) {
      mismatches.push({
        from: range.from,
        to: range.to,
        sourceRows: text(source?.["row_count"]),
        targetRows: text(target?.["row_count"]),
        sourceChecksum: checksumOf(source),
        targetChecksum: checksumOf(target),
      });
    }
  }
  return {
    method: "keyRangeChecksum" as const,
    rangesCompared: compared.length,
    rangesTotal: plan.length,
    mismatchedRanges: mismatches,
    note: `${compared.length} of ${plan.length} ranges of ${leading.column_name} compared${mismatchCount > mismatches.length ? `, ${mismatchCount} differ` : ""}`,
    match: mismatchCount === 0,
  };
}

/** Compares one table; a failure is a verdict (`error`) with its message, never an exception. */
export async function validateTable(
  sides: Sides,
  table: QualifiedName,
  options: ValidationOptions,
  onRetry?: (message: string) => void,
): Promise<TableValidation> {
  const started = Date.now();
  const name = `${table.schema}.${table.name}`;
  const query = runner(options, onRetry);
  try {
    const counts = await rowCounts(sides, table, options, query);
    const countsMatch = counts.sourceRows === counts.targetRows;
    if (options.depth !== "checksum") {
      return { table: name, ...counts, verdict: countsMatch ? "match" : "mismatch", durationMs: Date.now() - started };
    }
    const { match, ...hashed } = await checksums(sides, table, options, query, counts.sourceRows);
    return {
      table: name,
      sourceRows: counts.sourceRows,
      targetRows: counts.targetRows,
      ...hashed,
      verdict: match && countsMatch ? "match" : "mismatch",
      durationMs: Date.now() - started,
    };
  } catch (error) {
    return {
      table: name,
      method: options.depth === "checksum" ? "keyRangeChecksum" : "rowCount",
      verdict: "error",
      error: (error as Error).message,
      durationMs: Date.now() - started,
    };
  }
}
