/**
 * Deterministic topological sort: among the objects whose dependencies are all placed, the smallest key goes
 * first, so the same graph always gives the same order. Cycles (which valid T-SQL cannot build between views
 * and functions, but a broken source can) are broken by emitting the remaining nodes in key order.
 */
export interface SortResult {
  order: string[];
  /** Nodes that were part of a cycle, in the order they were emitted. */
  cyclic: string[];
}

export function topologicalSort(nodes: readonly string[], dependsOn: (node: string) => readonly string[]): SortResult {
  const nodeSet = new Set(nodes);
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const node of nodes) {
    const named = dependsOn(node);
    // Most modules refer to no other module: no set and no filtered copy for them.
    const deps = named.length === 0 ? named : [...new Set(named)].filter((d) => nodeSet.has(d) && d !== node);
    remaining.set(node, deps.length);
    for (const d of deps) {
      const list = dependents.get(d) ?? [];
      list.push(node);
      dependents.set(d, list);
    }
  }
  const ready = new MinHeap();
  for (const n of nodes) if (remaining.get(n) === 0) ready.push(n);
  const order: string[] = [];
  const cyclic: string[] = [];
  const placed = new Set<string>();
  const place = (node: string): void => {
    placed.add(node);
    order.push(node);
    const waiting = dependents.get(node);
    if (waiting === undefined) return;
    for (const dep of waiting) {
      const left = remaining.get(dep)! - 1;
      remaining.set(dep, left);
      if (left === 0 && !placed.has(dep)) ready.push(dep);
    }
  };
  // For breaking cycles: every node in key order, and how far the smallest unplaced one is. Sorting the
  // remaining nodes again at each cycle made a graph of many small cycles quadratic (4000 nodes in 2000 pairs of
  // mutually dependent modules: ~1 s); the cursor only moves forward, so all cycle breaks together cost one sort.
  let sorted: string[] | undefined;
  let cursor = 0;
  while (order.length < nodeSet.size) {
    const next = ready.pop();
    if (next !== undefined) {
      if (!placed.has(next)) place(next);
      continue;
    }
    // Only cycles are left: emit the smallest remaining node and carry on.
    sorted ??= [...nodeSet].sort();
    while (placed.has(sorted[cursor]!)) cursor++;
    const stuck = sorted[cursor]!;
    cyclic.push(stuck);
    place(stuck);
  }
  return { order, cyclic };
}

/** Smallest-string-first priority queue: keeps the sort O(n log n) on catalogs with tens of thousands of modules. */
class MinHeap {
  private readonly items: string[] = [];

  // Both sifts move a hole rather than swapping pairs: one write per level, and no destructuring.
  push(value: string): void {
    const a = this.items;
    let i = a.length;
    a.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (p <= value) break;
      a[i] = p;
      i = parent;
    }
    a[i] = value;
  }

  pop(): string | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && a[r]! < a[l]! ? r : l;
        if (a[child]! >= last) break;
        a[i] = a[child]!;
        i = child;
      }
      a[i] = last;
    }
    return top;
  }
}
