import { describe, expect, it } from 'vitest';
import { connectionProblem, wouldCreateCycle } from './connection-rules';

describe('wouldCreateCycle', () => {
  const chain = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
  ];

  it('refuses self-loops and back edges', () => {
    expect(wouldCreateCycle(chain, 'a', 'a')).toBe(true);
    expect(wouldCreateCycle(chain, 'c', 'a')).toBe(true);
  });

  it('allows forward and parallel edges', () => {
    expect(wouldCreateCycle(chain, 'a', 'c')).toBe(false);
    expect(wouldCreateCycle(chain, 'd', 'a')).toBe(false);
  });
});

describe('connectionProblem', () => {
  const edges = [
    { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' },
    { source: 'b', sourceHandle: 'out', target: 'c', targetHandle: 'in' },
  ];
  it('names why a connection is refused', () => {
    expect(connectionProblem(edges, { source: 'a', target: 'a' })).toMatch(/itself/);
    expect(connectionProblem(edges, { source: 'c', target: 'a' })).toMatch(/loop/);
    expect(
      connectionProblem(edges, { source: 'a', sourceHandle: 'out', target: 'b', targetHandle: 'in' }),
    ).toMatch(/Already/);
    expect(
      connectionProblem(edges, { source: 'a', sourceHandle: 'out', target: 'c', targetHandle: 'in' }),
    ).toBeNull();
  });
});
