/** Identifier helpers shared by the pipeline and the handlers. */
import { randomUUID } from "node:crypto";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function newGuid(): string {
  return randomUUID();
}

/** ARM compares resource IDs and path segments without regard to case; this is the comparison key. */
export function idKey(id: string): string {
  return id.toLowerCase().replace(/\/+$/, "");
}

/** The last segment of a resource ID (its name). */
export function nameOf(id: string): string {
  const segments = id.replace(/\/+$/, "").split("/");
  return segments[segments.length - 1] ?? "";
}

/** ARM writes regions in their short form in answers and compares them that way: "West Europe" → "westeurope". */
export function normalizeLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}
