/**
 * Data validation of a migration: every table compared between source and target (table-validation.ts), a
 * bounded number at a time, each worker holding one connection per side for the tables it takes. The outcome
 * is a per-table list and a verdict; progress goes to a callback the caller throttles.
 */
import type { QualifiedName } from "../../schema/model";
import { withConnection, type SqlConnectionSpec } from "../connection";
import type { SqlSession } from "../session";
import { withTransientRetries } from "../transient";
import { validationOptionsSchema, type ValidationOptions, type ValidationOptionsInput } from "./options";
import { userTablesQuery } from "./queries";
import { validateTable, type TableValidation } from "./table-validation";

export interface ValidationProgress {
  done: number;
  total: number;
  mismatched: number;
  errors: number;
  /** The table just finished. */
  last?: TableValidation;
}

export interface ValidationResult {
  /** `validated` when every table matches; `validationFailed` otherwise; `skipped` for depth none. */
  verdict: "validated" | "validationFailed" | "skipped";
  depth: ValidationOptions["depth"];
  tables: TableValidation[];
  startedAt: string;
  endedAt: string;
}

export interface ValidateRequest {
  source: SqlConnectionSpec;
  target: SqlConnectionSpec;
  /** Default: every user table of the source. */
  tables?: QualifiedName[];
  options?: ValidationOptionsInput;
  onProgress?: (progress: ValidationProgress) => void;
  onRetry?: (message: string) => void;
}

export async function listUserTables(session: SqlSession): Promise<QualifiedName[]> {
  const result = await session.query<{ schema_name: string; table_name: string }>(userTablesQuery());
  return (result.recordsets[0] ?? []).map((row) => ({ schema: row.schema_name, name: row.table_name }));
}

/** Each side's spec with the validation's query timeout. */
function withTimeout(spec: SqlConnectionSpec, options: ValidationOptions): SqlConnectionSpec {
  return { ...spec, requestTimeoutMs: options.queryTimeoutSeconds * 1000 };
}

export async function validateData(request: ValidateRequest): Promise<ValidationResult> {
  const options = validationOptionsSchema.parse(request.options ?? {});
  const startedAt = new Date().toISOString();
  if (options.depth === "none") return { verdict: "skipped", depth: "none", tables: [], startedAt, endedAt: startedAt };
  const source = withTimeout(request.source, options);
  const target = withTimeout(request.target, options);
  // Connections are opened again after a transient refusal (a database failing over refuses logins for a while).
  const connectRetrying = <T>(work: () => Promise<T>) =>
    withTransientRetries(work, options.retries, (error, attempt) =>
      request.onRetry?.(`retry ${attempt} after a transient error: ${error.message}`),
    );
  const tables = request.tables ?? (await connectRetrying(() => withConnection(source, listUserTables)));

  const results: TableValidation[] = new Array(tables.length);
  let next = 0;
  const progress: ValidationProgress = { done: 0, total: tables.length, mismatched: 0, errors: 0 };
  // validateTable never throws (a table's error is its verdict), so a worker run again only reconnects.
  const worker = () =>
    connectRetrying(() =>
      withConnection(source, (sourceSession) =>
        withConnection(target, async (targetSession) => {
          for (let i = next++; i < tables.length; i = next++) {
            const result = await validateTable(
              { source: sourceSession, target: targetSession },
              tables[i]!,
              options,
              request.onRetry,
            );
            results[i] = result;
            progress.done++;
            if (result.verdict === "mismatch") progress.mismatched++;
            if (result.verdict === "error") progress.errors++;
            request.onProgress?.({ ...progress, last: result });
          }
        }),
      ),
    );
  const workers = Math.min(options.parallelism, Math.max(1, tables.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const clean = results.every((r) => r.verdict === "match");
  return {
    verdict: clean ? "validated" : "validationFailed",
    depth: options.depth,
    tables: results,
    startedAt,
    endedAt: new Date().toISOString(),
  };
}
