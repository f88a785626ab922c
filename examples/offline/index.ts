/**
 * Offline migration into an Azure SQL Database that already exists (its server, network and DMS subnet are
 * managed elsewhere). `pulumi up` registers Microsoft.DataMigration, creates the DMS instance, the project and
 * the offline task, and returns when the copy has finished (or its wait budget ran out: run `up` again).
 *
 *   pulumi config set subscriptionId <guid>
 *   pulumi config set resourceGroupName rg-migration
 *   pulumi config set location westeurope
 *   pulumi config set virtualSubnetId /subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>
 *   pulumi config set sourceServer sql01.contoso.local && pulumi config set sourceUser migrator
 *   pulumi config set --secret sourcePassword ... && pulumi config set --secret targetPassword ...
 *   pulumi config set targetServer sales.database.windows.net && pulumi config set targetUser azadmin
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import { SqlServerToAzureSqlMigration } from "../../components";

const config = new pulumi.Config();

const migration = new SqlServerToAzureSqlMigration("sales", {
  subscriptionId: config.require("subscriptionId"),
  resourceGroupName: config.require("resourceGroupName"),
  location: config.require("location"),
  service: { virtualSubnetId: config.require("virtualSubnetId"), skuName: config.get("skuName") ?? "Standard_4vCores" },
  migration: {
    mode: "offline",
    source: { server: config.require("sourceServer"), userName: config.require("sourceUser"), password: config.requireSecret("sourcePassword") },
    target: { server: config.require("targetServer"), userName: config.require("targetUser"), password: config.requireSecret("targetPassword") },
    databases: [{ sourceName: config.get("sourceDatabase") ?? "Sales", targetName: config.get("targetDatabase") ?? "SalesDb" }],
    waitTimeoutSeconds: config.getNumber("waitTimeoutSeconds") ?? 3600,
  },
});

export const phase = migration.phase;
export const progress = migration.databaseProgress;
export const errors = migration.errors;
