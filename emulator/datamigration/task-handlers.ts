/**
 * `Microsoft.DataMigration/services/projects/tasks`: Tasks_CreateOrUpdate (synchronous 201/200), _Get (with
 * `$expand=output`), _Update (PATCH: clientData only — tasks have no other mutable properties), _Delete,
 * _List (with the `taskType` filter), _Cancel and _Command.
 *
 * Inputs are checked against the provider's own spec-derived shapes (provider/dms), so the emulator and the
 * client agree on the contract. A task is stored without passwords; GET never returns what was not stored.
 */
import { z } from "zod";
import { isValidDmsName } from "../../provider/dms/arm-names";
import { completeSyncCommandSchema } from "../../provider/dms/command-shapes";
import { projectTaskPropertiesSchema } from "../../provider/dms/task-shapes";
import { stripSecrets } from "../../provider/dms/strip-secrets";
import { COMMAND_TYPE, RESOURCE_TYPE, TASK_TYPE } from "../../provider/dms/task-types";
import { respond, type ArmRequest } from "../arm/request";
import type { Router } from "../arm/router";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import type { DataMigrationState } from "./data-migration-state";
import { dmsErrors } from "./errors";
import { etagOf } from "./etag";
import { TASK, TASKS, serviceId, taskId } from "./paths";
import { requireProject } from "./project-handlers";
import { queryFlag, queryValue, readBody } from "./request-body";
import { TaskEngine } from "./task-engine";

const taskBody = z.looseObject({
  properties: z.looseObject({
    taskType: z.string().min(1),
    input: z.looseObject({}),
    clientData: z.record(z.string(), z.string()).optional(),
  }),
});

const taskPatch = z.looseObject({
  properties: z.looseObject({ clientData: z.record(z.string(), z.string()).optional() }).optional(),
});

/** The task as GET returns it: `output` only when `$expand=output` asked for it. */
function present(task: StoredResource, expandOutput: boolean): StoredResource {
  if (expandOutput) return task;
  const { output: _output, ...properties } = task.properties ?? {};
  return { ...task, properties };
}

function expandsOutput(req: ArmRequest): boolean {
  return (queryValue(req.query, "$expand") ?? "").split(",").some((v) => v.trim().toLowerCase() === "output");
}

function requireTask(services: EmulatorServices, req: ArmRequest): StoredResource {
  requireProject(services, req);
  const task = services.store.get(taskId(req.params));
  if (!task) throw dmsErrors.notFound(RESOURCE_TYPE.task, req.params["taskName"]!, req.params["groupName"]!);
  return task;
}

/** The spec's Tasks_Command example wraps the body as `{ command: {...} }`; clients send it bare. Accept both. */
function unwrapCommand(body: unknown): unknown {
  if (body && typeof body === "object" && !("commandType" in body) && "command" in body) return (body as { command: unknown }).command;
  return body;
}

export function registerTaskRoutes(router: Router, services: EmulatorServices, state: DataMigrationState): void {
  const { store } = services;

  router.add("PUT", TASK, (req) => {
    requireProject(services, req);
    const service = store.get(serviceId(req.params))!;
    const provisioning = String(service.properties?.["provisioningState"] ?? "");
    if (provisioning !== "Succeeded") throw dmsErrors.serviceNotReady(service.name, provisioning);
    if (!isValidDmsName("task", req.params["taskName"]!)) throw dmsErrors.invalidName("task", req.params["taskName"]!);
    const body = readBody(taskBody, req.body);
    const { taskType, input, clientData } = body.properties;
    if (!TaskEngine.runs(taskType)) {
      throw dmsErrors.invalidBody(`Task type '${taskType}' is not supported by this Database Migration Service (supported: ${Object.values(TASK_TYPE).join(", ")}).`);
    }
    readBody(z.object({ properties: projectTaskPropertiesSchema }), { properties: { taskType, input } });

    const id = taskId(req.params);
    const existing = store.get(id);
    if (existing) {
      const existingType = String(existing.properties?.["taskType"] ?? "");
      if (existingType !== taskType) throw dmsErrors.taskTypeConflict(existing.name, existingType, taskType);
      // Tasks have no mutable properties: a repeated PUT never restarts the task, it only updates clientData.
      const updated = store.update(id, (t) => {
        if (clientData) t.properties = { ...t.properties, clientData };
      })!;
      return respond.ok(present(updated, false));
    }
    const storedInput = stripSecrets(input);
    store.put({
      id,
      name: req.params["taskName"]!,
      type: RESOURCE_TYPE.task,
      etag: etagOf({ taskType, input: storedInput }),
      properties: { taskType, input: storedInput, state: "Queued", errors: [], commands: [], ...(clientData ? { clientData } : {}), output: [] },
    });
    const tier = (service["sku"] as { tier?: string } | undefined)?.tier ?? "Standard";
    state.tasks.start(id, req.params["taskName"]!, taskType, input, tier);
    return respond.created(present(store.get(id)!, false));
  });

  router.add("GET", TASK, (req) => respond.ok(present(requireTask(services, req), expandsOutput(req))));

  router.add("PATCH", TASK, (req) => {
    const task = requireTask(services, req);
    const patch = readBody(taskPatch, req.body);
    const updated = store.update(task.id, (t) => {
      if (patch.properties?.clientData) t.properties = { ...t.properties, clientData: patch.properties.clientData };
    })!;
    return respond.ok(present(updated, false));
  });

  router.add("DELETE", TASK, (req) => {
    requireProject(services, req);
    const id = taskId(req.params);
    const task = store.get(id);
    if (!task) return respond.noContent();
    if (state.tasks.isRunning(id)) {
      if (!queryFlag(req.query, "deleteRunningTasks")) throw dmsErrors.resourceHasRunningTasks("task", task.name);
      state.tasks.cancel(id);
    }
    state.tasks.forget(id);
    store.delete(id);
    return respond.ok(undefined);
  });

  router.add("GET", TASKS, (req) => {
    const project = requireProject(services, req);
    const taskType = queryValue(req.query, "taskType");
    const tasks = store
      .listChildren(`${project.id}/tasks`)
      .filter((t) => !taskType || String(t.properties?.["taskType"]).toLowerCase() === taskType.toLowerCase())
      .map((t) => present(t, false));
    return respond.ok({ value: tasks });
  });

  router.add("POST", `${TASK}/cancel`, (req) => {
    const task = requireTask(services, req);
    state.tasks.cancel(task.id);
    return respond.ok(present(store.get(task.id)!, false));
  });

  router.add("POST", `${TASK}/command`, (req) => {
    const task = requireTask(services, req);
    const raw = unwrapCommand(req.body);
    const commandType = (raw as { commandType?: unknown } | undefined)?.commandType;
    if (commandType !== COMMAND_TYPE.completeSyncDatabase) {
      throw dmsErrors.invalidCommand(`Command type '${String(commandType)}' is not supported; this emulator runs '${COMMAND_TYPE.completeSyncDatabase}'.`);
    }
    if (task.properties?.["taskType"] !== TASK_TYPE.migrateOnline) {
      throw dmsErrors.invalidCommand(`'${COMMAND_TYPE.completeSyncDatabase}' applies to '${TASK_TYPE.migrateOnline}' tasks only.`);
    }
    const command = readBody(completeSyncCommandSchema.extend({ input: completeSyncCommandSchema.shape.input.unwrap() }), raw);
    const result = state.tasks.complete(task.id, command.input.databaseName, command.input.commitTimeStamp);
    return respond.ok(result.command);
  });
}
