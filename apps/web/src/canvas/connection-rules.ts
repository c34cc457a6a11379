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

type Endpoints = {
  readonly source: string;
  readonly target: string;
  readonly sourceHandle?: string | null;
  readonly targetHandle?: string | null;
};

/**
 * Why a connection being drawn cannot exist, in words for the user; null when it can. React Flow already
 * refuses source-to-source and target-to-target drags (strict mode), so this covers the graph rules.
 */
export function connectionProblem(
  edges: readonly (Link & Endpoints)[],
  connection: Endpoints,
): string | null {
  if (connection.source === connection.target) return 'A node cannot connect to itself';
  const duplicate = edges.some(
    (edge) =>
      edge.source === connection.source &&
      edge.target === connection.target &&
      (edge.sourceHandle ?? null) === (connection.sourceHandle ?? null) &&
      (edge.targetHandle ?? null) === (connection.targetHandle ?? null),
  );
  if (duplicate) return 'Already connected';
  if (wouldCreateCycle(edges, connection.source, connection.target)) return 'This would create a loop';
  return null;
}
