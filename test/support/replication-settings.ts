/**
 * The quickstart component's `migration` block for an engine test of the replication engine against two TDS test
 * servers (source: publisher and local distributor; target: the push subscriber), with strict TLS trusting each
 * server's CA and a fast follow (polls every 100 ms, a 30 s wait, 10 s of allowed latency). Overrides merge last.
 */
import type { TdsTestServer } from "./tds";

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
