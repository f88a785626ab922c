/** What a handler receives and returns: ARM's view of an HTTP exchange, free of Node's http types. */

export type HttpMethod = "GET" | "HEAD" | "PUT" | "PATCH" | "POST" | "DELETE";

export interface ArmRequest {
  readonly method: HttpMethod;
  /** The decoded path as the client sent it (casing preserved), without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names, as Node delivers them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or undefined when the request had none. */
  readonly body: unknown;
  /** Values of the `{name}` segments of the matched route, in the casing the client sent. */
  readonly params: Readonly<Record<string, string>>;
  /** The api-version query parameter (empty for admin routes, which do not require one). */
  readonly apiVersion: string;
  /** The x-ms-request-id this answer will carry. */
  readonly requestId: string;
}

export interface ArmResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialized as JSON when present; omitted for 204 and HEAD. */
  readonly body?: unknown;
}

export const respond = {
  ok: (body: unknown, headers?: Record<string, string>): ArmResponse => ({ status: 200, body, headers }),
  created: (body: unknown, headers?: Record<string, string>): ArmResponse => ({ status: 201, body, headers }),
  noContent: (headers?: Record<string, string>): ArmResponse => ({ status: 204, headers }),
  notFoundEmpty: (): ArmResponse => ({ status: 404 }),
};

/** The methods ARM treats as writes (what a "no writes during preview" assertion counts). */
export const WRITE_METHODS: ReadonlySet<string> = new Set(["PUT", "PATCH", "POST", "DELETE"]);
