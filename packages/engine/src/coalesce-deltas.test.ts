import { describe, expect, it } from 'vitest';
import { coalesceDeltas } from './coalesce-deltas';
import type { RunEvent } from './run-events';

let seq = 0;
const at = '2026-01-01T00:00:00.000Z';
const delta = (nodeId: string, text: string): RunEvent => ({
  type: 'node.delta',
  runId: 'r',
  seq: seq++,
  at,
  nodeId,
  text,
});
const texts = (events: RunEvent[]) =>
  events.map((e) => (e.type === 'node.delta' ? `${e.nodeId}:${e.text}` : e.type));

describe('coalesceDeltas', () => {
  it('flushes each node at most N times per second on a fake clock, merging what it held', () => {
    const coalescer = coalesceDeltas(4); // every 250 ms
    let now = 1_000;
    const out: string[] = [];
    out.push(...texts(coalescer.push(delta('a', 'H'), now))); // first flush is immediate
    for (const piece of ['e', 'l', 'l', 'o']) {
      now += 50;
      out.push(...texts(coalescer.push(delta('a', piece), now)));
    }
    // 200 ms after the first flush: still held.
    expect(out).toEqual(['a:H']);
    expect(coalescer.nextDueAt()).toBe(1_250);
    expect(coalescer.poll(1_249)).toEqual([]);
    const flushed = coalescer.poll(1_250);
    expect(texts(flushed)).toEqual(['a:ello']);
    // The merged event carries the last merged seq, so order stays visible.
    expect(flushed[0]?.seq).toBe(seq - 1);
    expect(coalescer.nextDueAt()).toBeNull();
  });

  it('keeps nodes independent and flushes held text before a node finishes or the run ends', () => {
    const coalescer = coalesceDeltas(2);
    const now = 0;
    coalescer.push(delta('a', 'a1'), now);
    coalescer.push(delta('b', 'b1'), now);
    expect(texts(coalescer.push(delta('a', 'a2'), now + 10))).toEqual([]);
    expect(texts(coalescer.push(delta('b', 'b2'), now + 10))).toEqual([]);
    const completed: RunEvent = {
      type: 'node.completed',
      runId: 'r',
      seq: seq++,
      at,
      nodeId: 'a',
      output: 'x',
      latencyMs: 1,
    };
    expect(texts(coalescer.push(completed, now + 20))).toEqual(['a:a2', 'node.completed']);
    const done: RunEvent = { type: 'run.cancelled', runId: 'r', seq: seq++, at, reason: 'x' };
    expect(texts(coalescer.push(done, now + 30))).toEqual(['b:b2', 'run.cancelled']);
  });
});
