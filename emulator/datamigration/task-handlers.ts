/**
 * `Microsoft.DataMigration/services/projects/tasks`, one named handler per operation: Tasks_CreateOrUpdate
 * (synchronous 201/200), _Get (with `$expand=output`), _Update (PATCH: clientData only — tasks have no other
 * mutable properties), _Delete, _List (with the `taskType` filter), _Cancel and _Command.
 *
 * Inputs are read with the emulator's own strict shapes written from the spec (spec-shapes.ts): a property the
 * spec does not define is a 400 naming its path. A task is stored without passwords; GET never returns what was
 * not stored.
 */
import { respond, type ArmRequest, type ArmResponse } from "../arm/request";
import type { StoredResource } from "../arm/store";
import { dmsErrors } from "./errors";
import { etagOf } from "./etag";
import { requireProject, requireTask, type ClassicContext } from "./gates";
import { isValidName } from "./names";
import { serviceId, taskId } from "./paths";
import { queryFlag, queryValue, readBody } from "./request-body";
import { withoutSecrets } from "./secrets";
import { completeSyncCommandBody, projectTaskBody, projectTaskPatch, taskTypeOf } from "./spec-shapes";
import { COMMAND_TYPE, isRunnableTaskType, RESOURCE_TYPE, TASK_TYPE } from "./task-types";

/** The task as GET returns it: `output` only when `$expand=output` asked for it. */
function withOutputIf(task: StoredResource, expandOutput: boolean): StoredResource {
  if (expandOutput) return task;
  const { output: _output, ...properties } = task.properties ?? {};
  return { ...task, properties };
}

function expandsOutput(req: ArmRequest): boolean {
  return (queryValue(req.query, "$expand") ?? "").split(",").some((v) => v.trim().toLowerCase() === "output");
}

/** The spec's Tasks_Command example wraps the body as `{ command: {...} }`; clients send it bare. Accept both. */
function unwrapCommand(body: unknown): unknown {
  if (body && typeof body === "object" && !("commandType" in body) && "command" in body)
    return (body as { command: unknown }).command;
  return body;
}

export function Tasks_CreateOrUpdate(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store } = ctx.services;
  requireProject(ctx, req);
  const service = store.get(serviceId(req.params))!;
  const provisioning = String(service.properties?.["provisioningState"] ?? "");
  if (provisioning !== "Succeeded") throw dmsErrors.serviceNotReady(service.name, provisioning);
  if (!isValidName("task", req.params["taskName"]!)) throw dmsErrors.invalidName("task", req.params["taskName"]!);
  const { taskType } = readBody(taskTypeOf, req.body).properties;
  if (!isRunnableTaskType(taskType)) {
    throw dmsErrors.invalidBody(
      `Task type '${taskType}' is not supported by this Database Migration Service (supported: ${Object.values(TASK_TYPE).join(", ")}).`,
    );
  }
  const { input, clientData } = readBody(projectTaskBody(taskType), req.body).properties;

  const id = taskId(req.params);
  const existing = store.get(id);
  if (existing) {
    const existingType = String(existing.properties?.["taskType"] ?? "");
    if (existingType !== taskType) throw dmsErrors.taskTypeConflict(existing.name, existingType, taskType);
    // Tasks have no mutable properties: a repeated PUT never restarts the task, it only updates clientData.
    const updated = store.update(id, (t) => {
      if (clientData) t.properties = { ...t.properties, clientData };
    })!;
    return respond.ok(withOutputIf(updated, false));
  }
  const storedInput = withoutSecrets(input);
  store.put({
    id,
    name: req.params["taskName"]!,
    type: RESOURCE_TYPE.task,
    etag: etagOf({ taskType, input: storedInput }),
    properties: {
      taskType,
      input: storedInput,
      state: "Queued",
      errors: [],
      commands: [],
      ...(clientData ? { clientData } : {}),
      output: [],
    },
  });
  const tier = (service["sku"] as { tier?: string } | undefined)?.tier ?? "Standard";
  ctx.state.tasks.start(id, req.params["taskName"]!, taskType, input, tier);
  return respond.created(withOutputIf(store.get(id)!, false));
}

export function Tasks_Get(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  return respond.ok(withOutputIf(requireTask(ctx, req), expandsOutput(req)));
}

export function Tasks_Update(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const task = requireTask(ctx, req);
  const patch = readBody(projectTaskPatch, req.body);
  const updated = ctx.services.store.update(task.id, (t) => {
    if (patch.properties?.clientData) t.properties = { ...t.properties, clientData: patch.properties.clientData };
  })!;
  return respond.ok(withOutputIf(updated, false));
}

export function Tasks_Delete(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store } = ctx.services;
  requireProject(ctx, req);
  const id = taskId(req.params);
  const task = store.get(id);
  if (!task) return respond.noContent();
  if (ctx.state.tasks.isRunning(id)) {
    if (!queryFlag(req.query, "deleteRunningTasks")) throw dmsErrors.resourceHasRunningTasks("task", task.name);
    ctx.state.tasks.cancel(id);
  }
  ctx.state.tasks.forget(id);
  store.delete(id);
  return respond.ok(undefined);
}

export function Tasks_List(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const project = requireProject(ctx, req);
  const taskType = queryValue(req.query, "taskType");
  const tasks = ctx.services.store
    .listChildren(`${project.id}/tasks`)
    .filter((t) => !taskType || String(t.properties?.["taskType"]).toLowerCase() === taskType.toLowerCase())
    .map((t) => withOutputIf(t, false));
  return respond.ok({ value: tasks });
}

export function Tasks_Cancel(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const task = requireTask(ctx, req);
  ctx.state.tasks.cancel(task.id);
  return respond.ok(withOutputIf(ctx.services.store.get(task.id)!, false));
}

export function Tasks_Command(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const task = requireTask(ctx, req);
  const raw = unwrapCommand(req.body);
  const commandType = (raw as { commandType?: unknown } | undefined)?.commandType;
  if (commandType !== COMMAND_TYPE.completeSyncDatabase) {
    throw dmsErrors.invalidCommand(
      `Command type '${String(commandType)}' is not supported; this emulator runs '${COMMAND_TYPE.completeSyncDatabase}'.`,
    );
  }
  if (task.properties?.["taskType"] !== TASK_TYPE.migrateOnline) {
    throw dmsErrors.invalidCommand(
      `'${COMMAND_TYPE.completeSyncDatabase}' applies to '${TASK_TYPE.migrateOnline}' tasks only.`,
    );
  }
  const command = readBody(completeSyncCommandBody, raw);
  const result = ctx.state.tasks.complete(task.id, command.input.databaseName, command.input.commitTimeStamp);
  return respond.ok(result.command);
}
