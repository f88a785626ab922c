import * as pulumi from "@pulumi/pulumi";
import { SqlServerToAzureSqlMigration } from "pulumi-azure-sql-migration";

const config = new pulumi.Config();
const source = { server: config.require("sourceServer"), userName: config.require("sourceUser"), password: config.requireSecret("sourcePassword") };
const target = { server: config.require("targetServer"), userName: config.require("targetUser"), password: config.requireSecret("targetPassword") };
const databases = [{ sourceName: config.require("sourceDatabase"), targetName: config.require("targetDatabase") }];
const azure = { subscriptionId: config.require("subscriptionId"), resourceGroupName: config.require("resourceGroupName"), location: config.require("location") };
// Checks after the copy: exact row counts (default), "checksum" per key range, or "none". Bump `retry` after a failure.
const policy = { validation: { depth: config.get<"rowCount" | "checksum" | "none">("validation") ?? "rowCount" }, retry: config.getNumber("retry") ?? 0 };

const migration =
  config.get("engine") === "dmsClassic"
    ? // DMS (classic), retired by Microsoft, kept for existing services: online until `cutover: true` completes it.
      new SqlServerToAzureSqlMigration("sales", {
        ...azure,
        engine: "dmsClassic",
        service: { virtualSubnetId: config.require("dmsSubnetId"), skuName: "Premium_4vCores" },
        migration: { mode: "online", cutover: config.getBoolean("cutover") ?? false, source, target, databases, ...policy },
      })
    : // The current DMS (default): the schema from the scripts in database/ first, then an offline copy.
      new SqlServerToAzureSqlMigration("sales", {
        ...azure,
        schema: {
          source: { scriptPath: "database" },
          target: { server: target.server, database: databases[0]!.targetName, authentication: { type: "sql", user: target.userName, password: target.password } },
          deploy: config.getBoolean("deploySchema") ?? true,
        },
        migration: { source, target, databases, ...policy },
      });

export const phase = migration.phase; // readyForCutover, completed, validated, validationFailed, failed, ...
export const progress = migration.databaseProgress; // per database: phase, rows, tables per state
export const authKey1 = migration.authKey1; // registers the self-hosted integration runtime (a secret)
