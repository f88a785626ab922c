/**
 * The Microsoft.DataMigration-specific ARM errors, all made by the core's one error factory (armErrorResponse).
 *
 * Codes: `ServiceIsBusy` (400) is the code the REST spec documents for a service whose tasks are running
 * (Services_CreateOrUpdate/Update descriptions). The spec documents no code for the other refusals, so the
 * emulator picks ARM-style ones and keeps them here, in one place:
 *   - deleting a service/project/task with running tasks without `deleteRunningTasks=true` → 400 ServiceIsBusy,
 *     the documented "tasks are running" code, with a message naming the query parameter;
 *   - a task on a service that is not running → 409 ServiceNotReady;
 *   - a task PUT that changes the type of an existing task → 409 Conflict;
 *   - a command the task cannot take → 400 InvalidCommand.
 */
import { armErrorResponse, armErrors } from "../arm/errors";
import { NAME_LENGTH, type ClassicResourceKind } from "./names";

export const dmsErrors = {
  serviceIsBusy: (serviceName: string, action: string) =>
    armErrorResponse(
      400,
      "ServiceIsBusy",
      `The service '${serviceName}' has running tasks and cannot ${action}. Cancel the tasks first or pass deleteRunningTasks=true.`,
    ),

  resourceHasRunningTasks: (kind: "service" | "project" | "task", name: string) =>
    armErrorResponse(
      400,
      "ServiceIsBusy",
      `The ${kind} '${name}' has running tasks. Cancel them first, or delete with the query parameter deleteRunningTasks=true.`,
    ),

  serviceNotReady: (serviceName: string, state: string) =>
    armErrorResponse(
      409,
      "ServiceNotReady",
      `The service '${serviceName}' is in state '${state}'; tasks can run only when it is Succeeded (started).`,
    ),

  taskTypeConflict: (taskName: string, existing: string, requested: string) =>
    armErrorResponse(
      409,
      "Conflict",
      `Task '${taskName}' already exists with taskType '${existing}'; it cannot become '${requested}'. Use a new task name.`,
    ),

  invalidCommand: (message: string) => armErrorResponse(400, "InvalidCommand", message),

  notFound: (type: string, name: string, resourceGroupName: string) =>
    armErrors.resourceNotFound(type, name, resourceGroupName),

  invalidBody: (message: string) => armErrors.invalidRequestBody(message),

  invalidName: (kind: ClassicResourceKind, name: string) =>
    armErrors.invalidRequestBody(
      `The ${kind} name '${name}' is invalid: ${NAME_LENGTH[kind].min}-${NAME_LENGTH[kind].max} characters, alphanumerics, hyphens, ` +
        "periods and underscores, starting with an alphanumeric.",
    ),
} as const;
