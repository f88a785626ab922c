/**
 * Values by (kind, key), held as a map of keys per kind: looking a pair up builds no `${kind} ${key}` string (the
 * script generator asks about every object and batch, several times; on a 50k-object catalog those throwaway
 * strings were a good part of its garbage).
 */
export class KindKeyMap<V> {
  private readonly byKind = new Map<string, Map<string, V>>();

  get(kind: string, key: string): V | undefined {
    return this.byKind.get(kind)?.get(key);
  }

  has(kind: string, key: string): boolean {
    return this.byKind.get(kind)?.has(key) === true;
  }

  /** Sets the value unless the pair is already there (the first value stays). */
  setIfAbsent(kind: string, key: string, value: V): void {
    let keys = this.byKind.get(kind);
    if (keys === undefined) this.byKind.set(kind, (keys = new Map()));
    if (!keys.has(key)) keys.set(key, value);
  }

  values(): V[] {
    const out: V[] = [];
    for (const keys of this.byKind.values()) for (const v of keys.values()) out.push(v);
    return out;
  }
}
