/**
 * Typed errors for ARM calls. They carry ARM's error code, message and request id (what support needs) and
 * never a request body, header or token, so they are safe to print in Pulumi's output and state.
 */
/** ARM's ErrorDetail (common-types): what `error.details[]` holds. Kept as the service sent it. */
export interface ArmErrorDetail {
  readonly code?: string;
  readonly message?: string;
  readonly target?: string;
  readonly details?: readonly ArmErrorDetail[];
}

export class ArmError extends Error {
  override readonly name = "ArmError";

  constructor(
    /** ARM's error code, e.g. `MissingSubscriptionRegistration`, or a transport code such as `ECONNRESET`. */
    readonly code: string,
    /** ARM's message, as the service wrote it. */
    readonly armMessage: string,
    /** HTTP status, 0 when no response arrived. */
    readonly statusCode: number,
    /** `x-ms-request-id` of the failing response, when there was one. */
    readonly requestId: string | undefined,
    /** What was being done, e.g. `POST /subscriptions/.../register`. */
    readonly operation: string,
    /** ARM's `error.details`, when the service gave any (e.g. which connection of a migration failed). */
    readonly details?: readonly ArmErrorDetail[],
    /** ARM's `error.target`, when the service gave one. */
    readonly target?: string,
  ) {
    super(
      `${operation} failed: ${code}: ${armMessage}` +
        (statusCode ? ` (HTTP ${statusCode}` : " (no response") +
        (requestId ? `, request id ${requestId})` : ")"),
    );
  }

  get isNotFound(): boolean {
    return this.statusCode === 404;
  }
}

interface ArmErrorBody {
  error?: { code?: unknown; message?: unknown; target?: unknown; details?: unknown };
  code?: unknown;
  message?: unknown;
  target?: unknown;
  details?: unknown;
}

/** `details` and `target` of an error object, when they have the documented types. */
export function errorExtras(inner: { target?: unknown; details?: unknown }): {
  details?: ArmErrorDetail[];
  target?: string;
} {
  return {
    ...(Array.isArray(inner.details) && inner.details.length ? { details: inner.details as ArmErrorDetail[] } : {}),
    ...(typeof inner.target === "string" && inner.target ? { target: inner.target } : {}),
  };
}

/** Reads ARM's `{ error: { code, message } }` envelope (or the bare `{ code, message }` some services return). */
export function armErrorFromResponse(
  operation: string,
  statusCode: number,
  body: unknown,
  requestId: string | undefined,
): ArmError {
  const parsed = (body && typeof body === "object" ? body : {}) as ArmErrorBody;
  const inner = parsed.error ?? parsed;
  const code = typeof inner.code === "string" && inner.code ? inner.code : `HttpStatus${statusCode}`;
  const message =
    typeof inner.message === "string" && inner.message
      ? inner.message
      : typeof body === "string" && body
        ? body.slice(0, 500)
        : "no error message in the response";
  const { details, target } = errorExtras(inner);
  return new ArmError(code, message, statusCode, requestId, operation, details, target);
}

/** Turns a transport failure (connection dropped, DNS, TLS) into an ArmError with the system error code. */
export function armErrorFromTransport(operation: string, error: unknown): ArmError {
  const e = error as { code?: unknown; message?: unknown; statusCode?: unknown; request?: unknown };
  const code = typeof e?.code === "string" ? e.code : "TransportError";
  const message = typeof e?.message === "string" ? e.message : String(error);
  return new ArmError(code, message, typeof e?.statusCode === "number" ? e.statusCode : 0, undefined, operation);
}
