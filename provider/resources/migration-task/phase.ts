/**
 * Where a migration task is, in the lifecycle's words (docs/lifecycle.md), derived from the live task only —
 * never from what an earlier update believed.
 */
import {
  FAILED_TASK_STATES,
  readinessForCutover,
  summarizeTaskOutput,
  type ProjectTask,
  type TaskOutputSummary,
} from "../../dms";
import type { MigrationPhase } from "../migration-phase";
import type { MigrationTaskInputs } from "./inputs";
import { taskFacts, type TaskFacts } from "./task-facts";

/** One reading of the live task: where it is now (not a saved schema snapshot). */
export interface TaskReading {
  state: string;
  phase: MigrationPhase;
  summary: TaskOutputSummary | undefined;
  /** Every error the service reported: task errors, migration, database and table errors. */
  errors: string[];
}

function collectErrors(facts: TaskFacts, summary: TaskOutputSummary | undefined): string[] {
  const messages = facts.errors.map((e) => [e.code, e.message].filter(Boolean).join(": "));
  for (const message of summary?.errors ?? []) messages.push(message);
  for (const db of summary?.databases ?? []) {
    for (const message of db.errors) messages.push(`database ${db.database}: ${message}`);
    for (const table of db.tables) {
      for (const message of table.errors) messages.push(`table ${db.database}.${table.table}: ${message}`);
    }
  }
  return [...new Set(messages.filter(Boolean))];
}

export function readingOf(
  task: ProjectTask,
  inputs: Pick<MigrationTaskInputs, "mode" | "maxPendingChanges" | "databases">,
): TaskReading {
  const facts = taskFacts(task);
  const state = facts.state;
  const summary = summarizeTaskOutput(facts.taskType, facts.output);
  const errors = collectErrors(facts, summary);
  const erroredTable = summary?.databases.some((db) =>
    db.tables.some((t) => /^(Failed|ERROR|FAILED)$/.test(t.state ?? "")),
  );
  let phase: MigrationPhase;
  if ((FAILED_TASK_STATES as readonly string[]).includes(state) || erroredTable) phase = "failed";
  else if (state === "Canceled") phase = "canceled";
  else if (state === "Succeeded") phase = "completed";
  else if (state === "Queued" || state === "Unknown") phase = "queued";
  else if (inputs.mode === "online") phase = onlinePhase(facts, summary, inputs);
  else phase = "running";
  return { state, phase, summary, errors };
}

function onlinePhase(
  facts: TaskFacts,
  summary: TaskOutputSummary | undefined,
  inputs: Pick<MigrationTaskInputs, "maxPendingChanges" | "databases">,
): MigrationPhase {
  const states = (summary?.databases ?? []).map((db) => db.state);
  if (states.length > 0 && states.every((s) => s === "COMPLETE")) return "completed";
  if (states.some((s) => s === "COMPLETING" || s === "COMPLETE")) return "completing";
  const gate = readinessForCutover(facts.output, {
    maxPendingChanges: inputs.maxPendingChanges,
    databases: inputs.databases.map((d) => d.sourceName),
  });
  return gate.ready ? "readyForCutover" : "running";
}
