/**
 * Online migration to a new Azure SQL Database on real Azure with transactional replication (engine
 * "replication"), the path Microsoft supports for minimal downtime into Azure SQL Database: the SQL Server
 * source publishes (its own distributor), the new database is a push subscriber. @pulumi/azure-native creates
 * the target server and database and the firewall rules for the distributor's egress address (the Distribution
 * Agent connects from the source) and for the machine running `pulumi up` (schema step, validation, cutover).
 * Run it with your own Pulumi CLI, from a machine that reaches the source:
 *
 *   pulumi config set azure-native:location westeurope
 *   pulumi config set sourceServer sql01.contoso.local      # SQL Server 2016+, SQL Server Agent running
 *   pulumi config set sourceUser migrator                    # a sysadmin login
 *   pulumi config set --secret sourcePassword ...
 *   pulumi config set --secret targetPassword ...
 *   pulumi config set distributorAddress 203.0.113.10        # the source's public egress IPv4 address
 *   pulumi config set runnerAddress 198.51.100.7             # where `pulumi up` runs (optional)
 *   pulumi up                                                # schema, replication, sync: stops at readyForCutover
 *   pulumi config set cutover true && pulumi up              # stop writes, drain, validate, tear down, fix the target
 *
 * The subscription and resource group only hold the target: replication itself creates no Azure resource.
 */
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as sql from "@pulumi/azure-native/sql";
import { SqlServerToAzureSqlMigration } from "../../components";

const config = new pulumi.Config();
const azureConfig = new pulumi.Config("azure-native");
const location = azureConfig.require("location");
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
  // Replication's Distribution Agent must speak TLS 1.2 (Azure SQL refuses older versions).
  minimalTlsVersion: "1.2",
});
const database = new sql.Database("sales", {
  resourceGroupName: group.name,
  serverName: server.name,
  location,
  // Scale up while the initial snapshot loads (Azure SQL governs the log rate); scale down after cutover.
  sku: { name: config.get("skuName") ?? "S3", tier: config.get("skuTier") ?? "Standard" },
  collation: config.get("collation") ?? "SQL_Latin1_General_CP1_CI_AS",
});

// The push Distribution Agent runs on the source and connects to the target on 1433 (with the Redirect
// connection policy also 11000-11999): admit the source's egress address.
const distributorAddress = config.require("distributorAddress");
const distributorRule = new sql.FirewallRule("distributor", {
  resourceGroupName: group.name,
  serverName: server.name,
  startIpAddress: distributorAddress,
  endIpAddress: distributorAddress,
});
const runnerAddress = config.get("runnerAddress");
const runnerRule = runnerAddress
  ? new sql.FirewallRule("pulumi-runner", {
      resourceGroupName: group.name,
      serverName: server.name,
      startIpAddress: runnerAddress,
      endIpAddress: runnerAddress,
    })
  : undefined;

// Through the rules' ids, everything that connects to the target waits for the firewall to admit it.
const targetServer = pulumi
  .all([server.name, distributorRule.id, runnerRule?.id])
  .apply(([name]) => `${name}.database.windows.net`);

const migration = new SqlServerToAzureSqlMigration("sales", {
  engine: "replication",
  // Assess the source for Azure SQL Database and deploy the tables: replication delivers rows into them.
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
    mode: "online",
    source,
    // The target's admin login is db_owner in the database; the Distribution Agent connects with it too.
    target: { server: targetServer, userName: targetUser, password: targetPassword },
    databases: [{ sourceName: sourceDatabase, targetName: database.name }],
    maxPendingCommands: config.getNumber("maxPendingCommands") ?? 0,
    maxLatencySeconds: config.getNumber("maxLatencySeconds") ?? 60,
    cutover: config.getBoolean("cutover") ?? false,
    // Stops application writes when the cutover begins (idempotent: a resumed cutover does not run it twice).
    stopWritesSql:
      config.get("stopWritesSql") ??
      `ALTER DATABASE [${sourceDatabase.replace(/]/g, "]]")}] SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE;`,
    validation: { depth: "rowCount" },
    waitTimeoutSeconds: config.getNumber("waitTimeoutSeconds") ?? 1800,
  },
});

export const phase = migration.phase;
export const state = migration.state;
export const progress = migration.databaseProgress;
export const errors = migration.errors;
export const report = migration.report;
