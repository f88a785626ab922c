/**
 * The classic model's route table (datamigration.json 2021-06-30): each spec operation → its named handler, as
 * sql-migration/index.ts does for the current API. Called by the Microsoft.DataMigration module (module.ts)
 * with the module's DataMigrationState.
 */
import type { ArmRequest, ArmResponse, HttpMethod } from "../arm/request";
import type { Router } from "../arm/router";
import type { EmulatorServices } from "../services";
import type { DataMigrationState } from "./data-migration-state";
import type { ClassicContext } from "./gates";
import { NAME_AVAILABILITY, PROJECT, PROJECTS, SERVICE, SERVICES, SUBSCRIPTION_SERVICES, TASK, TASKS } from "./paths";
import * as projects from "./project-handlers";
import * as services from "./service-handlers";
import * as tasks from "./task-handlers";

type Handler = (ctx: ClassicContext, req: ArmRequest) => ArmResponse;

/** operationId → method and template, as datamigration.json pairs them. */
export const CLASSIC_ROUTES: ReadonlyArray<[HttpMethod, string, Handler]> = [
  ["PUT", SERVICE, services.Services_CreateOrUpdate],
  ["GET", SERVICE, services.Services_Get],
  ["PATCH", SERVICE, services.Services_Update],
  ["DELETE", SERVICE, services.Services_Delete],
  ["GET", SERVICES, services.Services_ListByResourceGroup],
  ["GET", SUBSCRIPTION_SERVICES, services.Services_List],
  ["POST", `${SERVICE}/start`, services.Services_Start],
  ["POST", `${SERVICE}/stop`, services.Services_Stop],
  ["POST", `${SERVICE}/checkStatus`, services.Services_CheckStatus],
  ["POST", `${SERVICE}/checkNameAvailability`, services.Services_CheckChildrenNameAvailability],
  ["POST", NAME_AVAILABILITY, services.Services_CheckNameAvailability],
  ["PUT", PROJECT, projects.Projects_CreateOrUpdate],
  ["GET", PROJECT, projects.Projects_Get],
  ["PATCH", PROJECT, projects.Projects_Update],
  ["DELETE", PROJECT, projects.Projects_Delete],
  ["GET", PROJECTS, projects.Projects_List],
  ["PUT", TASK, tasks.Tasks_CreateOrUpdate],
  ["GET", TASK, tasks.Tasks_Get],
  ["PATCH", TASK, tasks.Tasks_Update],
  ["DELETE", TASK, tasks.Tasks_Delete],
  ["GET", TASKS, tasks.Tasks_List],
  ["POST", `${TASK}/cancel`, tasks.Tasks_Cancel],
  ["POST", `${TASK}/command`, tasks.Tasks_Command],
];

export function registerClassicRoutes(
  router: Router,
  emulatorServices: EmulatorServices,
  state: DataMigrationState,
): void {
  const ctx: ClassicContext = { services: emulatorServices, state };
  for (const [method, template, handler] of CLASSIC_ROUTES) router.add(method, template, (req) => handler(ctx, req));
}
