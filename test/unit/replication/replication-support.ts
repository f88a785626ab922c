/**
 * A source and a target TDS test server with the replication simulator plugged in, and the adapter's view of
 * them (connection specs, topology), for the unit tests of provider/replication through the real mssql driver.
 */
import type { ReplicationTopology } from "../../../provider/replication";
import type { SqlConnectionSpec } from "../../../provider/sql/connection-spec";
import { withConnection, type SqlSession } from "../../../provider/sql/connection";
import {
  attachReplicationSimulator,
  type ReplicationSimulator,
  type ReplicationSimulatorOptions,
} from "../../support/replication";
import { startTdsTestServer, type DataTable, type TdsTestServer } from "../../support/tds";
import { specFor } from "../sql/tds-connection";

export const SUBSCRIBER = "sales-target.database.windows.net";
export const SOURCE_LOGIN = { user: "migrator", password: "Src-Pa55-unit;replication" };
export const TARGET_LOGIN = { user: "azadmin", password: "Tgt-Pa55-unit;replication" };

export interface Servers {
  source: TdsTestServer;
  target: TdsTestServer;
  sim: ReplicationSimulator;
  sourceSpec: SqlConnectionSpec;
  targetSpec: SqlConnectionSpec;
  topology: ReplicationTopology;
  onSource<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  onTarget<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Waits (polling the simulator's state) until `condition` holds. */
  until(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function table(rows: number, start = 1): DataTable {
  return {
    columns: ["Id", "Name"],
    primaryKey: [{ column: "Id", type: "int" }],
    rows: Array.from({ length: rows }, (_, i) => [start + i, `row ${start + i}`]),
  };
}

export async function startServers(options: Partial<ReplicationSimulatorOptions> = {}): Promise<Servers> {
  const [source, target] = await Promise.all([
    startTdsTestServer({ logins: [SOURCE_LOGIN] }),
    startTdsTestServer({ logins: [TARGET_LOGIN] }),
  ]);
  const sim = attachReplicationSimulator({
    source,
    target,
    sourceDatabase: "Sales",
    targetDatabase: "SalesDb",
    subscriberName: SUBSCRIBER,
    tickMs: 20,
    ...options,
  });
  const sourceSpec = specFor(source, { database: "Sales", authentication: { type: "sql", ...SOURCE_LOGIN } });
  const targetSpec = specFor(target, { database: "SalesDb", authentication: { type: "sql", ...TARGET_LOGIN } });
  return {
    source,
    target,
    sim,
    sourceSpec,
    targetSpec,
    topology: {
      publisher: sim.settings.serverName,
      publicationDatabase: "Sales",
      publication: "pulumi_sales_Sales",
      distributionDatabase: "distribution",
      subscriber: SUBSCRIBER,
      subscriptionDatabase: "SalesDb",
    },
    onSource: (work) => withConnection(sourceSpec, work),
    onTarget: (work) => withConnection(targetSpec, work),
    until: async (condition, what, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop: async () => {
      sim.stop();
      await Promise.all([source.stop(), target.stop()]);
    },
  };
}
