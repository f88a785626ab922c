/**
 * One valid input per resource, written by hand: the corpus breaks each of them one field at a time. Every SQL
 * endpoint points at `sqlHost:sqlPort` (a tripwire that counts connections), and the passwords are the ones the
 * suites scan for, so a bad input that slipped through validation would show as a connection, a request or a
 * leaked password rather than pass unnoticed.
 */
import type { z } from "zod";
import { registrationInputs } from "../../../provider/resources/provider-registration";
import { serviceInputs } from "../../../provider/resources/data-migration-service";
import { projectInputs } from "../../../provider/resources/migration-project";
import { migrationTaskInputs } from "../../../provider/resources/migration-task/inputs";
import { sqlMigrationServiceInputs } from "../../../provider/resources/sql-migration-service/inputs";
import { databaseMigrationInputs } from "../../../provider/resources/database-migration/inputs";
import { schemaDeploymentInputs } from "../../../provider/resources/schema-deployment/inputs";
import { replicationMigrationInputs } from "../../../provider/resources/replication-migration/inputs";

export const BAD_INPUT_PASSWORDS = { source: "S0urce-Pa55-bad-input", target: "T4rget-Pa55-bad-input" };

export interface ResourceUnderTest {
  /** The component class name, as preview names the resource type. */
  resource: string;
  /** provider/resources/<module>.ts, whose `provider.check` is called. */
  module: string;
  schema: z.ZodType;
  valid: Record<string, unknown>;
}

const GUID = "6f2d4c1a-0b1e-4c55-9a0e-2b7d3c4e5f60";
const RG = "rg-migration";

function endpoint(sqlHost: string, sqlPort: number, password: string) {
  return { server: sqlHost, port: sqlPort, userName: "migrator", password, encrypt: true };
}

/**
 * One valid input per resource type, the base every malformed input is made from. Long on purpose: a data table
 * (eight resources' inputs, read top to bottom), no logic.
 */
export function resourcesUnderTest(sqlHost: string, sqlPort: number): ResourceUnderTest[] {
  const source = endpoint(sqlHost, sqlPort, BAD_INPUT_PASSWORDS.source);
  const target = endpoint(sqlHost, sqlPort, BAD_INPUT_PASSWORDS.target);
  const report = { migration: "sales", engine: "dms", apiVersions: [] };
  const validation = { depth: "rowCount", tables: ["dbo.Orders"] };
  return [
    {
      resource: "ResourceProviderRegistration",
      module: "provider-registration",
      schema: registrationInputs,
      valid: { subscriptionId: GUID, namespace: "Microsoft.DataMigration", timeoutSeconds: 600 },
    },
    {
      resource: "DataMigrationService",
      module: "data-migration-service",
      schema: serviceInputs,
      valid: {
        subscriptionId: GUID,
        resourceGroupName: RG,
        serviceName: "dms-sales",
        location: "westeurope",
        skuName: "Premium_4vCores",
        virtualSubnetId: `/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/dms`,
        tags: { team: "data" },
        timeoutSeconds: 1800,
      },
    },
    {
      resource: "MigrationProject",
      module: "migration-project",
      schema: projectInputs,
      valid: {
        subscriptionId: GUID,
        resourceGroupName: RG,
        serviceName: "dms-sales",
        projectName: "sales-project",
        location: "westeurope",
        sourceDatabases: ["Sales"],
      },
    },
    {
      resource: "MigrationTask",
      module: "migration-task",
      schema: migrationTaskInputs,
      valid: {
        subscriptionId: GUID,
        resourceGroupName: RG,
        serviceName: "dms-sales",
        projectName: "sales-project",
        taskName: "sales-task",
        mode: "online",
        source,
        target,
        databases: [{ sourceName: "Sales", targetName: "SalesDb", tables: ["dbo.Orders"] }],
        wait: "readyForCutover",
        waitTimeoutSeconds: 600,
        maxPendingChanges: 0,
        validation,
        report: { ...report, engine: "dmsClassic" },
      },
    },
    {
      resource: "SqlMigrationService",
      module: "sql-migration-service",
      schema: sqlMigrationServiceInputs,
      valid: {
        subscriptionId: GUID,
        resourceGroupName: RG,
        serviceName: "sales-migration",
        location: "westeurope",
        waitForRuntime: "online",
        regenerateAuthKeys: { authKey1: 0, authKey2: 0 },
      },
    },
    {
      resource: "DatabaseMigration",
      module: "database-migration",
      schema: databaseMigrationInputs,
      valid: {
        migrationServiceId: `/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft.DataMigration/sqlMigrationServices/sales-migration`,
        targetServerResourceId: `/subscriptions/${GUID}/resourceGroups/${RG}/providers/Microsoft.Sql/servers/sales-target`,
        targetDatabaseName: "SalesDb",
        sourceDatabaseName: "Sales",
        source: { ...source, authentication: "sql" },
        target,
        tables: ["dbo.Orders", "[Sales].[Order Details]"],
        mode: "offline",
        wait: "completed",
        validation,
        report,
      },
    },
    {
      resource: "SchemaDeployment",
      module: "schema-deployment",
      schema: schemaDeploymentInputs,
      valid: {
        source: {
          connection: {
            server: sqlHost,
            port: sqlPort,
            database: "Sales",
            authentication: { type: "sql", user: "migrator", password: BAD_INPUT_PASSWORDS.source },
          },
        },
        target: {
          server: sqlHost,
          port: sqlPort,
          database: "SalesDb",
          authentication: { type: "sql", user: "azadmin", password: BAD_INPUT_PASSWORDS.target },
        },
        include: ["dbo.*"],
        failOn: "blocking",
        targetTier: "GeneralPurpose",
      },
    },
    {
      resource: "ReplicationMigration",
      module: "replication-migration",
      schema: replicationMigrationInputs,
      valid: {
        source,
        sourceDatabaseName: "Sales",
        target: { ...target, subscriber: "sales-target.database.windows.net" },
        targetDatabaseName: "SalesDb",
        publicationName: "sales-pub",
        tables: ["dbo.Orders"],
        distributor: { mode: "local", distributionDatabase: "distribution" },
        maxLatencySeconds: 60,
        pollIntervalSeconds: 5,
        validation,
        report: { ...report, engine: "replication" },
      },
    },
  ];
}
