/**
 * The migration guide's "connect to source / connect to target" step: DMS checks that it can reach both servers
 * with the given credentials before any data moves. A failed check stops the migration with the checker's words.
 */
import { ArmClient, waitUntil } from "../../arm";
import {
  buildConnectToSourceTaskBody,
  buildConnectToTargetTaskBody,
  isTerminalTaskState,
  parseProjectTask,
  type ProjectTask,
  type SqlServerEndpoint,
} from "../../dms";
import { DMS_API_VERSION, taskPath, type TaskAddress } from "../dms-paths";
import { logInfo } from "../log";
import { taskFacts } from "./task-facts";

const CHECK_BUDGET_MS = 10 * 60 * 1000;

/** Messages a finished check task reports: task errors and the validation errors in its output. */
export function checkFailures(task: ProjectTask): string[] {
  const facts = taskFacts(task);
  const messages: string[] = facts.errors.map((e) => e.message ?? e.code ?? "error");
  for (const item of facts.output as { validationErrors?: { message?: string }[] }[]) {
    for (const error of item.validationErrors ?? []) if (error.message) messages.push(error.message);
  }
  if (!messages.length && facts.state !== "Succeeded") messages.push(`the check ended ${facts.state}`);
  return messages;
}

async function runCheck(arm: ArmClient, address: TaskAddress, what: string, body: unknown): Promise<string[]> {
  const path = taskPath(address);
  await arm.request({ method: "PUT", path, apiVersion: DMS_API_VERSION, body });
  const waited = await waitUntil(
    async () => parseProjectTask(await arm.get(path, DMS_API_VERSION, { $expand: "output" })),
    (task) => isTerminalTaskState(taskFacts(task).state),
    { timeoutMs: CHECK_BUDGET_MS, intervalMs: arm.settings.pollIntervalMs },
  );
  // The check has done its job; its result lives on in this update's log, not as a leftover task.
  await arm.request({ method: "DELETE", path, apiVersion: DMS_API_VERSION }).catch(() => undefined);
  if (waited.timedOut) return [`the ${what} check did not finish within ${CHECK_BUDGET_MS / 60000} minutes`];
  return checkFailures(waited.value);
}

/** Runs both checks (source, then target); throws with every message when either fails. */
export async function checkConnections(
  arm: ArmClient,
  project: Omit<TaskAddress, "taskName">,
  taskName: string,
  source: SqlServerEndpoint,
  target: SqlServerEndpoint,
): Promise<void> {
  logInfo(`checking that DMS can connect to the source ${source.server} and the target ${target.server}`);
  const sourceFailures = await runCheck(
    arm,
    { ...project, taskName: `${taskName}-src` },
    "source connection",
    buildConnectToSourceTaskBody(source),
  );
  if (sourceFailures.length) {
    throw new Error(`the source connection check for ${source.server} failed: ${sourceFailures.join("; ")}`);
  }
  const targetFailures = await runCheck(
    arm,
    { ...project, taskName: `${taskName}-tgt` },
    "target connection",
    buildConnectToTargetTaskBody(target),
  );
  if (targetFailures.length) {
    throw new Error(`the target connection check for ${target.server} failed: ${targetFailures.join("; ")}`);
  }
}
