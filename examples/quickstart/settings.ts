/**
 * The quickstart stack's settings on the local cloud (runner/local-cloud.ts): shared by `npm run quickstart` and
 * the reliability suites that run the same migration and look at what it left behind. Reports and the schema
 * step's files go under `workDir`.
 */
import * as path from "path";
import { RESOURCE_GROUP, SOURCE, SUBSCRIPTION, TARGET } from "../runner/local-cloud";
import type { QuickstartSettings } from "./program";

export interface Endpoint {
  port: number;
  caPem: string;
}

/**
 * The stack: the source and target as the migration service reaches them by name; the schema step and the
 * validation reach the local stand-ins where they listen (as a pipeline reaches databases by its own route).
 */
export function quickstartSettings(source: Endpoint, target: Endpoint, workDir: string): QuickstartSettings {
  const local = (e: Endpoint) => ({ server: "127.0.0.1", port: e.port, encrypt: "strict" as const, ca: e.caPem });
  return {
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    reportDirectory: path.join(workDir, "report"),
    service: { runtimeWaitTimeoutSeconds: 120 },
    // The schema step of the guide: read the source's schema, assess it for Azure SQL Database, deploy it to the
    // target and read it back; the data move waits for it.
    schema: {
      source: {
        connection: {
          ...local(source),
          database: "Sales",
          authentication: { type: "sql", user: SOURCE.userName, password: SOURCE.password },
        },
      },
      target: {
        ...local(target),
        database: "SalesDb",
        authentication: { type: "sql", user: TARGET.userName, password: TARGET.password },
      },
      outputDirectory: path.join(workDir, "schema"),
    },
    migration: {
      source: SOURCE,
      target: TARGET,
      databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
      progressLogIntervalSeconds: 2,
      validation: { depth: "rowCount", source: local(source), target: local(target) },
    },
  };
}
