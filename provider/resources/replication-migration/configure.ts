/**
 * Configuring the replication, in order: distributor (local, created under an instance-wide lock, or an existing
 * remote one) → the database enabled for publishing → Log Reader agent → publication → Snapshot agent → one
 * article per table → the target readied (target-preparation) → push subscription → Distribution Agent → the
 * initial snapshot started once. Every step reads what exists first, so this converges from nothing, from a
 * half-finished setup (an interrupted `up`, or one made by hand) and from a finished one alike.
 *
 * What the resource created itself (the distributor, publishing on the database) is recorded twice: in state,
 * and in the publication's description — the publication outlives an `up` killed before its state was saved, so
 * the next `up` that adopts it still knows what is its own to remove.
 */
import {
  enablePublishing,
  ensureArticles,
  ensureLocalDistributor,
  ensureLogReaderAgent,
  ensurePublication,
  ensurePushAgent,
  ensureSnapshotAgent,
  ensureSubscription,
  findPublication,
  listArticles,
  prepareTarget,
  readSnapshotRun,
  readSubscription,
  requireRemoteDistributor,
  startSnapshot,
  withDistributorLock,
  articleNames,
  tableKey,
  type ReplicationTopology,
  type TableName,
} from "../../replication";
import { logInfo } from "../log";
import { publisherSecurity, topologyOf, withAllSessions } from "./connections";
import type { ReplicationMigrationInputs } from "./inputs";

/** Replication objects on the source that this resource created (and so may remove). */
export interface CreatedObjects {
  distributor: boolean;
  publishing: boolean;
}

export interface Configured {
  topology: ReplicationTopology;
  /** The published tables: the publication's articles once configured, else the tables selected. */
  tables: TableName[];
  created: CreatedObjects;
  /** What this pass changed (empty when everything was in place). */
  changes: string[];
}

export class ConfigureError extends Error {
  constructor(
    message: string,
    readonly created: CreatedObjects,
    readonly topology?: ReplicationTopology,
  ) {
    super(message);
  }
}

const MARKER = "pulumi-azure-sql-migration";

export function publicationDescription(created: CreatedObjects): string {
  const parts = [created.distributor ? "distributor" : "", created.publishing ? "publishing" : ""].filter(Boolean);
  return `Migration to Azure SQL Database by ${MARKER} (created: ${parts.join(", ") || "nothing else"})`;
}

export function createdFromDescription(description: string): CreatedObjects {
  const match = description.includes(MARKER) ? /\(created: ([^)]*)\)/.exec(description) : null;
  const list = match?.[1] ?? "";
  return { distributor: /\bdistributor\b/.test(list), publishing: /\bpublishing\b/.test(list) };
}

const LOCK_TIMEOUT_MS = 120_000;

// Longer than ~80 lines on purpose: the replication setup in the order SQL Server requires it, each step guarded by a
// read of what exists; the order is the logic.
/**
 * `selected` are the tables to publish on the first configuration; once `configured`, the publication's own
 * articles are the tables (tables added to the source later are not picked up: list them, which replaces it).
 */
export async function configure(
  inputs: ReplicationMigrationInputs,
  publisher: string,
  selected: readonly TableName[],
  configured: boolean,
  previous?: CreatedObjects,
): Promise<Configured> {
  const created: CreatedObjects = {
    distributor: previous?.distributor ?? false,
    publishing: previous?.publishing ?? false,
  };
  const changes: string[] = [];
  let topology: ReplicationTopology | undefined;
  const note = (change: string) => {
    changes.push(change);
    logInfo(`replication ${inputs.publicationName}: ${change}`);
  };
  try {
    return await withAllSessions(inputs, async (source, distributor, target) => {
      const security = publisherSecurity(inputs);
      let distributionDatabase = inputs.distributor.distributionDatabase;
      if (inputs.distributor.mode === "local") {
        const local = await withDistributorLock(source, LOCK_TIMEOUT_MS, () =>
          ensureLocalDistributor(source, {
            publisher,
            distributionDatabase,
            security,
            ...(inputs.distributor.workingDirectory ? { workingDirectory: inputs.distributor.workingDirectory } : {}),
          }),
        );
        distributionDatabase = local.distributionDatabase;
        if (local.created.includes("distributor")) created.distributor = true;
        if (local.created.length)
          note(
            `configured the local distributor (${local.created.join(", ")}; distribution database ${distributionDatabase})`,
          );
      } else {
        await requireRemoteDistributor(source, inputs.distributor.server!);
      }
      topology = topologyOf(inputs, publisher, distributionDatabase);
      const existing = await findPublication(source, topology);
      if (existing) {
        const recorded = createdFromDescription(existing.description);
        created.distributor ||= recorded.distributor;
        created.publishing ||= recorded.publishing;
      }
      if (await enablePublishing(source, inputs.sourceDatabaseName)) {
        created.publishing = true;
        note(`enabled ${inputs.sourceDatabaseName} for publishing`);
      }
      if (await ensureLogReaderAgent(source, inputs.sourceDatabaseName, security)) note("added the Log Reader agent");
      const createdPublication = await ensurePublication(source, topology, publicationDescription(created));
      if (createdPublication) note(`created publication ${topology.publication}`);
      const tables =
        configured && !createdPublication ? (await listArticles(source, topology)).map((a) => a.source) : [...selected];
      if (await ensureSnapshotAgent(source, topology, security)) note("added the Snapshot agent");
      const added = await ensureArticles(source, topology, tables, inputs.preCreationCommand);
      if (added.length)
        note(`published ${added.length} ${added.length === 1 ? "table" : "tables"} (${added.join(", ")})`);
      const prepared = await prepareTarget(target, tables);
      if (prepared.identities.length || prepared.disabled.length) {
        note(
          `readied the target: NOT FOR REPLICATION on ${prepared.identities.length} identity ${prepared.identities.length === 1 ? "column" : "columns"}, ` +
            `${prepared.disabled.length} constraints/triggers disabled until cutover`,
        );
      }
      const names = articleNames(tables);
      const subscribed = await ensureSubscription(
        source,
        topology,
        tables.map((t) => names.get(tableKey(t))!),
      );
      if (subscribed.length)
        note(`subscribed ${topology.subscriber}/${topology.subscriptionDatabase} (push, ${subscribed.join(", ")})`);
      if (await ensurePushAgent(source, topology, { login: inputs.target.userName, password: inputs.target.password }))
        note("added the push Distribution Agent");
      const articles = await readSubscription(source, topology);
      const initialized = articles.length > 0 && articles.every((a) => a.status === 2);
      if (!initialized && !(await readSnapshotRun(distributor, topology))) {
        await startSnapshot(source, topology);
        note("started the initial snapshot");
      }
      return { topology, tables, created, changes };
    });
  } catch (error) {
    throw new ConfigureError((error as Error).message, created, topology);
  }
}
