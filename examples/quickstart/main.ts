/**
 * Entry point for `pulumi up` with your own Pulumi CLI (the root Pulumi.yaml points here after `npm run build`).
 * Configure it with `pulumi config set` (see examples/quickstart/README.md); passwords with `--secret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { quickstartProgram } from "./program";

const config = new pulumi.Config();
const program = quickstartProgram({
  subscriptionId: config.require("subscriptionId"),
  resourceGroupName: config.require("resourceGroupName"),
  location: config.require("location"),
  virtualSubnetId: config.require("virtualSubnetId"),
  skuName: config.get("skuName"),
  migration: {
    mode: (config.get("mode") as "offline" | "online" | undefined) ?? "offline",
    source: { server: config.require("sourceServer"), userName: config.require("sourceUser"), password: config.requireSecret("sourcePassword") },
    target: { server: config.require("targetServer"), userName: config.require("targetUser"), password: config.requireSecret("targetPassword") },
    databases: config.requireObject<{ sourceName: string; targetName: string }[]>("databases"),
    cutover: config.getBoolean("cutover") ?? false,
  },
});
module.exports = program();
