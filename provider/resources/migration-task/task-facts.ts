/**
 * The few fields of a ProjectTask this resource reasons about, read the same way for every task type (the
 * parsed shape is a union that includes task types the project does not model, so it does not narrow).
 */
import type { ProjectTask } from "../../dms";

export interface TaskFacts {
  taskType: string;
  state: string;
  errors: { code?: string; message?: string }[];
  output: unknown[];
  input: unknown;
}

export function taskFacts(task: ProjectTask): TaskFacts {
  const p = task.properties as Record<string, unknown>;
  return {
    taskType: typeof p.taskType === "string" ? p.taskType : "Unknown",
    state: typeof p.state === "string" ? p.state : "Unknown",
    errors: Array.isArray(p.errors) ? (p.errors as TaskFacts["errors"]) : [],
    output: Array.isArray(p.output) ? p.output : [],
    input: p.input,
  };
}
