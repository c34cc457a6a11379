import { describe, expect, it } from 'vitest';
import { layoutGraph } from './auto-layout';

const box = (id: string) => ({ id, width: 240, height: 120 });

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return Math.abs(a.x - b.x) < 240 && Math.abs(a.y - b.y) < 120;
}

describe('layoutGraph', () => {
  const nodes = ['in', 'llm', 'cond', 'yes', 'no', 'merge', 'out'].map(box);
  const edges = [
    { source: 'in', target: 'llm' },
    { source: 'llm', target: 'cond' },
    { source: 'cond', target: 'yes' },
    { source: 'cond', target: 'no' },
    { source: 'yes', target: 'merge' },
    { source: 'no', target: 'merge' },
    { source: 'merge', target: 'out' },
  ];

  it('returns a position for every node, left to right along the edges', () => {
    const positions = layoutGraph(nodes, edges);
    expect([...positions.keys()].sort()).toEqual(nodes.map((node) => node.id).sort());
    for (const edge of edges) {
      const source = positions.get(edge.source);
      const target = positions.get(edge.target);
      expect(source && target && source.x + 240 <= target.x).toBe(true);
    }
  });

  it('never overlaps two nodes, including disconnected ones', () => {
    const positions = [...layoutGraph([...nodes, box('loose1'), box('loose2')], edges).values()];
    for (let i = 0; i < positions.length; i++) {
      for (let j = i + 1; j < positions.length; j++) {
        const a = positions[i];
        const b = positions[j];
        if (a && b) expect(overlaps(a, b)).toBe(false);
      }
    }
  });

  it('ignores edges to unknown nodes and returns whole numbers', () => {
    const positions = layoutGraph([box('a')], [{ source: 'a', target: 'ghost' }]);
    const a = positions.get('a');
    expect(a && Number.isInteger(a.x) && Number.isInteger(a.y)).toBe(true);
    expect(positions.size).toBe(1);
  });
});
