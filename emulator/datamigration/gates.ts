/**
 * What every classic route checks first, in ARM's order: an api-version whose classic definitions the emulator
 * models (400 NoRegisteredProviderFound), Microsoft.DataMigration registered (409
 * MissingSubscriptionRegistration), the resource group (404); then the service, project and task the URL names
 * (404 ResourceNotFound).
 */
import { requireApiVersion } from "../arm/api-versions";
import type { ArmRequest } from "../arm/request";
import type { StoredResource } from "../arm/store";
import type { EmulatorServices } from "../services";
import type { DataMigrationState } from "./data-migration-state";
import { dmsErrors } from "./errors";
import { NAMESPACE, projectId, serviceId, taskId } from "./paths";
import { CLASSIC_API_VERSIONS, RESOURCE_TYPE } from "./task-types";

/** What a classic handler works with: the emulator's shared services and the module's DataMigrationState. */
export interface ClassicContext {
  services: EmulatorServices;
  state: DataMigrationState;
}

/** api-version and registration (subscription-level routes). */
export function requireRegistered(ctx: ClassicContext, req: ArmRequest): void {
  requireApiVersion(req, "services", CLASSIC_API_VERSIONS);
  ctx.services.requireRegistered(req.params["subscriptionId"]!, NAMESPACE);
}

/** api-version, registration and resource group. */
export function requireGroup(ctx: ClassicContext, req: ArmRequest): StoredResource {
  requireRegistered(ctx, req);
  return ctx.services.requireResourceGroup(req.params["subscriptionId"]!, req.params["groupName"]!);
}

/** The stored service the URL names, or ARM's 404. */
export function requireService(ctx: ClassicContext, req: ArmRequest): StoredResource {
  requireGroup(ctx, req);
  const service = ctx.services.store.get(serviceId(req.params));
  if (!service) throw dmsErrors.notFound(RESOURCE_TYPE.service, req.params["serviceName"]!, req.params["groupName"]!);
  return service;
}

export function requireProject(ctx: ClassicContext, req: ArmRequest): StoredResource {
  requireService(ctx, req);
  const project = ctx.services.store.get(projectId(req.params));
  if (!project) throw dmsErrors.notFound(RESOURCE_TYPE.project, req.params["projectName"]!, req.params["groupName"]!);
  return project;
}

export function requireTask(ctx: ClassicContext, req: ArmRequest): StoredResource {
  requireProject(ctx, req);
  const task = ctx.services.store.get(taskId(req.params));
  if (!task) throw dmsErrors.notFound(RESOURCE_TYPE.task, req.params["taskName"]!, req.params["groupName"]!);
  return task;
}
