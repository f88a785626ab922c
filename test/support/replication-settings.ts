/**
 * The quickstart component's `migration` block for an engine test of the replication engine against two TDS test
 * servers (source: publisher and local distributor; target: the push subscriber), with strict TLS trusting each
 * server's CA and a fast follow (polls every 100 ms, a 30 s wait, 10 s of allowed latency). Overrides merge last.
 * Also the Sales database both replication suites start from (attachSalesReplication).
 */
import { attachReplicationSimulator, type ReplicationSimulator } from "./replication";
import type { DataTable, TdsTestServer } from "./tds";

export interface Login {
  user: string;
  password: string;
}

export interface ReplicationEnds {
  source: TdsTestServer;
  target: TdsTestServer;
  sourceLogin: Login;
  targetLogin: Login;
  /** The subscriber name replication records (the Azure SQL server's host name). */
  subscriber: string;
}

export function replicationMigration(
  ends: ReplicationEnds,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const { source, target, sourceLogin, targetLogin, subscriber } = ends;
  return {
    source: {
      server: source.host,
      port: source.port,
      userName: sourceLogin.user,
      password: sourceLogin.password,
      encrypt: "strict",
      ca: source.caPem,
    },
    target: {
      server: target.host,
      port: target.port,
      userName: targetLogin.user,
      password: targetLogin.password,
      encrypt: "strict",
      ca: target.caPem,
      subscriber,
    },
    databases: [{ sourceName: "Sales", targetName: "SalesDb" }],
    pollIntervalSeconds: 0.1,
    progressLogIntervalSeconds: 0,
    waitTimeoutSeconds: 30,
    maxLatencySeconds: 10,
    ...overrides,
  };
}

/** The Sales tables both replication suites publish, with their source row counts. */
const SALES_TABLES: Record<string, number> = { "dbo.Customers": 120, "Sales.Orders": 400, "Sales.OrderLines": 250 };

function salesTable(rows: number): DataTable {
  return {
    columns: ["Id", "Name"],
    primaryKey: [{ column: "Id", type: "int" }],
    rows: Array.from({ length: rows }, (_, i) => [i + 1, `row ${i + 1}`]),
  };
}

/**
 * The Sales database on the source with its rows, the same tables empty on the target (what the schema step
 * deployed), and the replication simulator attached to both with the objects a cutover must handle: an identity,
 * a sequence, a foreign key and a trigger.
 */
export function attachSalesReplication(
  source: TdsTestServer,
  target: TdsTestServer,
  subscriber: string,
): ReplicationSimulator {
  for (const [qualified, rows] of Object.entries(SALES_TABLES)) {
    const [schema, tableName] = qualified.split(".") as [string, string];
    source.data.set(schema, tableName, salesTable(rows));
    target.data.set(schema, tableName, salesTable(0));
  }
  const sim = attachReplicationSimulator({
    source,
    target,
    sourceDatabase: "Sales",
    targetDatabase: "SalesDb",
    subscriberName: subscriber,
    tickMs: 25,
  });
  sim.identity("Sales.Orders", "Id");
  sim.sequence("dbo.InvoiceNumbers", 1042n);
  sim.tableObject("Sales.OrderLines", "FK_OrderLines_Orders", "FOREIGN KEY");
  sim.tableObject("Sales.Orders", "trg_Orders_Audit", "TRIGGER");
  return sim;
}
