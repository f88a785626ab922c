/**
 * The emulator's resource state: ARM resources keyed by ID without regard to case.
 *
 * ARM treats `/subscriptions/S/resourceGroups/RG` and `/SUBSCRIPTIONS/s/resourcegroups/rg` as the same
 * resource but answers with the casing used when it was created; the store does the same. Reads hand
 * out copies, so a handler cannot change stored state by accident — changes go through put/update.
 */
import { idKey } from "./ids";

/** The common ARM resource envelope; resource-specific data lives under `properties`. */
export interface StoredResource {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
  [extra: string]: unknown;
}

export class ResourceStore {
  private readonly byKey = new Map<string, StoredResource>();

  get(id: string): StoredResource | undefined {
    const found = this.byKey.get(idKey(id));
    return found ? structuredClone(found) : undefined;
  }

  has(id: string): boolean {
    return this.byKey.has(idKey(id));
  }

  /**
   * Creates or replaces a resource. On replace the original ID casing is kept (as ARM does), whatever
   * casing the new copy carries. Returns whether the resource was created.
   */
  put(resource: StoredResource): { created: boolean; resource: StoredResource } {
    const key = idKey(resource.id);
    const existing = this.byKey.get(key);
    const stored = structuredClone(resource);
    if (existing) {
      stored.id = existing.id;
      stored.name = existing.name;
    }
    this.byKey.set(key, stored);
    return { created: !existing, resource: structuredClone(stored) };
  }

  /** Changes a stored resource in place; a no-op (returning undefined) when it no longer exists. */
  update(id: string, change: (resource: StoredResource) => void): StoredResource | undefined {
    const existing = this.byKey.get(idKey(id));
    if (!existing) return undefined;
    change(existing);
    return structuredClone(existing);
  }

  delete(id: string): boolean {
    return this.byKey.delete(idKey(id));
  }

  /** Deletes a resource and everything nested under its ID (a resource group and its resources). */
  deleteTree(id: string): number {
    const key = idKey(id);
    let removed = 0;
    for (const k of [...this.byKey.keys()]) {
      if (k === key || k.startsWith(`${key}/`)) {
        this.byKey.delete(k);
        removed++;
      }
    }
    return removed;
  }

  /**
   * Resources directly inside a collection path, e.g. every service under
   * `/subscriptions/S/resourceGroups/RG/providers/Microsoft.DataMigration/services`.
   */
  listChildren(collectionPath: string): StoredResource[] {
    const prefix = `${idKey(collectionPath)}/`;
    const found: StoredResource[] = [];
    for (const [k, v] of this.byKey) {
      if (k.startsWith(prefix) && !k.slice(prefix.length).includes("/")) found.push(structuredClone(v));
    }
    return found;
  }

  /** Everything, for tests and diagnostics. */
  all(): StoredResource[] {
    return [...this.byKey.values()].map((r) => structuredClone(r));
  }

  clear(): void {
    this.byKey.clear();
  }
}

/** A ready-made state setter for the LRO engine: writes `properties.provisioningState` on one resource. */
export function provisioningStateSetter(store: ResourceStore, id: string): (state: string) => void {
  return (state) => {
    store.update(id, (resource) => {
      resource.properties = { ...(resource.properties ?? {}), provisioningState: state };
    });
  };
}
