/** Inputs of MigrationTask, validated in `check` so `pulumi preview` names any bad field. */
import { z } from "zod";
import { migrationDatabaseSchema, sqlServerEndpointSchema } from "../../dms";
import { WAIT_GOALS, type WaitGoal } from "../migration-phase";
import { reportContextInput } from "../report-step";
import { reportDirectoryInput, validationSettingsSchema } from "../validation-step";
import { dmsNameInput, resourceGroupNameInput, subscriptionIdInput, timeoutSecondsInput } from "../common-inputs";

export const migrationTaskInputs = z
  .object({
    subscriptionId: subscriptionIdInput,
    resourceGroupName: resourceGroupNameInput,
    serviceName: dmsNameInput(62),
    projectName: dmsNameInput(57),
    /** Base name of the task; `-retry-N` is appended when `retry` is N > 0. */
    taskName: dmsNameInput(40),
    mode: z.enum(["offline", "online"]),
    source: sqlServerEndpointSchema,
    target: sqlServerEndpointSchema,
    databases: z.array(migrationDatabaseSchema).min(1, "must list at least one database"),
    /** How far one update follows the task: offline default `completed`, online default `readyForCutover`. */
    wait: z.enum(WAIT_GOALS).optional(),
    /** Fail the update (instead of warning) when the wait budget runs out before the goal. */
    strictWait: z.boolean().default(false),
    waitTimeoutSeconds: timeoutSecondsInput(3600),
    /** Online only: complete the migration (cut over) once the readiness gate passes. */
    cutover: z.boolean().default(false),
    /** Readiness gate: most pending changes (incoming − applied) per database allowed at cutover. */
    maxPendingChanges: z.number().int("must be a whole number").min(0, "must be 0 or more").default(0),
    /** Bump to replace a failed task with a new one; ignored (with a warning) while the task is healthy. */
    retry: z.number().int("must be a whole number").min(0, "must be 0 or more").default(0),
    /** Least time between two progress reports in the log. */
    progressLogIntervalSeconds: z.number().int().min(0, "must be 0 or more").default(30),
    /** Compare source and target: after an offline task succeeded, before an online one is cut over. */
    validation: validationSettingsSchema.default(validationSettingsSchema.parse({})),
    /** Bump to validate again (after fixing data), without a new data move. */
    revalidate: z.number().int("must be a whole number").min(0, "must be 0 or more").default(0),
    /** Online: cut over even when validation finds differences (recorded in the report). Default false. */
    allowValidationMismatch: z.boolean().default(false),
    /** Folder for the per-table validation files and the migration report. */
    reportDirectory: reportDirectoryInput,
    /** The migration report this task contributes to (set by the component). */
    report: reportContextInput,
  })
  .superRefine((inputs, ctx) => {
    if (inputs.mode === "offline" && inputs.cutover) {
      ctx.addIssue({
        code: "custom",
        path: ["cutover"],
        message: "only online migrations have a cutover; an offline migration completes on its own",
      });
    }
    if (inputs.mode === "offline" && inputs.wait === "readyForCutover") {
      ctx.addIssue({ code: "custom", path: ["wait"], message: "readyForCutover applies to online migrations only" });
    }
    if (inputs.mode === "online" && inputs.wait === "completed" && !inputs.cutover) {
      ctx.addIssue({
        code: "custom",
        path: ["wait"],
        message: "an online migration completes only at cutover: set cutover: true, or wait for readyForCutover",
      });
    }
    inputs.databases.forEach((db, i) => {
      if (inputs.databases.findIndex((other) => other.sourceName.toLowerCase() === db.sourceName.toLowerCase()) !== i) {
        ctx.addIssue({
          code: "custom",
          path: ["databases", i, "sourceName"],
          message: `database "${db.sourceName}" is listed twice`,
        });
      }
    });
  });

export type MigrationTaskInputs = z.output<typeof migrationTaskInputs>;

/** The goal an update follows the task to, with the defaults applied. */
export function waitGoal(inputs: MigrationTaskInputs): WaitGoal {
  if (inputs.cutover) return "completed";
  return inputs.wait ?? (inputs.mode === "offline" ? "completed" : "readyForCutover");
}

/** The task's ARM name: deterministic, so an interrupted `up` finds the task the first one started. */
export function remoteTaskName(inputs: Pick<MigrationTaskInputs, "taskName" | "retry">): string {
  return inputs.retry > 0 ? `${inputs.taskName}-retry-${inputs.retry}` : inputs.taskName;
}
