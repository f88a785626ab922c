/**
 * Entry point for `pulumi up` with your own Pulumi CLI (the root Pulumi.yaml points here after `npm run build`).
 * Configure it with `pulumi config set` (see examples/quickstart/README.md); passwords with `--secret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { quickstartProgram } from "./program";

const config = new pulumi.Config();
const target = { server: config.require("targetServer"), userName: config.require("targetUser"), password: config.requireSecret("targetPassword") };
const databases = config.requireObject<{ sourceName: string; targetName: string }[]>("databases");
const program = quickstartProgram({
  subscriptionId: config.require("subscriptionId"),
  resourceGroupName: config.require("resourceGroupName"),
  location: config.require("location"),
  migration: {
    source: { server: config.require("sourceServer"), userName: config.require("sourceUser"), password: config.requireSecret("sourcePassword") },
    target,
    databases,
  },
  // The tables must exist before DMS copies rows: assess, script and deploy them from the source database.
  schema: {
    source: {
      connection: {
        server: config.require("sourceServer"),
        database: databases[0]!.sourceName,
        authentication: { type: "sql", user: config.require("sourceUser"), password: config.requireSecret("sourcePassword") },
      },
    },
    target: {
      server: target.server,
      database: databases[0]!.targetName,
      authentication: { type: "sql", user: target.userName, password: target.password },
    },
  },
});
module.exports = program();
