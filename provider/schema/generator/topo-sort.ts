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
    const deps = [...new Set(dependsOn(node))].filter((d) => nodeSet.has(d) && d !== node);
    remaining.set(node, deps.length);
    for (const d of deps) {
      const list = dependents.get(d) ?? [];
      list.push(node);
      dependents.set(d, list);
    }
  }
  const ready = nodes.filter((n) => remaining.get(n) === 0).sort();
  const order: string[] = [];
  const cyclic: string[] = [];
  const placed = new Set<string>();
  const place = (node: string): void => {
    placed.add(node);
    order.push(node);
    for (const dep of dependents.get(node) ?? []) {
      const left = remaining.get(dep)! - 1;
      remaining.set(dep, left);
      if (left === 0 && !placed.has(dep)) insertSorted(ready, dep);
    }
  };
  while (order.length < nodes.length) {
    const next = ready.shift();
    if (next !== undefined) {
      if (!placed.has(next)) place(next);
      continue;
    }
    // Only cycles are left: emit the smallest remaining node and carry on.
    const stuck = [...nodes].filter((n) => !placed.has(n)).sort()[0]!;
    cyclic.push(stuck);
    place(stuck);
  }
  return { order, cyclic };
}

function insertSorted(list: string[], value: string): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}
