import * as pulumi from "@pulumi/pulumi";
import { DataMigrationService, type DataMigrationServiceArgs } from "./data-migration-service";
import { MigrationProject } from "./migration-project";
import { MigrationTask, type MigrationTaskArgs } from "./migration-task";
import { ResourceProviderRegistration } from "./resource-provider-registration";
import { SchemaDeployment, type SchemaDeploymentArgs } from "./schema-deployment";

export interface SqlServerToAzureSqlMigrationArgs {
  subscriptionId: pulumi.Input<string>;
  resourceGroupName: pulumi.Input<string>;
  location: pulumi.Input<string>;
  /** Register Microsoft.DataMigration on the subscription first (default true). */
  registerResourceProvider?: boolean;
  service: Omit<DataMigrationServiceArgs, "subscriptionId" | "resourceGroupName" | "location">;
  project?: { projectName?: pulumi.Input<string>; tags?: pulumi.Input<Record<string, pulumi.Input<string>>> };
  /**
   * The schema step of the guide (assess, script, deploy, verify), run before any data moves. Omit it when the
   * target schema is deployed another way.
   */
  schema?: SchemaDeploymentArgs;
  /** The data move: mode, connections, databases, wait policy, cutover. */
  migration: Omit<MigrationTaskArgs, "subscriptionId" | "resourceGroupName" | "serviceName" | "projectName">;
}

/**
 * One migration of SQL Server databases to Azure SQL Database, wired in the order of Microsoft's guide:
 * migrate the schema (optional `schema` step), register Microsoft.DataMigration, create the DMS instance, the
 * migration project and the migration task, follow it, and cut over when `migration.cutover` is set.
 */
export class SqlServerToAzureSqlMigration extends pulumi.ComponentResource {
  readonly registrationState: pulumi.Output<string | undefined>;
  readonly serviceName: pulumi.Output<string>;
  readonly projectName: pulumi.Output<string>;
  readonly taskName: pulumi.Output<string>;
  readonly state: pulumi.Output<string>;
  readonly phase: pulumi.Output<string>;
  readonly databaseProgress: pulumi.Output<unknown[]>;
  readonly errors: pulumi.Output<string[]>;
  /** The schema step, when `schema` was given. */
  readonly schemaDeployment?: SchemaDeployment;

  constructor(name: string, args: SqlServerToAzureSqlMigrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("azure-sql-migration:index:SqlServerToAzureSqlMigration", name, {}, opts);
    const child = { parent: this };
    const scope = { subscriptionId: args.subscriptionId, resourceGroupName: args.resourceGroupName };

    const registration =
      args.registerResourceProvider === false
        ? undefined
        : new ResourceProviderRegistration(`${name}-datamigration-provider`, { subscriptionId: args.subscriptionId }, child);
    const service = new DataMigrationService(
      `${name}-dms`,
      { ...args.service, ...scope, location: args.location },
      { ...child, dependsOn: registration ? [registration] : [] },
    );
    const databases = pulumi.output(args.migration.databases);
    const project = new MigrationProject(
      `${name}-project`,
      {
        ...scope,
        serviceName: service.serviceName,
        location: args.location,
        projectName: args.project?.projectName,
        tags: args.project?.tags,
        sourceDatabases: databases.apply((list) => list.map((db) => db.sourceName)),
      },
      child,
    );
    // Schema first: DMS copies data into tables that must already exist on the target.
    this.schemaDeployment = args.schema ? new SchemaDeployment(`${name}-schema`, args.schema, child) : undefined;
    const task = new MigrationTask(
      `${name}-task`,
      { ...args.migration, ...scope, serviceName: service.serviceName, projectName: project.projectName },
      { ...child, dependsOn: this.schemaDeployment ? [this.schemaDeployment] : [] },
    );

    this.registrationState = registration ? registration.registrationState : pulumi.output(undefined);
    this.serviceName = service.serviceName;
    this.projectName = project.projectName;
    this.taskName = task.remoteTaskName;
    this.state = task.state;
    this.phase = task.phase;
    this.databaseProgress = task.databaseProgress;
    this.errors = task.errors;
    this.registerOutputs({ serviceName: this.serviceName, projectName: this.projectName, taskName: this.taskName, phase: this.phase });
  }
}
