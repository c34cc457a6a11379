/**
 * Per-node render counts for the drag benchmark (`/bench/drag`). Off unless a bench page turns it on, so the
 * app pays one null check per node render.
 */
let counts: Map<string, number> | null = null;

export function enableRenderCounts(): Map<string, number> {
  counts ??= new Map();
  return counts;
}

export function countRender(id: string | null): void {
  if (counts !== null && id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
}
