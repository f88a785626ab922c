/**
 * A deep copy of a model for the generator to apply fixes to. The model is plain JSON by contract (model.ts), so
 * objects and arrays are copied and everything else is shared: strings are immutable, so the copy costs the
 * number of values, not the bytes of text. A JSON round trip re-encoded every module and loose statement: on
 * WideWorldImporters read with its data scripts (10 MB of INSERTs) that was ~110 ms of a ~275 ms generation.
 */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneJson(value[i]);
    return out as T;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      // As JSON.stringify would: an absent optional property stays absent.
      if (v !== undefined) out[key] = cloneJson(v);
    }
    return out as T;
  }
  return value;
}
