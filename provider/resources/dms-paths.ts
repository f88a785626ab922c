/** ARM paths and api-version of the classic Microsoft.DataMigration resources (stable 2021-06-30). */
export const DMS_API_VERSION = "2021-06-30";

export interface ServiceAddress {
  subscriptionId: string;
  resourceGroupName: string;
  serviceName: string;
}

export interface ProjectAddress extends ServiceAddress {
  projectName: string;
}

export interface TaskAddress extends ProjectAddress {
  taskName: string;
}

export function servicePath(a: ServiceAddress): string {
  return `/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroupName}/providers/Microsoft.DataMigration/services/${a.serviceName}`;
}

export function projectPath(a: ProjectAddress): string {
  return `${servicePath(a)}/projects/${a.projectName}`;
}

export function taskPath(a: TaskAddress): string {
  return `${projectPath(a)}/tasks/${a.taskName}`;
}
