/** A SQL Server endpoint as the resources take it (server, login, TLS settings) made into a connection to one database. */
import type { SqlConnectionSpec } from "../sql/connection-spec";

export interface SqlLoginEndpoint {
  server: string;
  port?: number;
  userName: string;
  password: string;
  encrypt: boolean | "strict";
  trustServerCertificate: boolean;
  ca?: string;
  hostNameInCertificate?: string;
}

export function sqlLoginConnection(
  endpoint: SqlLoginEndpoint,
  database: string,
  overrides: Partial<SqlConnectionSpec> = {},
): SqlConnectionSpec {
  return {
    server: endpoint.server,
    ...(endpoint.port ? { port: endpoint.port } : {}),
    database,
    authentication: { type: "sql", user: endpoint.userName, password: endpoint.password },
    encrypt: endpoint.encrypt,
    trustServerCertificate: endpoint.trustServerCertificate,
    ...(endpoint.ca ? { ca: endpoint.ca } : {}),
    ...(endpoint.hostNameInCertificate ? { hostNameInCertificate: endpoint.hostNameInCertificate } : {}),
    ...overrides,
  };
}
