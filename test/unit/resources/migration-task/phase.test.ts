/** MigrationTask's phase comes from the live task alone; the goal decides when an update stops following. */
import syncReady from "../../dms/fixtures/constructed-sync-output-ready.json";
import { parseProjectTask, TASK_TYPE } from "../../../../provider/dms";
import { goalReached, type MigrationPhase } from "../../../../provider/resources/migration-phase";
import { readingOf } from "../../../../provider/resources/migration-task/phase";
import { waitGoal, remoteTaskName, migrationTaskInputs } from "../../../../provider/resources/migration-task/inputs";

const ONLINE = {
  mode: "online" as const,
  maxPendingChanges: 2,
  databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
};

function task(taskType: string, state: string, output: unknown[] = [], errors: unknown[] = []) {
  return parseProjectTask({ id: "/x/tasks/t", name: "t", properties: { taskType, state, output, errors } });
}

function withDatabaseState(migrationState: string): unknown[] {
  return (syncReady as { resultType: string }[]).map((r) =>
    r.resultType === "DatabaseLevelOutput" ? { ...r, migrationState } : r,
  );
}

describe("readingOf", () => {
  test.each<[string, string, MigrationPhase]>([
    ["Queued", TASK_TYPE.migrateOffline, "queued"],
    ["Running", TASK_TYPE.migrateOffline, "running"],
    ["Succeeded", TASK_TYPE.migrateOffline, "completed"],
    ["Failed", TASK_TYPE.migrateOffline, "failed"],
    ["Faulted", TASK_TYPE.migrateOffline, "failed"],
    ["Canceled", TASK_TYPE.migrateOffline, "canceled"],
  ])("task state %s of a %s task is phase %s", (state, type, phase) => {
    expect(readingOf(task(type, state), { ...ONLINE, mode: "offline" }).phase).toBe(phase);
  });

  test("an online task passing the readiness gate is readyForCutover; over the threshold it is running", () => {
    expect(readingOf(task(TASK_TYPE.migrateOnline, "Running", syncReady), ONLINE).phase).toBe("readyForCutover");
    // 120 incoming − 118 applied = 2 pending: over a threshold of 1.
    expect(
      readingOf(task(TASK_TYPE.migrateOnline, "Running", syncReady), { ...ONLINE, maxPendingChanges: 1 }).phase,
    ).toBe("running");
  });

  test("online databases completing or complete give completing and completed", () => {
    expect(readingOf(task(TASK_TYPE.migrateOnline, "Running", withDatabaseState("COMPLETING")), ONLINE).phase).toBe(
      "completing",
    );
    expect(readingOf(task(TASK_TYPE.migrateOnline, "Running", withDatabaseState("COMPLETE")), ONLINE).phase).toBe(
      "completed",
    );
  });

  test("task errors are collected with their codes", () => {
    const failed = readingOf(
      task(TASK_TYPE.migrateOffline, "Failed", [], [{ code: "SqlConnectionFailed", message: "Login failed" }]),
      { ...ONLINE, mode: "offline" },
    );
    expect(failed.errors).toEqual(["SqlConnectionFailed: Login failed"]);
  });
});

describe("goals", () => {
  const inputs = (over: Record<string, unknown>) =>
    migrationTaskInputs.parse({
      subscriptionId: "00000000-0000-0000-0000-000000000001",
      resourceGroupName: "rg",
      serviceName: "dms",
      projectName: "proj",
      taskName: "task",
      mode: "online",
      source: { server: "s", userName: "u", password: "p" },
      target: { server: "t", userName: "u", password: "p" },
      databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
      ...over,
    });

  test("defaults: offline follows to completed, online to readyForCutover, cutover to completed", () => {
    expect(waitGoal(inputs({ mode: "offline" }))).toBe("completed");
    expect(waitGoal(inputs({}))).toBe("readyForCutover");
    expect(waitGoal(inputs({ cutover: true }))).toBe("completed");
    expect(waitGoal(inputs({ wait: "started" }))).toBe("started");
  });

  test("goalReached", () => {
    expect(goalReached("completing", "readyForCutover")).toBe(true);
    expect(goalReached("running", "readyForCutover")).toBe(false);
    expect(goalReached("readyForCutover", "completed")).toBe(false);
    expect(goalReached("failed", "started")).toBe(false);
  });

  test("retry gives the task a new deterministic name", () => {
    expect(remoteTaskName(inputs({}))).toBe("task");
    expect(remoteTaskName(inputs({ retry: 2 }))).toBe("task-retry-2");
  });

  test("offline tasks have no cutover, and the error names the field", () => {
    const result = migrationTaskInputs.safeParse({ ...inputs({ mode: "offline" }), cutover: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["cutover"]);
  });
});
