/**
 * Online migration to a new Azure SQL Database on real Azure with the classic DMS (engine "dmsClassic"): the
 * target server, database and network come from @pulumi/azure-native; the migration from this library.
 * Microsoft retired DMS (classic) for SQL scenarios on 2026-03-15, so this runs only where classic services
 * still exist; the current DMS moves data to Azure SQL Database offline only (examples/offline).
 * Run it with your own Pulumi CLI:
 *
 *   pulumi config set azure-native:location westeurope
 *   pulumi config set sourceServer sql01.contoso.local   # reachable from the DMS subnet (VPN/ExpressRoute)
 *   pulumi config set sourceUser migrator
 *   pulumi config set --secret sourcePassword ...
 *   pulumi config set --secret targetPassword ...
 *   pulumi up                            # syncs until ready for cutover
 *   pulumi config set cutover true && pulumi up   # completes the migration once the readiness gate passes
 */
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as sql from "@pulumi/azure-native/sql";
import { SqlServerToAzureSqlMigration } from "../../components";

const config = new pulumi.Config();
const azureConfig = new pulumi.Config("azure-native");
const location = azureConfig.require("location");
const subscriptionId = azureConfig.require("subscriptionId");
const targetUser = config.get("targetUser") ?? "azadmin";

const group = new resources.ResourceGroup("migration", { location });

const vnet = new network.VirtualNetwork("migration", {
  resourceGroupName: group.name,
  location,
  addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
});
const dmsSubnet = new network.Subnet("dms", {
  resourceGroupName: group.name,
  virtualNetworkName: vnet.name,
  addressPrefix: "10.20.1.0/24",
});

const server = new sql.Server("target", {
  resourceGroupName: group.name,
  location,
  administratorLogin: targetUser,
  administratorLoginPassword: config.requireSecret("targetPassword"),
  version: "12.0",
  minimalTlsVersion: "1.2",
});
const database = new sql.Database("sales", {
  resourceGroupName: group.name,
  serverName: server.name,
  location,
  sku: { name: "S3", tier: "Standard" },
});

const migration = new SqlServerToAzureSqlMigration("sales", {
  engine: "dmsClassic",
  subscriptionId,
  resourceGroupName: group.name,
  location,
  // Online migrations need a Premium DMS SKU.
  service: { virtualSubnetId: dmsSubnet.id, skuName: "Premium_4vCores" },
  migration: {
    mode: "online",
    source: { server: config.require("sourceServer"), userName: config.require("sourceUser"), password: config.requireSecret("sourcePassword") },
    target: {
      server: pulumi.interpolate`${server.name}.database.windows.net`,
      userName: targetUser,
      password: config.requireSecret("targetPassword"),
    },
    databases: [{ sourceName: config.get("sourceDatabase") ?? "Sales", targetName: database.name }],
    cutover: config.getBoolean("cutover") ?? false,
    maxPendingChanges: config.getNumber("maxPendingChanges") ?? 0,
    waitTimeoutSeconds: 1800,
  },
});

export const phase = migration.phase;
export const progress = migration.databaseProgress;
