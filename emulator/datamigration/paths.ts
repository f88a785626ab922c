/** Route templates and resource IDs of the classic model, written as the REST spec writes its paths. */

export const NAMESPACE = "Microsoft.DataMigration";

const RG = "/subscriptions/{subscriptionId}/resourceGroups/{groupName}";
export const SERVICES = `${RG}/providers/Microsoft.DataMigration/services`;
export const SERVICE = `${SERVICES}/{serviceName}`;
export const SUBSCRIPTION_SERVICES = "/subscriptions/{subscriptionId}/providers/Microsoft.DataMigration/services";
export const NAME_AVAILABILITY =
  "/subscriptions/{subscriptionId}/providers/Microsoft.DataMigration/locations/{location}/checkNameAvailability";
export const PROJECTS = `${SERVICE}/projects`;
export const PROJECT = `${PROJECTS}/{projectName}`;
export const TASKS = `${PROJECT}/tasks`;
export const TASK = `${TASKS}/{taskName}`;

type Params = Readonly<Record<string, string>>;

export const serviceId = (p: Params) =>
  `/subscriptions/${p["subscriptionId"]}/resourceGroups/${p["groupName"]}/providers/Microsoft.DataMigration/services/${p["serviceName"]}`;
export const projectId = (p: Params) => `${serviceId(p)}/projects/${p["projectName"]}`;
export const taskId = (p: Params) => `${projectId(p)}/tasks/${p["taskName"]}`;
