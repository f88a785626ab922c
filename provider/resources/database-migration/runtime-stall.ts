/**
 * A run that stopped moving because its self-hosted integration runtime went offline mid-copy (the machine was
 * shut down, the runtime service stopped). Azure keeps the run InProgress and carries on once a node is back, so
 * the run is not failed; but an update whose wait budget ran out in that state must say why nothing moved and what
 * to do, rather than report a copy that is merely "running".
 */
import { ArmClient } from "../../arm";
import { parseSqlMigrationServiceId } from "../../dms";
import { fetchSqlMigrationService, readRuntime, runtimeState } from "../sql-migration-service/runtime";
import type { DatabaseMigrationInputs } from "./inputs";

/** Why the run cannot progress when its service's runtime is not Online; undefined when it is (or is unknown). */
export async function offlineRuntimeMessage(
  arm: ArmClient,
  inputs: DatabaseMigrationInputs,
  migrationOperationId: string | undefined,
): Promise<string | undefined> {
  const address = parseSqlMigrationServiceId(inputs.migrationServiceId);
  if (!address) return undefined;
  const service = await fetchSqlMigrationService(arm, address);
  const state = runtimeState(service);
  if (!service || state === "Online") return undefined;
  const nodes = (await readRuntime(arm, address)).nodes;
  const nodeList = nodes.length
    ? nodes.map((n) => `${n.nodeName} (${n.status ?? "status unknown"})`).join(", ")
    : "none";
  return [
    `the migration of ${inputs.sourceDatabaseName} → ${inputs.targetDatabaseName} made no progress within ` +
      `${inputs.waitTimeoutSeconds}s: the integration runtime of sqlMigrationService ${address.serviceName} is ${state} ` +
      `(nodes: ${nodeList}), and the copy runs only through an online self-hosted integration runtime node.`,
    "To go on: start the Microsoft Integration Runtime service on a node (or register a new node with authKey1 of " +
      `the service), then run \`pulumi up\` again: it follows the same run ${migrationOperationId ?? "(validating)"}, ` +
      "which Azure resumes where it stopped.",
  ].join("\n");
}
