/**
 * MigrationProject: a DMS project (Microsoft.DataMigration/services/projects) for SQL Server → Azure SQL
 * Database. Platforms are fixed to SQL → SQLDB, the pair this library migrates.
 *
 * Changes: `tags` and `sourceDatabases` are applied in place (PUT again; projects are not long-running).
 * Subscription, resource group, service, name and location replace the project. Create adopts an existing
 * project of the same name on SQL → SQLDB; other platforms are an error naming them. A project found in a state
 * other than Succeeded (on create, or by a refresh) is written again with a PUT, never adopted as it is. Delete removes the project
 * (and, when `deleteRunningTasksOnDelete`, its running tasks); no database is touched.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { databaseNameInput } from "../sql/name-rules";
import { ArmClient } from "../arm";
import { buildProjectBody, parseProject, type Project } from "../dms";
import {
  dmsNameInput,
  locationInput,
  resourceGroupNameInput,
  sameTags,
  subscriptionIdInput,
  tagsInput,
} from "./common-inputs";
import { DMS_API_VERSION, projectPath } from "./dms-paths";
import { logInfo } from "./log";
import { withPlainOutputs } from "./plain-outputs";
import { checkInputs } from "./validation";

export const projectInputs = z.object({
  subscriptionId: subscriptionIdInput,
  resourceGroupName: resourceGroupNameInput,
  serviceName: dmsNameInput(62),
  projectName: dmsNameInput(57),
  location: locationInput,
  /** Source databases recorded in the project's databasesInfo (informational for DMS). */
  sourceDatabases: z.array(databaseNameInput).optional(),
  tags: tagsInput,
  deleteRunningTasksOnDelete: z.boolean().default(false),
});

export type ProjectInputs = z.infer<typeof projectInputs>;

export interface ProjectOutputs extends ProjectInputs {
  resourceId: string;
  sourcePlatform: string;
  targetPlatform: string;
  provisioningState: string;
}

const REPLACING = ["subscriptionId", "resourceGroupName", "serviceName", "projectName", "location"] as const;

function outputsFrom(inputs: ProjectInputs, live: Project): ProjectOutputs {
  return {
    ...inputs,
    resourceId: live.id ?? projectPath(inputs),
    sourcePlatform: live.properties.sourcePlatform,
    targetPlatform: live.properties.targetPlatform,
    provisioningState: live.properties.provisioningState ?? "Succeeded",
  };
}

const sameList = (a: string[] | undefined, b: string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

async function fetchProject(arm: ArmClient, inputs: ProjectInputs): Promise<Project | undefined> {
  const body = await arm.find(projectPath(inputs), DMS_API_VERSION);
  return body === undefined ? undefined : parseProject(body);
}

/**
 * The spec gives projects only Succeeded and Deleting, but a project found in any other state (Failed) is written
 * again rather than adopted: a PUT is how ARM retries a resource, and tasks under a broken project would fail.
 */
function isHealthy(project: Project): boolean {
  return (project.properties.provisioningState ?? "Succeeded") === "Succeeded";
}

/**
 * converge, as docs/architecture.md ("One meaning per name") defines it. Here: create, or adopt a SQL → SQLDB
 * project and PUT it again only when tags or databases differ or it is not Succeeded.
 */
async function converge(inputs: ProjectInputs): Promise<ProjectOutputs> {
  const arm = ArmClient.fromEnvironment();
  const existing = await fetchProject(arm, inputs);
  if (existing) {
    const { sourcePlatform, targetPlatform } = existing.properties;
    if (sourcePlatform !== "SQL" || targetPlatform !== "SQLDB") {
      throw new Error(
        `DMS project ${inputs.projectName} already exists for ${sourcePlatform} → ${targetPlatform}, ` +
          `not SQL → SQLDB; choose another projectName`,
      );
    }
    const live = (existing.properties.databasesInfo ?? []).map((d) => d.sourceDatabaseName);
    if (isHealthy(existing) && sameTags(existing.tags, inputs.tags) && sameList(live, inputs.sourceDatabases))
      return outputsFrom(inputs, existing);
  }
  logInfo(
    existing && !isHealthy(existing)
      ? `DMS project ${inputs.projectName} is ${existing.properties.provisioningState}; writing it again`
      : `${existing ? "updating" : "creating"} DMS project ${inputs.projectName} (SQL → SQLDB) on service ${inputs.serviceName}`,
  );
  const saved = await arm.execute({
    method: "PUT",
    path: projectPath(inputs),
    apiVersion: DMS_API_VERSION,
    body: buildProjectBody(inputs),
  });
  return outputsFrom(inputs, parseProject(saved ?? (await arm.get(projectPath(inputs), DMS_API_VERSION))));
}

export const provider: pulumi.dynamic.ResourceProvider = withPlainOutputs({
  check: checkInputs(projectInputs),

  async diff(_id, olds: ProjectOutputs, news: ProjectInputs) {
    const replaces = REPLACING.filter((key) => String(olds[key]).toLowerCase() !== String(news[key]).toLowerCase());
    const changed =
      !sameTags(olds.tags, news.tags) ||
      !sameList(olds.sourceDatabases, news.sourceDatabases) ||
      olds.deleteRunningTasksOnDelete !== news.deleteRunningTasksOnDelete ||
      olds.provisioningState !== "Succeeded";
    return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: true };
  },

  async create(inputs: ProjectInputs) {
    const outs = await converge(inputs);
    return { id: outs.resourceId, outs };
  },

  async read(id, props: ProjectOutputs) {
    const live = await fetchProject(ArmClient.fromEnvironment(), props);
    if (!live) return { id: "", props: {} };
    return {
      id,
      props: {
        ...outputsFrom(props, live),
        tags: live.tags ?? props.tags,
        sourceDatabases: live.properties.databasesInfo?.map((d) => d.sourceDatabaseName) ?? props.sourceDatabases,
      },
    };
  },

  async update(_id, _olds: ProjectOutputs, news: ProjectInputs) {
    return { outs: await converge(news) };
  },

  async delete(_id, props: ProjectOutputs) {
    const arm = ArmClient.fromEnvironment();
    const query: Record<string, string> = props.deleteRunningTasksOnDelete ? { deleteRunningTasks: "true" } : {};
    await arm.deleteIfExists(projectPath(props), DMS_API_VERSION, query);
    logInfo(`deleted DMS project ${props.projectName}; source and target databases were not touched`);
  },
});
