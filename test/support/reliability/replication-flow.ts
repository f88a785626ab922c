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
import type { ReplicationSimulator } from "../replication";
import { attachSalesReplication, replicationMigration } from "../replication-settings";
import { startTdsTestServer, type TdsTestServer } from "../tds";

const SOURCE = { user: "migrator", password: "S0urce-Pa55-replication-flow" };
const TARGET = { user: "azadmin", password: "T4rget-Pa55-replication-flow" };
const SUBSCRIBER = "sales-target.database.windows.net";

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

export async function startReplicationFlow(name: string): Promise<ReplicationFlow> {
  const reportDirectory = path.join(packageRoot(), ".work", `${name}-report`);
  fs.rmSync(reportDirectory, { recursive: true, force: true });
  const [source, target] = await Promise.all([
    startTdsTestServer({ logins: [SOURCE] }),
    startTdsTestServer({ logins: [TARGET] }),
  ]);
  const sim = attachSalesReplication(source, target, SUBSCRIBER);

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
