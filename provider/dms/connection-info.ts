import type { SqlConnectionInfo } from "./common-shapes";
import { sqlServerEndpointSchema, type SqlServerEndpoint } from "./migration-spec";

/**
 * SqlConnectionInfo.dataSource is documented as `Protocol:MachineName\SQLServerInstanceName,PortNumber`.
 * We send `server` or `server,port` (no protocol prefix: TCP is the default and what DMS uses).
 */
export function dataSourceFor(endpoint: Pick<SqlServerEndpoint, "server" | "port">): string {
  return endpoint.port === undefined ? endpoint.server : `${endpoint.server},${endpoint.port}`;
}

/** SqlConnectionInfo for SQL authentication, with the password (for PUT bodies only — never log this). */
export function sqlConnectionInfoFor(endpoint: SqlServerEndpoint): SqlConnectionInfo {
  const e = sqlServerEndpointSchema.parse(endpoint);
  return {
    type: "SqlConnectionInfo",
    dataSource: dataSourceFor(e),
    authentication: "SqlAuthentication",
    encryptConnection: e.encrypt,
    trustServerCertificate: e.trustServerCertificate,
    userName: e.userName,
    password: e.password,
  };
}
