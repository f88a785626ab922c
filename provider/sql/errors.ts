/**
 * The one error type of the SQL data plane. It keeps what a person needs to act (the server's
 * error number, state, severity, message, server and procedure) and nothing that could leak a
 * credential: no driver config, no original error object, and a message scrubbed of every secret
 * of the connection spec, so it is safe in Pulumi output, logs and state.
 */
export type SqlErrorKind =
  /** The server refused the login (18456 and friends). */
  | "login"
  /** Network, TLS or timeout while connecting. */
  | "connection"
  /** A statement failed on the server. */
  | "request"
  /** A statement ran past its timeout. */
  | "timeout";

export interface SqlErrorDetails {
  kind: SqlErrorKind;
  message: string;
  /** SQL Server error number, e.g. 18456 (login failed), 2714 (object exists), 208 (invalid object name). */
  number?: number;
  state?: number;
  /** Severity (the ERROR token's class). */
  severity?: number;
  server?: string;
  procedure?: string;
  lineNumber?: number;
  /** Driver code: ELOGIN, ESOCKET, ETIMEOUT, EREQUEST... */
  code?: string;
}

export class SqlError extends Error {
  override readonly name = "SqlError";
  readonly kind: SqlErrorKind;
  readonly number?: number;
  readonly state?: number;
  readonly severity?: number;
  readonly server?: string;
  readonly procedure?: string;
  readonly lineNumber?: number;
  readonly code?: string;

  constructor(details: SqlErrorDetails) {
    super(details.message);
    this.kind = details.kind;
    this.number = details.number;
    this.state = details.state;
    this.severity = details.severity;
    this.server = details.server;
    this.procedure = details.procedure;
    this.lineNumber = details.lineNumber;
    this.code = details.code;
  }
}

/** Replaces every occurrence of each secret with "***" (secrets shorter than 4 characters too). */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join("***");
  }
  return result;
}

interface DriverError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  number?: unknown;
  state?: unknown;
  class?: unknown;
  serverName?: unknown;
  procName?: unknown;
  lineNumber?: unknown;
  originalError?: unknown;
}

const asNumber = (value: unknown): number | undefined => {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
const asString = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

/** Driver codes of a connection that went away: reset or closed by the server, or already closed. */
const LOST_CONNECTION_CODES: ReadonlySet<string> = new Set(["ECONNRESET", "ESOCKET", "ECONNCLOSED", "EPIPE"]);

/**
 * Maps an mssql/tedious error to a SqlError. mssql wraps tedious' error; the server's number and
 * state live on the wrapper for request errors, and on neither for login errors (the message
 * carries them), so both layers are read.
 */
export function toSqlError(error: unknown, secrets: readonly string[], context?: string): SqlError {
  if (error instanceof SqlError) return error;
  const outer = (error ?? {}) as DriverError;
  const inner = (outer.originalError ?? {}) as DriverError;
  const code = asString(outer.code) ?? asString(inner.code);
  const rawMessage = asString(outer.message) ?? asString(inner.message) ?? String(error);
  const number = asNumber(outer.number) ?? asNumber(inner.number);

  let kind: SqlErrorKind;
  if (code === "ELOGIN") kind = "login";
  // A connection lost mid-request reaches mssql as a failed request, but it is the connection that failed.
  else if (code !== undefined && LOST_CONNECTION_CODES.has(code)) kind = "connection";
  else if (code === "ETIMEOUT" && outer.name === "RequestError") kind = "timeout";
  else if (outer.name === "RequestError" || code === "EREQUEST") kind = "request";
  else kind = "connection";

  const message = redact(context ? `${context}: ${rawMessage}` : rawMessage, secrets);
  return new SqlError({
    kind,
    message,
    number,
    state: asNumber(outer.state) ?? asNumber(inner.state),
    severity: asNumber(outer.class) ?? asNumber(inner.class),
    server: asString(outer.serverName) ?? asString(inner.serverName),
    procedure: asString(outer.procName) ?? asString(inner.procName),
    lineNumber: asNumber(outer.lineNumber) ?? asNumber(inner.lineNumber),
    code,
  });
}
