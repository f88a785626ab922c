/**
 * Offline migration on real Azure with the current Azure Database Migration Service: @pulumi/azure-native
 * creates the target server and database, this library assesses and deploys the schema, creates the
 * sqlMigrationService and copies each database. Run it with your own Pulumi CLI:
 *
 *   pulumi config set azure-native:location westeurope
 *   pulumi config set azure-native:subscriptionId <guid>
 *   pulumi config set sourceServer sql01.contoso.local     # as the self-hosted integration runtime reaches it
 *   pulumi config set sourceUser migrator
 *   pulumi config set --secret sourcePassword ...
 *   pulumi config set --secret targetPassword ...
 *   pulumi up
 *
 * The first `up` stops at the integration runtime: install the Microsoft Integration Runtime on a Windows
 * machine near the source and register it with the key (`pulumi stack output authKey1 --show-secrets`), then
 * run `pulumi up` again — it continues with the schema and the copy, and returns when every database is copied
 * (or its wait budget ran out: run `up` again).
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as sql from "@pulumi/azure-native/sql";
import { SqlServerToAzureSqlMigration } from "../../components";

const config = new pulumi.Config();
const azureConfig = new pulumi.Config("azure-native");
const location = azureConfig.require("location");
const subscriptionId = azureConfig.require("subscriptionId");
const targetUser = config.get("targetUser") ?? "azadmin";
const targetPassword = config.requireSecret("targetPassword");
const source = {
  server: config.require("sourceServer"),
  userName: config.require("sourceUser"),
  password: config.requireSecret("sourcePassword"),
};
const sourceDatabase = config.get("sourceDatabase") ?? "Sales";

const group = new resources.ResourceGroup("migration", { location });
const server = new sql.Server("target", {
  resourceGroupName: group.name,
  location,
  administratorLogin: targetUser,
  administratorLoginPassword: targetPassword,
  version: "12.0",
  minimalTlsVersion: "1.2",
});
// DMS copies rows into an existing database with the source's collation; it never creates one.
const database = new sql.Database("sales", {
  resourceGroupName: group.name,
  serverName: server.name,
  location,
  sku: { name: "S3", tier: "Standard" },
  collation: config.get("collation") ?? "SQL_Latin1_General_CP1_CI_AS",
});
const targetServer = pulumi.interpolate`${server.name}.database.windows.net`;

const migration = new SqlServerToAzureSqlMigration("sales", {
  subscriptionId,
  resourceGroupName: group.name,
  // The migration service must be in the target server's region.
  location,
  schema: {
    source: {
      connection: {
        server: source.server,
        database: sourceDatabase,
        authentication: { type: "sql", user: source.userName, password: source.password },
      },
    },
    target: {
      server: targetServer,
      database: database.name,
      authentication: { type: "sql", user: targetUser, password: targetPassword },
    },
  },
  migration: {
    source,
    target: { server: targetServer, resourceId: server.id, userName: targetUser, password: targetPassword },
    databases: [{ sourceName: sourceDatabase, targetName: database.name }],
    waitTimeoutSeconds: config.getNumber("waitTimeoutSeconds") ?? 3600,
  },
});

export const phase = migration.phase;
export const progress = migration.databaseProgress;
export const errors = migration.errors;
export const integrationRuntimeState = migration.integrationRuntimeState;
export const authKey1 = migration.authKey1;
