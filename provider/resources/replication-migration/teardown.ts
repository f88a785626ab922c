/**
 * Deleting a replication before cutover: every replication object this resource created on the source goes,
 * in the only order SQL Server accepts — subscription → publication (its articles and agents with it) →
 * publishing on the database (when this resource enabled it and no other publication is left) → the local
 * distributor (when this resource created it and nothing else uses it). Objects that existed before are left and
 * named in the log. On the target no row is touched: the constraints and triggers disabled for replication are
 * enabled again and replication's procedures dropped, best effort (an unreachable target is a warning).
 */
import {
  disablePublishing,
  dropPublication,
  dropReplicationLeftovers,
  commonTables,
  dropSubscription,
  enableConstraintsAndTriggers,
  readServerFacts,
  removeLocalDistributor,
  type ReplicationTopology,
} from "../../replication";
import { withConnection } from "../../sql/connection";
import { logInfo, logWarn } from "../log";
import type { CreatedObjects } from "./configure";
import { sourceSpec, targetSpec, topologyOf } from "./connections";
import type { ReplicationMigrationInputs } from "./inputs";

export async function removeReplication(
  inputs: ReplicationMigrationInputs,
  known: { publisher?: string; distributionDatabase?: string },
  created: CreatedObjects,
): Promise<string[]> {
  const done: string[] = [];
  const topology: ReplicationTopology = await withConnection(sourceSpec(inputs), async (source) => {
    const publisher = known.publisher ?? (await readServerFacts(source)).serverName;
    const topology = topologyOf(
      inputs,
      publisher,
      known.distributionDatabase ?? inputs.distributor.distributionDatabase,
    );
    if (await dropSubscription(source, topology))
      done.push(`dropped the subscription of ${topology.subscriber}/${topology.subscriptionDatabase}`);
    if (await dropPublication(source, topology)) done.push(`dropped publication ${topology.publication}`);
    if (created.publishing) {
      const result = await disablePublishing(source, topology.publicationDatabase);
      if (result.disabled) done.push(`disabled publishing on ${topology.publicationDatabase}`);
      else if (result.leftBecause)
        logInfo(`left publishing on ${topology.publicationDatabase} enabled: ${result.leftBecause}`);
    } else {
      logInfo(`left publishing on ${topology.publicationDatabase} as it was: this resource did not enable it`);
    }
    if (created.distributor && inputs.distributor.mode === "local") {
      const removal = await removeLocalDistributor(source, publisher, topology.publicationDatabase);
      if (removal.removed.length) done.push(`removed the local distributor (${removal.removed.join(", ")})`);
      if (removal.leftBecause) logInfo(`left the distributor in place: ${removal.leftBecause}`);
    } else {
      logInfo("left the distributor in place: this resource did not create it");
    }
    return topology;
  });
  try {
    await withConnection(targetSpec(inputs), (target) =>
      withConnection(sourceSpec(inputs), async (source) => {
        const tables = await commonTables(source, target);
        const enabled = await enableConstraintsAndTriggers(target, source, tables);
        if (enabled.length) done.push(`re-enabled ${enabled.length} constraints/triggers on the target`);
        const dropped = await dropReplicationLeftovers(target, topology, tables);
        if (dropped.length) done.push(`dropped replication leftovers on the target (${dropped.join(", ")})`);
      }),
    );
  } catch (error) {
    logWarn(
      `could not tidy the target after removing the replication (its data is untouched either way): ${(error as Error).message}`,
    );
  }
  return done;
}
