/**
 * `Microsoft.DataMigration/services/projects`, one named handler per operation: Projects_CreateOrUpdate
 * (synchronous 201/200), _Get, _Update (PATCH), _Delete (200, 204 when absent; refused with running tasks unless
 * deleteRunningTasks=true) and _List. Connection infos given on a project are stored without their passwords.
 */
import { respond, type ArmRequest, type ArmResponse } from "../arm/request";
import type { StoredResource } from "../arm/store";
import { dmsErrors } from "./errors";
import { requireProject, requireService, type ClassicContext } from "./gates";
import { isValidName } from "./names";
import { projectId } from "./paths";
import { queryFlag, readBody } from "./request-body";
import { withoutSecrets } from "./secrets";
import { projectBody, projectPatch } from "./spec-shapes";
import { RESOURCE_TYPE } from "./task-types";

/** Fields the service sets itself; ignored when a client sends them. */
const READ_ONLY = ["creationTime", "provisioningState"];

function writable(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(withoutSecrets(properties)).filter(([k, v]) => v !== undefined && !READ_ONLY.includes(k)),
  );
}

export function Projects_CreateOrUpdate(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store, clock } = ctx.services;
  const service = requireService(ctx, req);
  if (!isValidName("project", req.params["projectName"]!))
    throw dmsErrors.invalidName("project", req.params["projectName"]!);
  const body = readBody(projectBody, req.body);
  const id = projectId(req.params);
  const existing = store.get(id);
  const properties = {
    ...writable(body.properties),
    creationTime: existing?.properties?.["creationTime"] ?? new Date(clock.now()).toISOString(),
    provisioningState: "Succeeded",
  };
  const resource: StoredResource = {
    id,
    name: req.params["projectName"]!,
    type: RESOURCE_TYPE.project,
    location: existing?.location ?? body.location ?? service.location,
    ...(body.tags ? { tags: body.tags } : {}),
    // No etag: the 2021-06-30 Project definition has none (later api-versions add one).
    properties,
  };
  const { created, resource: stored } = store.put(resource);
  return created ? respond.created(stored) : respond.ok(stored);
}

export function Projects_Get(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  return respond.ok(requireProject(ctx, req));
}

export function Projects_Update(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const project = requireProject(ctx, req);
  const patch = readBody(projectPatch, req.body);
  const updated = ctx.services.store.update(project.id, (p) => {
    if (patch.tags) p.tags = patch.tags;
    if (patch.properties) p.properties = { ...p.properties, ...writable(patch.properties) };
  });
  return respond.ok(updated);
}

export function Projects_Delete(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const { store } = ctx.services;
  requireService(ctx, req);
  const id = projectId(req.params);
  const project = store.get(id);
  if (!project) return respond.noContent();
  if (ctx.state.hasRunningTasks(id) && !queryFlag(req.query, "deleteRunningTasks")) {
    throw dmsErrors.resourceHasRunningTasks("project", project.name);
  }
  ctx.state.tasks.forgetTree(id);
  store.deleteTree(id);
  return respond.ok(undefined);
}

export function Projects_List(ctx: ClassicContext, req: ArmRequest): ArmResponse {
  const service = requireService(ctx, req);
  return respond.ok({ value: ctx.services.store.listChildren(`${service.id}/projects`) });
}
