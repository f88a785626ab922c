/**
 * What the classic service never gives back: a ConnectionInfo's `password` (the Tasks_CreateOrUpdate example
 * answers the input without it) and the `encryptedKeyForSecureFields` of newer task inputs. The request shapes
 * (spec-shapes.ts) admit no other credential, so these are the only fields removed before a body is stored.
 */
const SECRET_FIELDS = new Set(["password", "encryptedKeyForSecureFields"]);

/** A deep copy of `body` without secret fields. */
export function withoutSecrets<T>(body: T): T {
  return strip(body) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_FIELDS.has(key))
      .map(([key, inner]) => [key, strip(inner)]),
  );
}
