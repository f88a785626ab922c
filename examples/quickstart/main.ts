/**
 * Entry point for `pulumi up` with the Pulumi CLI (the root Pulumi.yaml points here after `npm run build`).
 * Configure it with `pulumi config set` (see examples/quickstart/README.md); passwords with `--secret`.
 *
 * Optional settings, for databases this machine reaches by another route than the migration service does (a
 * tunnel, or the local SQL Server stand-ins of `npm run quickstart:emulator`): `sourceHost`/`sourcePort`,
 * `targetHost`/`targetPort` and `caFile` (a CA to trust, with TDS 8.0 strict encryption) for the schema step and
 * the validation; `outputDirectory` for the reports and the deployment script (default: the project folder).
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { quickstartProgram } from "./program";

const config = new pulumi.Config();
const target = {
  server: config.require("targetServer"),
  userName: config.require("targetUser"),
  password: config.requireSecret("targetPassword"),
};
const databases = config.requireObject<{ sourceName: string; targetName: string }[]>("databases");
const caFile = config.get("caFile");
/** How this machine reaches one side: by the migration's server name, or by the host/port given for it. */
const reach = (side: "source" | "target") => ({
  server: config.get(`${side}Host`) ?? config.require(`${side}Server`),
  ...(config.getNumber(`${side}Port`) !== undefined ? { port: config.getNumber(`${side}Port`) } : {}),
  ...(caFile ? { encrypt: "strict" as const, ca: fs.readFileSync(caFile, "utf8") } : {}),
});
const outputDirectory = config.get("outputDirectory");
const program = quickstartProgram({
  subscriptionId: config.require("subscriptionId"),
  resourceGroupName: config.require("resourceGroupName"),
  location: config.require("location"),
  ...(outputDirectory ? { reportDirectory: path.join(outputDirectory, "report") } : {}),
  migration: {
    source: {
      server: config.require("sourceServer"),
      userName: config.require("sourceUser"),
      password: config.requireSecret("sourcePassword"),
    },
    target,
    databases,
    validation: { source: reach("source"), target: reach("target") },
  },
  // The tables must exist before DMS copies rows: assess, script and deploy them from the source database.
  schema: {
    source: {
      connection: {
        ...reach("source"),
        database: databases[0]!.sourceName,
        authentication: {
          type: "sql",
          user: config.require("sourceUser"),
          password: config.requireSecret("sourcePassword"),
        },
      },
    },
    target: {
      ...reach("target"),
      database: databases[0]!.targetName,
      authentication: { type: "sql", user: target.userName, password: target.password },
    },
    ...(outputDirectory ? { outputDirectory: path.join(outputDirectory, "schema") } : {}),
  },
});
module.exports = program();
