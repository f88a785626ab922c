/**
 * `Microsoft.DataMigration/services/projects`: Projects_CreateOrUpdate (synchronous 201/200), _Get, _Update
 * (PATCH), _Delete (200, 204 when absent; refused with running tasks unless deleteRunningTasks=true) and
 * _List. Connection infos given on a project are stored without their passwords.
 */
import { z } from "zod";
import { isValidDmsName } from "../../provider/dms/arm-names";
import { projectPropertiesSchema } from "../../provider/dms/project-shapes";
import { stripSecrets } from "../../provider/dms/strip-secrets";
import { RESOURCE_TYPE } from "../../provider/dms/task-types";
import { respond, type ArmRequest } from "../arm/request";
import type { Router } from "../arm/router";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import type { DataMigrationState } from "./data-migration-state";
import { dmsErrors } from "./errors";
import { etagOf } from "./etag";
import { PROJECT, PROJECTS, projectId } from "./paths";
import { queryFlag, readBody } from "./request-body";
import { requireService } from "./service-handlers";

const projectBody = z.looseObject({
  location: z.string().min(1),
  tags: z.record(z.string(), z.string()).optional(),
  properties: projectPropertiesSchema,
});

const projectPatch = z.looseObject({
  tags: z.record(z.string(), z.string()).optional(),
  properties: projectPropertiesSchema.partial().optional(),
});

/** Fields the service sets itself; ignored when a client sends them. */
const READ_ONLY = ["creationTime", "provisioningState"];

export function requireProject(services: EmulatorServices, req: ArmRequest): StoredResource {
  requireService(services, req);
  const project = services.store.get(projectId(req.params));
  if (!project) throw dmsErrors.notFound(RESOURCE_TYPE.project, req.params["projectName"]!, req.params["groupName"]!);
  return project;
}

function writable(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stripSecrets(properties)).filter(([k]) => !READ_ONLY.includes(k)));
}

export function registerProjectRoutes(router: Router, services: EmulatorServices, state: DataMigrationState): void {
  const { store, clock } = services;

  router.add("PUT", PROJECT, (req) => {
    const service = requireService(services, req);
    if (!isValidDmsName("project", req.params["projectName"]!)) throw dmsErrors.invalidName("project", req.params["projectName"]!);
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
      etag: etagOf(properties),
      properties,
    };
    const { created, resource: stored } = store.put(resource);
    return created ? respond.created(stored) : respond.ok(stored);
  });

  router.add("GET", PROJECT, (req) => respond.ok(requireProject(services, req)));

  router.add("PATCH", PROJECT, (req) => {
    const project = requireProject(services, req);
    const patch = readBody(projectPatch, req.body);
    const updated = store.update(project.id, (p) => {
      if (patch.tags) p.tags = patch.tags;
      if (patch.properties) p.properties = { ...p.properties, ...writable(patch.properties) };
      p["etag"] = etagOf(p.properties);
    });
    return respond.ok(updated);
  });

  router.add("DELETE", PROJECT, (req) => {
    requireService(services, req);
    const id = projectId(req.params);
    const project = store.get(id);
    if (!project) return respond.noContent();
    if (state.hasRunningTasks(id)) {
      if (!queryFlag(req.query, "deleteRunningTasks")) throw dmsErrors.resourceHasRunningTasks("project", project.name);
    }
    state.tasks.forgetTree(id);
    store.deleteTree(id);
    return respond.ok(undefined);
  });

  router.add("GET", PROJECTS, (req) => {
    const service = requireService(services, req);
    return respond.ok({ value: store.listChildren(`${service.id}/projects`) });
  });
}
