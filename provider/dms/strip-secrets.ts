/**
 * Removes credentials from any Microsoft.DataMigration body (task, project, service, command) before it is
 * logged, stored in Pulumi state, or returned by the emulator. Removing (rather than masking) is what the
 * service itself does: a task GET returns the connection info without `password`.
 *
 * Fields treated as secret, wherever they appear in the tree:
 *  - `password` and any field whose name ends in `password` (ConnectionInfo, FileShare, …)
 *  - `appKey` (AzureActiveDirectoryApp), `sasUri` (BlobShare), `connectionString` (MongoDbConnectionInfo,
 *    which may embed a password), `authenticationKeys` and `*Key`/`*Secret` fields (`primaryKey`, `clientSecret`)
 * `publicKey` is not a secret (it is the service's key used to encrypt secrets) and is kept.
 */

const SECRET_FIELD =
  /(password|secret|^appKey$|^sasUri$|^connectionString$|^authenticationKeys$|^(primary|secondary)Key$|^accountKey$)/i;
const NOT_SECRET = new Set(["publicKey"]);

export function isSecretFieldName(name: string): boolean {
  return !NOT_SECRET.has(name) && SECRET_FIELD.test(name);
}

/** A deep copy of `body` without secret fields. Non-plain values (dates, buffers) are copied by reference. */
export function stripSecrets<T>(body: T): T {
  return strip(body) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretFieldName(key)) continue;
    out[key] = strip(inner);
  }
  return out;
}

/** True when `body` still contains a secret field somewhere (for assertions and defensive checks). */
export function containsSecretField(body: unknown): boolean {
  if (Array.isArray(body)) return body.some(containsSecretField);
  if (body === null || typeof body !== "object") return false;
  return Object.entries(body as Record<string, unknown>).some(
    ([key, inner]) => (isSecretFieldName(key) && inner !== undefined) || containsSecretField(inner),
  );
}
