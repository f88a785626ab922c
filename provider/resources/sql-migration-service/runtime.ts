/**
 * The self-hosted integration runtime (SHIR) a sqlMigrationService copies data through. It is installed and
 * registered out of band, on a Windows machine near the source, with one of the service's auth keys; an update
 * can only wait for it and, when it does not come, say exactly what to do.
 */
import { ArmClient, waitUntil } from "../../arm";
import {
  integrationRuntimeMonitoringDataSchema,
  parseDms,
  SQL_MIGRATION_API_VERSION,
  sqlMigrationServicePath,
  sqlMigrationServiceSchema,
  type SqlMigrationService,
  type SqlMigrationServiceAddress,
} from "../../dms";

export interface RuntimeNode {
  nodeName: string;
  status?: string;
  version?: string;
  concurrentJobsLimit?: number;
  concurrentJobsRunning?: number;
}

export interface RuntimeReading {
  integrationRuntimeName: string;
  nodes: RuntimeNode[];
}

const SHIR_DOWNLOAD = "https://www.microsoft.com/download/details.aspx?id=39717";

export async function fetchSqlMigrationService(
  arm: ArmClient,
  address: SqlMigrationServiceAddress,
): Promise<SqlMigrationService | undefined> {
  const body = await arm.find(sqlMigrationServicePath(address), SQL_MIGRATION_API_VERSION);
  return body === undefined ? undefined : parseDms(sqlMigrationServiceSchema, body, "SqlMigrationService");
}

export function runtimeState(service: SqlMigrationService | undefined): string {
  return service?.properties.integrationRuntimeState || "Unknown";
}

/** The registered nodes, from listMonitoringData (status and version are extra node properties). */
export async function readRuntime(arm: ArmClient, address: SqlMigrationServiceAddress): Promise<RuntimeReading> {
  const body = await arm.post(`${sqlMigrationServicePath(address)}/listMonitoringData`, SQL_MIGRATION_API_VERSION);
  const data = parseDms(integrationRuntimeMonitoringDataSchema, body, "IntegrationRuntimeMonitoringData");
  return {
    integrationRuntimeName: data.name ?? "default-ir",
    nodes: data.nodes.map((node) => {
      const extra = node.additionalProperties ?? {};
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      const status = node.status ?? text(extra["status"]);
      const version = node.version ?? text(extra["version"]);
      return {
        nodeName: node.nodeName ?? "?",
        ...(status ? { status } : {}),
        ...(version ? { version } : {}),
        ...(node.concurrentJobsLimit !== undefined ? { concurrentJobsLimit: node.concurrentJobsLimit } : {}),
        ...(node.concurrentJobsRunning !== undefined ? { concurrentJobsRunning: node.concurrentJobsRunning } : {}),
      };
    }),
  };
}

/** Polls the service until its runtime is Online or the budget runs out; answers the last state seen. */
export async function waitForRuntimeOnline(
  arm: ArmClient,
  address: SqlMigrationServiceAddress,
  budgetMs: number,
): Promise<SqlMigrationService> {
  const waited = await waitUntil(
    async () => {
      const service = await fetchSqlMigrationService(arm, address);
      if (!service)
        throw new Error(
          `sqlMigrationService ${address.serviceName} disappeared while waiting for its integration runtime`,
        );
      return service;
    },
    (service) => runtimeState(service) === "Online",
    { timeoutMs: budgetMs, intervalMs: arm.settings.pollIntervalMs },
  );
  return waited.value;
}

/** What to do when no runtime node is online: install, register with a key (where to find it), run up again. */
export function runtimeNotOnlineMessage(
  address: SqlMigrationServiceAddress,
  state: string,
  nodes: RuntimeNode[],
  waitedSeconds?: number,
): string {
  const nodeList = nodes.length
    ? nodes.map((n) => `${n.nodeName} (${n.status ?? "status unknown"})`).join(", ")
    : "none";
  const waited = waitedSeconds === undefined ? "" : ` after waiting ${waitedSeconds}s`;
  return [
    `the integration runtime of sqlMigrationService ${address.serviceName} is ${state}${waited}: ` +
      `no self-hosted integration runtime (SHIR) node is registered and online (nodes: ${nodeList}). To go on:`,
    `  1. install the Microsoft Integration Runtime (${SHIR_DOWNLOAD}) on a Windows machine that reaches the source SQL Server and Azure;`,
    `  2. register it with authKey1 of this service — the secret output authKey1 of the SqlMigrationService resource, or ` +
      `\`az datamigration sql-service list-auth-key --resource-group ${address.resourceGroupName} --name ${address.serviceName}\` — ` +
      "e.g. `az datamigration register-integration-runtime --auth-key <key>` on that machine;",
    "  3. run `pulumi up` again: it continues from here.",
  ].join("\n");
}
