/**
 * Keeping the migration report current from inside the data engine's resources: each database's step writes
 * what it knows (its facts) beside the report, then rebuilds the report from every database's facts and the
 * schema step's. Done on every outcome, failures included — a failed update still leaves a report that says
 * what failed — and by whichever database finishes last, so the report ends up complete.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import {
  buildReport,
  renderReportMarkdown,
  reportFiles,
  type DatabaseFacts,
  type MigrationReport,
  type SchemaStepFacts,
} from "../report";
import { fileStem, writeFileAtomically } from "./atomic-file";
import { logInfo, logWarn } from "./log";
import { ResourceInitError } from "./init-error";
import { combinedPhase } from "./migration-phase";

/** What a data engine resource is told about the report it contributes to. */
export const reportContextInput = z
  .object({
    /** The migration's name (the component's), which names the report. */
    migration: z.string().min(1),
    engine: z.string().min(1),
    apiVersions: z.array(z.string()).default([]),
    /** The schema step's facts, when the migration has one (bounded: counts, ids, paths). */
    schema: z.custom<SchemaStepFacts>((v) => typeof v === "object" && v !== null).optional(),
  })
  .optional();

export type ReportContext = z.output<typeof reportContextInput>;

const FACTS_SUFFIX = ".facts.json";

/**
 * Runs one provider step and keeps the migration report current with what it reached — also when it failed
 * with the state recorded (ResourceInitError), so a failed update still leaves a report saying what failed.
 * `factsOf` answers one database's facts, or one per database for a resource that moves several.
 */
export async function reportingStep<Outputs>(
  inputs: { report?: ReportContext; reportDirectory: string },
  factsOf: (outs: Outputs) => DatabaseFacts | DatabaseFacts[],
  work: () => Promise<Outputs>,
): Promise<Outputs> {
  const write = async (outs: Outputs) => {
    if (!inputs.report) return;
    const facts = factsOf(outs);
    for (const one of Array.isArray(facts) ? facts : [facts])
      await updateReport(inputs.reportDirectory, inputs.report, one);
  };
  let outs: Outputs;
  try {
    outs = await work();
  } catch (error) {
    if (error instanceof ResourceInitError) await write(error.properties as Outputs);
    throw error;
  }
  await write(outs);
  return outs;
}

/** Writes this database's facts, rebuilds the report from all of them, and answers the report's summary. */
export async function updateReport(
  directory: string,
  context: NonNullable<ReportContext>,
  facts: DatabaseFacts,
): Promise<MigrationReport["summary"] | undefined> {
  try {
    const prefix = `${fileStem(context.migration)}.`;
    await writeFileAtomically(
      path.resolve(directory, `${prefix}${fileStem(facts.targetDatabase)}${FACTS_SUFFIX}`),
      `${JSON.stringify(facts, null, 2)}\n`,
    );
    const names = (await fs.readdir(path.resolve(directory)))
      .filter((n) => n.startsWith(prefix) && n.endsWith(FACTS_SUFFIX))
      .sort();
    const databases: DatabaseFacts[] = [];
    for (const name of names)
      databases.push(JSON.parse(await fs.readFile(path.resolve(directory, name), "utf8")) as DatabaseFacts);
    const report = await buildReport({
      migration: context.migration,
      engine: context.engine,
      apiVersions: context.apiVersions,
      phase: combinedPhase(databases.map((db) => db.phase)),
      ...(context.schema ? { schema: context.schema } : {}),
      databases,
    });
    const files = reportFiles(directory, context.migration);
    await writeFileAtomically(files.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    await writeFileAtomically(files.markdownPath, renderReportMarkdown(report));
    logInfo(`migration report: ${report.summary.headline} (${files.markdownPath})`);
    return report.summary;
  } catch (error) {
    // The report documents the migration; failing to write it must not fail the migration itself.
    logWarn(`could not write the migration report in ${directory}: ${(error as Error).message}`);
    return undefined;
  }
}
