type Link = { readonly source: string; readonly target: string };

/** True when adding source → target would close a loop (the target already reaches the source). */
export function wouldCreateCycle(edges: readonly Link[], source: string, target: string): boolean {
  if (source === target) return true;
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = outgoing.get(edge.source) ?? [];
    targets.push(edge.target);
    outgoing.set(edge.source, targets);
  }
  const seen = new Set<string>();
  const stack = [target];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === source) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(outgoing.get(node) ?? []));
  }
  return false;
}
