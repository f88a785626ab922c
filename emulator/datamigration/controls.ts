/**
 * The in-process API a test uses to stage the simulated Database Migration Service: which SQL Servers it can
 * reach, what goes wrong, how fast it works, and what the source's workload writes during an online sync.
 * Time itself is the emulator's clock: start the emulator with a ManualClock and `advance()` it.
 */
import type { ActiveDataMigrationFault, DataMigrationFaultSpec } from "./faults";
import type { SimulationSettings } from "./settings";
import type { SqlServer, SqlServerBackend, SqlServerDefinition } from "./source-catalog";
import type { DataMigrationState } from "./data-migration-state";
import type { NodeRegistration, NodeStatus } from "./sql-migration/integration-runtime";

export interface SourceChange {
  /** Source database and table (`schema.table`; bare means dbo). */
  database: string;
  table: string;
  /** Only tasks reading from this server (any when omitted). */
  server?: string;
  inserts?: number;
  updates?: number;
  deletes?: number;
}

export interface DataMigrationControls {
  servers: {
    /** Adds or replaces a SQL Server (source or target) with its logins, databases, tables and row counts. */
    define(definition: SqlServerDefinition): void;
    /** Serves a host from a backend (the local SQL stand-in): its logins and tables, and the copy writes its rows. */
    attach(host: string, backend: SqlServerBackend, port?: number): void;
    remove(server: string): boolean;
    clear(): void;
    /** The catalog, login names only. */
    list(): Array<Omit<SqlServer, "logins"> & { logins: string[] }>;
  };
  faults: {
    add(spec: DataMigrationFaultSpec): ActiveDataMigrationFault;
    clear(): void;
    list(): ActiveDataMigrationFault[];
  };
  simulation: {
    get(): SimulationSettings;
    set(change: Partial<SimulationSettings>): SimulationSettings;
  };
  /** Source writes captured by running online tasks; returns how many tasks saw them. */
  sourceChanges(change: SourceChange): number;
  /** The self-hosted integration runtimes of the current API's sqlMigrationServices (out of band, as a real SHIR). */
  integrationRuntime: {
    /**
     * A SHIR node registers with an auth key, as RegisterIntegrationRuntime.ps1 does (default name "shir-node-1");
     * the node is Online. The same name again is idempotent. Throws an ArmErrorResponse 400 `InvalidAuthKey` when the key
     * is not a current key of any service (wrong or rotated); the key is never repeated in the error.
     */
    registerNode(authKey: string, nodeName?: string): NodeRegistration;
    /** A registered node stops or comes back: "Online" | "Offline". Throws an ArmErrorResponse 404 `NodeNotFound` when unknown. */
    setNodeStatus(nodeName: string, status: NodeStatus): void;
  };
}

export const DEFAULT_NODE_NAME = "shir-node-1";

export function controlsFor(state: () => DataMigrationState): DataMigrationControls {
  return {
    servers: {
      define: (definition) => void state().catalog.define(definition),
      attach: (host, backend, port) => state().catalog.attach(host, backend, port),
      remove: (server) => state().catalog.remove(server),
      clear: () => state().catalog.clear(),
      list: () => state().catalog.list(),
    },
    faults: {
      add: (spec) => state().faults.add(spec),
      clear: () => state().faults.clear(),
      list: () => state().faults.list(),
    },
    simulation: {
      get: () => state().getSettings(),
      set: (change) => state().setSettings(change),
    },
    sourceChanges: (change) =>
      state().tasks.captureSourceChanges({
        server: change.server,
        database: change.database,
        table: change.table,
        inserts: change.inserts ?? 0,
        updates: change.updates ?? 0,
        deletes: change.deletes ?? 0,
      }),
    integrationRuntime: {
      registerNode: (authKey, nodeName = DEFAULT_NODE_NAME) => state().runtimes.registerNode(authKey, nodeName),
      setNodeStatus: (nodeName, status) => state().runtimes.setNodeStatus(nodeName, status),
    },
  };
}
