/**
 * The quickstart stack's settings on the local cloud (local-cloud.ts), shared by `npm run quickstart` and the
 * engine benchmark: reports and the schema script go under `work`.
 */
import * as path from "path";
import type { QuickstartSettings } from "../quickstart/program";
import { SOURCE, SUBSCRIPTION, RESOURCE_GROUP, TARGET } from "./local-cloud";

export interface Endpoint {
  port: number;
  caPem: string;
}

/**
 * The stack: the source and target as the migration service reaches them by name; the schema step and the
 * validation reach the local stand-ins where they listen (as a pipeline reaches databases by its own route).
 */
export function quickstartSettings(work: string, source: Endpoint, target: Endpoint): QuickstartSettings {
  const local = (e: Endpoint) => ({ server: "127.0.0.1", port: e.port, encrypt: "strict" as const, ca: e.caPem });
  return {
    subscriptionId: SUBSCRIPTION,
    resourceGroupName: RESOURCE_GROUP,
    location: "westeurope",
    reportDirectory: path.join(work, "report"),
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
      outputDirectory: path.join(work, "schema"),
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
