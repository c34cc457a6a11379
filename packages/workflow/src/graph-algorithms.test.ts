import { describe, expect, it } from 'vitest';
import { adjacency, findCycles, reachable, reaches } from './graph-algorithms';

const { forward, backward } = adjacency(
  ['a', 'b', 'c', 'd', 'e'],
  [
    ['a', 'b'],
    ['b', 'c'],
    ['a', 'd'],
  ],
);

describe('graph algorithms', () => {
  it('reaches follows edges in their direction only', () => {
    expect(reaches(forward, 'a', 'c')).toBe(true);
    expect(reaches(backward, 'c', 'a')).toBe(true);
    expect(reaches(forward, 'c', 'a')).toBe(false);
    expect(reaches(forward, 'd', 'c')).toBe(false);
    expect(reaches(forward, 'e', 'a')).toBe(false);
  });

  it('a node does not reach itself without a cycle', () => {
    expect(reaches(forward, 'a', 'a')).toBe(false);
  });

  it('agrees with reachable on every pair', () => {
    for (const start of forward.keys()) {
      const all = reachable(forward, [start]);
      for (const target of forward.keys()) expect(reaches(forward, start, target)).toBe(all.has(target));
    }
  });

  it('finds a cycle and ignores acyclic parts', () => {
    const cyclic = adjacency(
      ['x', 'y', 'z'],
      [
        ['x', 'y'],
        ['y', 'x'],
        ['y', 'z'],
      ],
    );
    expect(findCycles(cyclic.forward)).toEqual([['x', 'y']]);
    expect(findCycles(forward)).toEqual([]);
  });
});
