import { createHash } from "node:crypto";

/**
 * Deterministic ARM names for classic DMS resources. The lifecycle relies on them: an interrupted `pulumi up`
 * run again must find what the first run created, so the name comes from the Pulumi resource, never from
 * randomness or time.
 *
 * Limits (Azure resource naming rules for Microsoft.DataMigration):
 *   services            2–62 chars, alphanumerics, hyphens, periods, underscores; start with alphanumeric
 *   services/projects   2–57 chars, same characters
 *   …/tasks             not documented; the project rule (2–57) is used, the stricter of the two
 * Names are also kept from ending in a period or hyphen, which ARM rejects for many types.
 */

export type DmsResourceKind = "service" | "project" | "task";

export const DMS_NAME_LIMITS: Readonly<Record<DmsResourceKind, { min: number; max: number }>> = {
  service: { min: 2, max: 62 },
  project: { min: 2, max: 57 },
  task: { min: 2, max: 57 },
};

const VALID_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HASH_LENGTH = 8;

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

/** Whether `name` is valid for `kind` as it stands. */
export function isValidDmsName(kind: DmsResourceKind, name: string): boolean {
  const { min, max } = DMS_NAME_LIMITS[kind];
  return name.length >= min && name.length <= max && VALID_NAME.test(name) && !/[.-]$/.test(name);
}

/**
 * A valid name for `kind` derived from `logicalName`. Valid names are returned unchanged. Otherwise invalid
 * characters become `-`, a leading non-alphanumeric is dropped, and a hash of the *original* text is appended
 * so that two inputs which clean up to the same text (`a b` / `a-b`) still get different names. Too-long
 * names are cut and get the same hash suffix. Same input, same output, on every machine.
 */
export function dmsArmName(kind: DmsResourceKind, logicalName: string): string {
  if (isValidDmsName(kind, logicalName)) return logicalName;
  const { max } = DMS_NAME_LIMITS[kind];
  const suffix = `-${shortHash(logicalName)}`;
  let base = logicalName
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/-{2,}/g, "-");
  base = base.slice(0, max - suffix.length).replace(/[._-]+$/, "");
  return base ? `${base}${suffix}` : `x${suffix}`;
}

/**
 * A name from a Pulumi URN (`urn:pulumi:<stack>::<project>::<type>::<name>`): the resource's name plus a
 * hash of the whole URN, so the same logical name in two stacks (or projects) sharing a resource group does
 * not collide, while re-running the same stack always finds the same name.
 */
export function dmsArmNameFromUrn(kind: DmsResourceKind, urn: string): string {
  const name = urn.split("::").pop() || urn;
  const { max } = DMS_NAME_LIMITS[kind];
  const suffix = `-${shortHash(urn)}`;
  const cleaned = dmsArmName(kind, name);
  const base = cleaned.slice(0, max - suffix.length).replace(/[._-]+$/, "");
  return `${base || "x"}${suffix}`;
}
