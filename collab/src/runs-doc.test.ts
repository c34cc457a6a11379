import { describe, expect, it } from 'vitest';
import { coalesceDeltas, type RunEventLike } from './runs-doc';

const delta = (seq: number, nodeId: string, text: string): RunEventLike => ({
  type: 'node.delta',
  runId: 'r',
  seq,
  at: `t${seq}`,
  nodeId,
  text,
});

describe('coalesceDeltas', () => {
  it('joins consecutive deltas of one node, keeping the last seq and time', () => {
    const started: RunEventLike = { type: 'node.started', runId: 'r', seq: 0, at: 't0', nodeId: 'a' };
    expect(
      coalesceDeltas([
        started,
        delta(1, 'a', 'He'),
        delta(2, 'a', 'y'),
        delta(3, 'b', '!'),
        delta(4, 'a', '?'),
      ]),
    ).toEqual([started, { ...delta(2, 'a', 'Hey') }, delta(3, 'b', '!'), delta(4, 'a', '?')]);
  });
});
