/** Directed-graph helpers over node ids; edges are [source, target] pairs between known nodes. */
export type Adjacency = Map<string, string[]>;

export function adjacency(
  nodeIds: readonly string[],
  edges: readonly (readonly [string, string])[],
): {
  forward: Adjacency;
  backward: Adjacency;
} {
  const forward: Adjacency = new Map(nodeIds.map((id) => [id, []]));
  const backward: Adjacency = new Map(nodeIds.map((id) => [id, []]));
  for (const [source, target] of edges) {
    forward.get(source)?.push(target);
    backward.get(target)?.push(source);
  }
  return { forward, backward };
}

/** Every node reachable from `starts` (excluding a start unless it is reachable from another). */
export function reachable(graph: Adjacency, starts: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = starts.flatMap((start) => graph.get(start) ?? []);
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/**
 * Whether `target` is reachable from `start`. Stops at the first path found: references usually name a
 * nearby node, so checking each one this way stays linear where a full upstream set per node is quadratic.
 */
export function reaches(graph: Adjacency, start: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [...(graph.get(start) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    if (id === target) return true;
    seen.add(id);
    for (const next of graph.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return false;
}

/**
 * The cycles of a graph as strongly connected components with more than one node, or one node with an
 * edge to itself (Tarjan, iterative so deep graphs cannot overflow the stack). Nodes in each cycle are
 * sorted; cycles are sorted by their first node.
 */
export function findCycles(graph: Adjacency): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const successors = graph.get(frame.id) ?? [];
      const successor = successors[frame.next++];
      if (successor !== undefined) {
        if (!index.has(successor)) {
          index.set(successor, counter);
          low.set(successor, counter++);
          stack.push(successor);
          onStack.add(successor);
          work.push({ id: successor, next: 0 });
        } else if (onStack.has(successor)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(successor) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
          if (member === frame.id) break;
        }
        if (component.length > 1 || successors.includes(frame.id)) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
}
