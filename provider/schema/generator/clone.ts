import type { DatabaseModel } from "../model";

/**
 * A deep copy of part of a model (an object a fix changes, see modelForFixes; the options). The model is plain
 * JSON by contract (model.ts), so objects and arrays are copied and everything else is shared: strings are
 * immutable, so the copy costs the number of values, not the bytes of text. A JSON round trip re-encoded every
 * module and loose statement: on WideWorldImporters read with its data scripts (10 MB of INSERTs) that was
 * ~110 ms of a ~275 ms generation.
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

/**
 * The copy of a model the generator applies the fixes to: a model object with lists and options of its own,
 * sharing the objects in the lists with the source. A fix changes an object by putting a changed copy in its
 * list (RuleFix), so the source is never touched, and the objects no fix changes (nearly all of them) are not
 * copied: a deep copy of a 50k-object catalog, with the garbage collection it caused, was about a fifth of script
 * generation. Treat both models as read-only: what is not copied is shared.
 */
export function modelForFixes(source: DatabaseModel): DatabaseModel {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const v = (source as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out[key] = Array.isArray(v) ? v.slice() : cloneJson(v);
  }
  return out as unknown as DatabaseModel;
}
