/** Small helpers every part of the catalog assembly uses: grouping rows, NULL-safe reads, data spaces. */
import type { DataSpaceRef } from "../schema/model";

export const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Groups rows by a key, keeping first-seen order of groups and row order within a group. */
export function groupBy<R, K>(rows: readonly R[], keyOf: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export const str = (value: string | null | undefined): string => value ?? "";
export const num = (value: number | null | undefined): number => value ?? 0;

export function dataSpace(
  name: string | null,
  type: string | null,
  isDefault: boolean | null,
  partitionColumn: string | null,
): DataSpaceRef | undefined {
  if (!name) return undefined;
  if (type?.trim() === "PS") {
    const ref: DataSpaceRef = { kind: "partitionScheme", name };
    if (partitionColumn) ref.partitionColumn = partitionColumn;
    return ref;
  }
  return isDefault ? undefined : { kind: "filegroup", name };
}
