/**
 * Opening and closing connections through mssql. Every SQL operation of the provider runs inside
 * `withConnection`, which owns the connection's whole life: open, run, close, and turn any driver
 * error into a SqlError that carries no secret.
 *
 * mssql is required lazily inside the functions: this module is loaded by Pulumi dynamic providers,
 * which should not pay for the driver until a SQL operation actually runs.
 */
import type * as Mssql from "mssql";
import { SqlConnectionSpec, secretsOf } from "./connection-spec";
import { getAzureSqlAccessToken } from "./entra-token";
import { SqlError, toSqlError } from "./errors";
import { MssqlSession, SqlSession } from "./session";
import { TRANSIENT_SQL_ERRORS } from "./transient";

export type { SqlConnectionSpec, SqlAuthentication } from "./connection-spec";
export type { SqlSession } from "./session";

const DEFAULT_PORT = 1433;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
const APP_NAME = "pulumi-azure-sql-migration";

/** mssql's pool option that @types/mssql does not declare yet. */
type PoolConfig = Mssql.config & { validateConnection?: boolean };

/**
 * The mssql configuration for a spec. `accessToken` is required for the Entra ID kinds and is the
 * token to present (resolved by `resolveAccessToken`). Pure: no I/O, so it is unit-testable.
 */
export function buildMssqlConfig(spec: SqlConnectionSpec, accessToken?: string): PoolConfig {
  const config: PoolConfig = {
    server: spec.server,
    port: spec.port ?? DEFAULT_PORT,
    database: spec.database,
    connectionTimeout: spec.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    requestTimeout: spec.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // One connection per operation: the provider runs statements one after another.
    pool: { min: 0, max: 1 },
    // The pool would otherwise send `SELECT 1` before every query to validate a connection that this
    // short-lived, single-connection pool has only just opened: one extra round trip per statement.
    validateConnection: false,
    options: {
      encrypt: spec.encrypt ?? true,
      trustServerCertificate: spec.trustServerCertificate ?? false,
      appName: APP_NAME,
      ...(spec.ca ? { cryptoCredentialsDetails: { ca: spec.ca } } : {}),
      ...(spec.hostNameInCertificate ? { serverName: spec.hostNameInCertificate } : {}),
    },
  };
  const auth = spec.authentication;
  if (auth.type === "sql") {
    config.user = auth.user;
    config.password = auth.password;
  } else {
    if (!accessToken) throw new Error(`an access token is required for ${auth.type} authentication`);
    config.authentication = { type: "azure-active-directory-access-token", options: { token: accessToken } };
  }
  return config;
}

async function resolveAccessToken(spec: SqlConnectionSpec): Promise<string | undefined> {
  const auth = spec.authentication;
  if (auth.type === "entra-token") return auth.token;
  if (auth.type === "entra-default") {
    try {
      return await getAzureSqlAccessToken({ managedIdentityClientId: auth.managedIdentityClientId });
    } catch (error) {
      throw new SqlError({
        kind: "login",
        message: `could not get a Microsoft Entra ID token for Azure SQL: ${(error as Error).message}`,
      });
    }
  }
  return undefined;
}

/** The server's own ERROR tokens during login (number 18456, its state and server), which mssql does not keep. */
interface LoginMessage {
  number: number;
  state: number;
  class: number;
  message: string;
  serverName: string;
}

/**
 * Opens a connection, runs `fn` with a session on it and closes it, whatever happens. Errors from
 * connecting or from the session are SqlErrors scrubbed of the password/token.
 */
export async function withConnection<T>(spec: SqlConnectionSpec, fn: (session: SqlSession) => Promise<T>): Promise<T> {
  const secrets = secretsOf(spec);
  const where = `${spec.server}${spec.port ? `:${spec.port}` : ""}/${spec.database}`;
  const sql = require("mssql") as typeof Mssql;

  let accessToken: string | undefined;
  try {
    accessToken = await resolveAccessToken(spec);
  } catch (error) {
    throw toSqlError(error, secrets);
  }
  if (accessToken) secrets.push(accessToken);

  const loginMessages: LoginMessage[] = [];
  const config = buildMssqlConfig(spec, accessToken);
  config.beforeConnect = (connection) => {
    connection.on("errorMessage", (token: LoginMessage) => loginMessages.push(token));
  };
  const pool = new sql.ConnectionPool(config);
  // A pool emits 'error' for idle-connection failures; without a listener that would crash the process.
  pool.on("error", () => undefined);

  try {
    await pool.connect();
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw loginFailure(error, loginMessages, secrets, where);
  }
  try {
    // A login refused inside a request (the pool connecting again) is mapped with the server's login messages.
    const mapError = (error: unknown) =>
      (error as { code?: unknown })?.code === "ELOGIN"
        ? loginFailure(error, loginMessages.splice(0), secrets, where)
        : toSqlError(error, secrets);
    return await fn(new MssqlSession(pool, secrets, mapError));
  } finally {
    await pool.close().catch(() => undefined);
  }
}

function loginFailure(error: unknown, messages: LoginMessage[], secrets: string[], where: string): SqlError {
  const mapped = toSqlError(error, secrets, `cannot connect to ${where}`);
  // The last ERROR token of a failed login is the 18456 one; the earlier ones say why (e.g. 4060). A transient
  // reason (a database failing over) is the number to keep: it is what makes the login worth retrying.
  const token = messages.find((m) => TRANSIENT_SQL_ERRORS.has(m.number)) ?? messages[messages.length - 1];
  if (!token) return mapped;
  return new SqlError({
    kind: "login",
    message: mapped.message,
    number: token.number,
    state: token.state,
    severity: token.class,
    server: token.serverName || undefined,
    code: mapped.code,
  });
}
