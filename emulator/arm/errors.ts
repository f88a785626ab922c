/**
 * The one place every ARM error is made.
 *
 * ARM answers failures with `{ "error": { "code", "message", "target"?, "details"? } }` and a status that
 * clients act on (the Azure SDK retries 429/503, surfaces 4xx, ...). Keeping every code and message here
 * means a handler never invents its own shape, and a message that must match ARM's wording is written once.
 * `target` and `details` are written only when an error has them: clients read them (an SDK's
 * auto-registration policy takes the namespace from `error.details[0].target`), and an empty `details`
 * array is not what ARM sends for the common case.
 */

/** The body inside ARM's error envelope (common-types ErrorDetail, trimmed to what we use). */
export interface ArmErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorDetail[];
}

/** The optional parts of ErrorDetail: what the error is about, and the errors behind it. */
export interface ArmErrorExtras {
  target?: string;
  details?: readonly ArmErrorDetail[];
}

/**
 * What the emulator answers with a failure: a handler throws it and the pipeline turns it into ARM's status,
 * headers and error envelope (the server side; the provider's client-side error is provider/arm ArmError).
 */
export class ArmErrorResponse extends Error {
  readonly target?: string;
  readonly details?: readonly ArmErrorDetail[];

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After on 429/503 or WWW-Authenticate on 401. */
    readonly headers: Readonly<Record<string, string>> = {},
    extras: ArmErrorExtras = {},
  ) {
    super(message);
    this.name = "ArmErrorResponse";
    if (extras.target !== undefined) this.target = extras.target;
    if (extras.details !== undefined) this.details = extras.details.map((d) => structuredClone(d));
  }

  /** The ErrorDetail inside the envelope: code and message, target and details only when present. */
  toDetail(): ArmErrorDetail {
    const detail: ArmErrorDetail = { code: this.code, message: this.message };
    if (this.target !== undefined) detail.target = this.target;
    if (this.details !== undefined) detail.details = this.details.map((d) => structuredClone(d));
    return detail;
  }

  /** The response body ARM would send. */
  toEnvelope(): { error: ArmErrorDetail } {
    return { error: this.toDetail() };
  }
}

/** Builds any ARM error; the named builders below are the ones ARM itself uses. */
export function armErrorResponse(
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
  extras: ArmErrorExtras = {},
): ArmErrorResponse {
  return new ArmErrorResponse(status, code, message, headers, extras);
}

// ARM sends a Bearer challenge with its 401s; clients (and CAE handling in the Azure SDK) read it.
function bearerChallenge(description: string): Record<string, string> {
  return {
    "WWW-Authenticate":
      `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", ` +
      `error_description="${description}"`,
  };
}

/** Named errors, worded as ARM words them, so handlers and tests agree on code and message. */
export const armErrors = {
  missingApiVersion: () =>
    armErrorResponse(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    ),

  authenticationFailed: () =>
    armErrorResponse(
      401,
      "AuthenticationFailed",
      "Authentication failed. The 'Authorization' header is missing.",
      bearerChallenge("The authentication failed because of missing 'Authorization' header."),
    ),

  invalidAuthenticationToken: () =>
    armErrorResponse(
      401,
      "InvalidAuthenticationToken",
      "The access token is invalid.",
      bearerChallenge("The access token is invalid."),
    ),

  invalidSubscriptionId: (subscriptionId: string) =>
    armErrorResponse(
      400,
      "InvalidSubscriptionId",
      `The provided subscription identifier '${subscriptionId}' is malformed or invalid.`,
    ),

  subscriptionNotFound: (subscriptionId: string) =>
    armErrorResponse(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`),

  invalidResourceNamespace: (namespace: string) =>
    armErrorResponse(404, "InvalidResourceNamespace", `The resource namespace '${namespace}' is invalid.`),

  // ARM repeats the error as details[0] with the namespace as target; SDK auto-registration policies
  // (Azure SDK for .NET/Python/Go) read the namespace to register from there.
  missingSubscriptionRegistration: (namespace: string) => {
    const message =
      `The subscription is not registered to use namespace '${namespace}'. ` +
      "See https://aka.ms/rps-not-found for how to register subscriptions.";
    return armErrorResponse(
      409,
      "MissingSubscriptionRegistration",
      message,
      {},
      {
        details: [{ code: "MissingSubscriptionRegistration", target: namespace, message }],
      },
    );
  },

  /** An api-version the resource type does not serve: ARM's answer before the request reaches the RP. */
  noRegisteredProviderFound: (resourceType: string, apiVersion: string, supported: readonly string[]) =>
    armErrorResponse(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for API version '${apiVersion}' and type '${resourceType}'. ` +
        `The supported api-versions are '${supported.join(", ")}'.`,
    ),

  resourceGroupNotFound: (resourceGroupName: string) =>
    armErrorResponse(404, "ResourceGroupNotFound", `Resource group '${resourceGroupName}' could not be found.`),

  resourceGroupBeingDeleted: (resourceGroupName: string) =>
    armErrorResponse(
      409,
      "ResourceGroupBeingDeleted",
      `The resource group '${resourceGroupName}' is in deprovisioning state and cannot perform this operation.`,
    ),

  invalidResourceGroupLocation: (resourceGroupName: string, requested: string, existing: string) =>
    armErrorResponse(
      409,
      "InvalidResourceGroupLocation",
      `Invalid resource group location '${requested}'. The Resource group already exists in location '${existing}'.`,
    ),

  resourceNotFound: (resourceType: string, resourceName: string, resourceGroupName: string) =>
    armErrorResponse(
      404,
      "ResourceNotFound",
      `The Resource '${resourceType}/${resourceName}' under resource group '${resourceGroupName}' was not found. ` +
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    ),

  /** A PUT that would move an existing resource to another region. */
  invalidResourceLocation: (resourceName: string, resourceGroupName: string, existing: string, requested: string) =>
    armErrorResponse(
      400,
      "InvalidResourceLocation",
      `The resource '${resourceName}' already exists in location '${existing}' in resource group '${resourceGroupName}'. ` +
        `A resource with the same name cannot be created in location '${requested}'. Please select a new resource name.`,
    ),

  /** A nested resource whose parent does not exist (e.g. a database of a missing server). */
  parentResourceNotFound: (parent: string) =>
    armErrorResponse(
      404,
      "ParentResourceNotFound",
      `Can not perform requested operation on nested resource. Parent resource '${parent}' not found.`,
    ),

  invalidRequestContent: (detail: string) =>
    armErrorResponse(
      400,
      "InvalidRequestContent",
      `The request content was invalid and could not be deserialized: '${detail}'.`,
    ),

  /** A request body that parsed but does not satisfy the resource's schema. */
  invalidRequestBody: (detail: string) => armErrorResponse(400, "InvalidRequestContent", detail),

  locationRequired: () =>
    armErrorResponse(400, "LocationRequired", "The location property is required for this definition."),

  /** No handler serves this path: the emulator's stand-in for ARM's unknown resource type answer. */
  noRoute: (method: string, path: string) =>
    armErrorResponse(404, "InvalidResourceType", `The emulator has no handler for '${method} ${path}'.`),

  methodNotAllowed: (method: string, allowed: readonly string[]) =>
    armErrorResponse(
      405,
      "MethodNotAllowed",
      `The HTTP method '${method}' is not supported. Allowed: ${allowed.join(", ")}.`,
      {
        Allow: allowed.join(", "),
      },
    ),

  operationNotFound: (operationId: string) =>
    armErrorResponse(404, "OperationNotFound", `The operation '${operationId}' could not be found.`),

  tooManyRequests: (retryAfterSeconds: number) =>
    armErrorResponse(
      429,
      "TooManyRequests",
      `The request is being throttled. Please try again after '${retryAfterSeconds}' seconds.`,
      { "Retry-After": String(retryAfterSeconds) },
    ),

  internalServerError: (requestId: string) =>
    armErrorResponse(
      500,
      "InternalServerError",
      `Encountered internal server error. Diagnostic information: tracking id '${requestId}'.`,
    ),

  serviceUnavailable: (retryAfterSeconds?: number) =>
    armErrorResponse(
      503,
      "ServiceUnavailable",
      "The service is temporarily unavailable. Please try again later.",
      retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
    ),
} as const;
