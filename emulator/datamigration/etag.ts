/** A strong entity tag derived from the content, so an unchanged resource keeps its etag across reads. */
import { createHash } from "node:crypto";

export function etagOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("base64");
}
