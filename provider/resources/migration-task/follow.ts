/** Follows a migration task until it reaches a goal, ends, or the wait budget runs out, reporting progress. */
import { ArmClient, waitUntil } from "../../arm";
import { parseProjectTask, type ProjectTask } from "../../dms";
import { DMS_API_VERSION, taskPath, type TaskAddress } from "../dms-paths";
import { goalReached, isFinalPhase, type WaitGoal } from "../migration-phase";
import type { MigrationTaskInputs } from "./inputs";
import { readingOf, type TaskReading } from "./phase";
import { ThrottledProgress } from "../throttled-progress";
import { describeProgress, progressStates } from "./progress-log";

export interface Followed {
  task: ProjectTask;
  reading: TaskReading;
  timedOut: boolean;
}

export async function fetchTask(arm: ArmClient, address: TaskAddress): Promise<ProjectTask | undefined> {
  const body = await arm.find(taskPath(address), DMS_API_VERSION, { $expand: "output" });
  return body === undefined ? undefined : parseProjectTask(body);
}

export async function followTask(
  arm: ArmClient,
  address: TaskAddress,
  inputs: MigrationTaskInputs,
  goal: WaitGoal,
  budgetMs: number,
): Promise<Followed> {
  const progress = new ThrottledProgress(inputs.progressLogIntervalSeconds * 1000);
  const report = (reading: TaskReading, force = false) =>
    progress.report(describeProgress(address.taskName, reading), progressStates(reading), force);
  const probe = async () => {
    const task = await fetchTask(arm, address);
    if (!task) throw new Error(`migration task ${address.taskName} disappeared while it was being followed`);
    return { task, reading: readingOf(task, inputs) };
  };
  const waited = await waitUntil(
    probe,
    ({ reading: reading }) => goalReached(reading.phase, goal) || isFinalPhase(reading.phase),
    {
      timeoutMs: budgetMs,
      intervalMs: arm.settings.pollIntervalMs,
      onProgress: ({ reading: reading }) => report(reading),
    },
  );
  report(waited.value.reading, true);
  return { ...waited.value, timedOut: waited.timedOut };
}
