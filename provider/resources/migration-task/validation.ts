/**
 * The validation step of a classic migration task: each database's source and target compared (see
 * validation-step.ts) — after an offline task succeeded, and before an online one is cut over.
 */
import { sqlLoginConnection } from "../sql-endpoint";
import { runValidationStep, type ValidationSummary } from "../validation-step";
import type { MigrationTaskInputs } from "./inputs";

/** Validates the given databases (by source name); answers one summary each, in order. */
export async function validateDatabases(
  inputs: MigrationTaskInputs,
  sourceNames: readonly string[],
): Promise<ValidationSummary[]> {
  const summaries: ValidationSummary[] = [];
  for (const name of sourceNames) {
    const db = inputs.databases.find((d) => d.sourceName.toLowerCase() === name.toLowerCase())!;
    summaries.push(
      await runValidationStep(
        db.targetName,
        sqlLoginConnection(inputs.source, db.sourceName),
        sqlLoginConnection(inputs.target, db.targetName),
        inputs.validation,
        inputs.reportDirectory,
        inputs.progressLogIntervalSeconds * 1000,
      ),
    );
  }
  return summaries;
}

/** One line per differing table, for the cutover gate's refusal. */
export function validationReasons(summaries: readonly ValidationSummary[], databases: readonly string[]): string[] {
  return summaries.flatMap((summary, i) =>
    summary.verdict === "validationFailed"
      ? summary.mismatches.map((m) => `database ${databases[i]}: table ${m.table}: ${m.detail}`)
      : [],
  );
}
