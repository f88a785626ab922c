/**
 * How the unit tests reach the TDS test server: TDS 8.0 strict encryption with certificate
 * validation on, trusting only the test CA (no trustServerCertificate anywhere).
 */
import type { SqlConnectionSpec } from "../../../provider/sql/connection-spec";
import { DEFAULT_TEST_LOGIN, type TdsTestServer } from "../../../emulator/sql-server";

export function specFor(server: TdsTestServer, overrides: Partial<SqlConnectionSpec> = {}): SqlConnectionSpec {
  return {
    server: server.host,
    port: server.port,
    database: "SalesDb",
    authentication: { type: "sql", user: DEFAULT_TEST_LOGIN.user, password: DEFAULT_TEST_LOGIN.password },
    encrypt: "strict",
    ca: server.caPem,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 10_000,
    ...overrides,
  };
}
