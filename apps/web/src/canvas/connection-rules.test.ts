import { describe, expect, it } from 'vitest';
import { wouldCreateCycle } from './connection-rules';

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
