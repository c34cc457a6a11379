import { addNode, connect, createWorkflowDoc, type NodeType } from '@tandem/workflow';
import type * as Y from 'yjs';

/** Card pitch of the generated grid: wider and taller than a card, so no two cards overlap. */
export const GRID = { columns: 40, dx: 300, dy: 200 };

const MIDDLE_TYPES: readonly NodeType[] = ['template', 'llm', 'code', 'merge', 'http'];

/** A workflow of `count` nodes on a grid (an input, mixed middle types, an output), chained by edges. */
export function benchWorkflowDoc(count: number): Y.Doc {
  const doc = createWorkflowDoc({ name: `drag bench, ${count} nodes` });
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const type: NodeType =
        i === 0 ? 'input' : i === count - 1 ? 'output' : (MIDDLE_TYPES[i % MIDDLE_TYPES.length] ?? 'merge');
      addNode(doc, {
        id: `n${i}`,
        type,
        position: { x: (i % GRID.columns) * GRID.dx, y: Math.floor(i / GRID.columns) * GRID.dy },
        config: configFor(type, `n${i - 1}`),
      });
      if (i > 0) connect(doc, { id: `e${i}`, source: `n${i - 1}`, target: `n${i}` });
    }
  });
  return doc;
}

/** A valid config per type (no problem markers), each reading the previous node's output. */
function configFor(type: NodeType, previous: string): Record<string, unknown> {
  switch (type) {
    case 'llm':
      return { provider: 'mock', model: 'mock-small', userPrompt: `Summarise {{nodes.${previous}.output}}` };
    case 'template':
      return { template: `Step after ${previous}: {{nodes.${previous}.output}}` };
    case 'code':
      return { source: 'export default (input) => input;' };
    case 'http':
      return { method: 'GET', urlTemplate: `https://example.com/?q={{nodes.${previous}.output}}` };
    default:
      return {};
  }
}

/** A small deterministic PRNG (mulberry32), so both modes move the same nodes in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
