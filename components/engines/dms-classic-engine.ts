/**
 * The retired classic DMS (Microsoft.DataMigration/services, projects, tasks): Microsoft stopped it for SQL
 * scenarios on 2026-03-15. Kept for existing classic services and for the local flow on the emulator.
 */
import * as pulumi from "@pulumi/pulumi";
import { DataMigrationService, type DataMigrationServiceArgs } from "../data-migration-service";
import { MigrationProject } from "../migration-project";
import { MigrationTask, type MigrationTaskArgs } from "../migration-task";
import type { EngineOutputs, EngineScope } from "./engine-outputs";

export interface DmsClassicEngineArgs {
  /** The DMS (classic) service's settings (see DataMigrationServiceArgs). Required (virtualSubnetId). */
  service: Omit<DataMigrationServiceArgs, "subscriptionId" | "resourceGroupName" | "location">;
  /** The project's ARM name (default derived; changing it replaces) and tags (default none; updated in place). */
  project?: { projectName?: pulumi.Input<string>; tags?: pulumi.Input<Record<string, pulumi.Input<string>>> };
  /** The data move: mode (offline or online), connections, databases, wait policy, cutover. */
  migration: Omit<MigrationTaskArgs, "subscriptionId" | "resourceGroupName" | "serviceName" | "projectName">;
}

export interface DmsClassicEngineOutputs extends EngineOutputs {
  projectName: pulumi.Output<string>;
  taskName: pulumi.Output<string>;
}

export function dmsClassicEngine(scope: EngineScope, args: DmsClassicEngineArgs): DmsClassicEngineOutputs {
  const { name, subscriptionId, resourceGroupName, parent } = scope;
  const service = new DataMigrationService(
    `${name}-dms`,
    { ...args.service, subscriptionId, resourceGroupName, location: scope.location },
    { parent, dependsOn: scope.registration ? [scope.registration] : [] },
  );
  const project = new MigrationProject(
    `${name}-project`,
    {
      subscriptionId,
      resourceGroupName,
      serviceName: service.serviceName,
      location: scope.location,
      projectName: args.project?.projectName,
      tags: args.project?.tags,
      sourceDatabases: pulumi.output(args.migration.databases).apply((list) => list.map((db) => db.sourceName)),
    },
    { parent },
  );
  const task = new MigrationTask(
    `${name}-task`,
    {
      reportDirectory: scope.reportDirectory,
      report: { migration: name, engine: "dmsClassic", apiVersions: ["2021-06-30"], schema: scope.schemaFacts },
      ...args.migration,
      subscriptionId,
      resourceGroupName,
      serviceName: service.serviceName,
      projectName: project.projectName,
    },
    // Schema first: DMS copies data into tables that must already exist on the target.
    { parent, dependsOn: scope.schema ? [scope.schema] : [] },
  );
  return {
    serviceName: service.serviceName,
    projectName: project.projectName,
    taskName: task.remoteTaskName,
    phase: task.phase,
    state: task.state,
    databaseProgress: task.databaseProgress,
    errors: task.errors,
  };
}
