/**
 * The replication engine's flow for the reliability suites: two TDS test servers (a SQL Server source with the
 * replication simulator as publisher and local distributor, an Azure SQL target as push subscriber), the
 * quickstart program with engine "replication" and its schema step, and one test stack. The same world as
 * test/integration/replication.test.ts, kept here so reliability suites can kill and scan it on their own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { quickstartProgram, type QuickstartSettings } from "../../../examples/quickstart/program";
import { packageRoot } from "../../../examples/runner/local-workspace";
import { createTestStack, type TestStack } from "../engine";
import { attachReplicationSimulator, type ReplicationSimulator } from "../replication";
import { replicationMigration } from "../replication-settings";
import { startTdsTestServer, type DataTable, type TdsTestServer } from "../tds";

const SOURCE = { user: "migrator", password: "S0urce-Pa55-replication-flow" };
const TARGET = { user: "azadmin", password: "T4rget-Pa55-replication-flow" };
const SUBSCRIBER = "sales-target.database.windows.net";
const TABLES: Record<string, number> = { "dbo.Customers": 120, "Sales.Orders": 400, "Sales.OrderLines": 250 };

/** Every password the flow uses, by name, for secret scans. */
export const REPLICATION_PASSWORDS = { sourcePassword: SOURCE.password, targetPassword: TARGET.password };

export interface ReplicationFlow {
  source: TdsTestServer;
  target: TdsTestServer;
  sim: ReplicationSimulator;
  stack: TestStack;
  reportDirectory: string;
  /** The statement the cutover's stopWrites step runs on the source. */
  stopWritesHook: string;
  /** Quickstart settings: online replication with the schema step; `migration` overrides, a target password. */
  settings(migration?: Record<string, unknown>, targetPassword?: string): QuickstartSettings;
  program(migration?: Record<string, unknown>, targetPassword?: string): PulumiFn;
  stop(): Promise<void>;
}

function table(rows: number): DataTable {
  return {
    columns: ["Id", "Name"],
    primaryKey: [{ column: "Id", type: "int" }],
    rows: Array.from({ length: rows }, (_, i) => [i + 1, `row ${i + 1}`]),
  };
}

export async function startReplicationFlow(name: string): Promise<ReplicationFlow> {
  const reportDirectory = path.join(packageRoot(), ".work", `${name}-report`);
  fs.rmSync(reportDirectory, { recursive: true, force: true });
  const [source, target] = await Promise.all([
    startTdsTestServer({ logins: [SOURCE] }),
    startTdsTestServer({ logins: [TARGET] }),
  ]);
  for (const [qualified, rows] of Object.entries(TABLES)) {
    const [schema, tableName] = qualified.split(".") as [string, string];
    source.data.set(schema, tableName, table(rows));
    // What the schema step deployed: the tables exist on the target, empty.
    target.data.set(schema, tableName, table(0));
  }
  const sim = attachReplicationSimulator({
    source,
    target,
    sourceDatabase: "Sales",
    targetDatabase: "SalesDb",
    subscriberName: SUBSCRIBER,
    tickMs: 25,
  });
  sim.identity("Sales.Orders", "Id");
  sim.sequence("dbo.InvoiceNumbers", 1042n);
  sim.tableObject("Sales.OrderLines", "FK_OrderLines_Orders", "FOREIGN KEY");
  sim.tableObject("Sales.Orders", "trg_Orders_Audit", "TRIGGER");

  const settings = (migration: Record<string, unknown> = {}, targetPassword = TARGET.password) =>
    ({
      engine: "replication",
      reportDirectory,
      schema: {
        source: { scriptPath: path.join(packageRoot(), "examples", "quickstart", "schema") },
        target: {
          server: SUBSCRIBER,
          database: "SalesDb",
          authentication: { type: "sql", user: TARGET.user, password: targetPassword },
        },
        deploy: false,
        outputDirectory: path.join(reportDirectory, "schema"),
      },
      migration: replicationMigration(
        {
          source,
          target,
          sourceLogin: SOURCE,
          targetLogin: { ...TARGET, password: targetPassword },
          subscriber: SUBSCRIBER,
        },
        migration,
      ),
    }) as QuickstartSettings;
  const program = (migration?: Record<string, unknown>, targetPassword?: string) =>
    quickstartProgram(settings(migration, targetPassword));
  const stack = await createTestStack({ name, program: program() });
  return {
    source,
    target,
    sim,
    stack,
    reportDirectory,
    stopWritesHook: "/* stop writes */ ALTER DATABASE [Sales] SET RESTRICTED_USER WITH ROLLBACK IMMEDIATE;",
    settings,
    program,
    stop: async () => {
      await stack.dispose().catch(() => undefined);
      sim.stop();
      await Promise.all([source.stop(), target.stop()]);
    },
  };
}
