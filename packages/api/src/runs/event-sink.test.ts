import type { NewRunEvent } from '@tandem/db';
import type { RunEvent } from '@tandem/engine';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventSink, type EventSinkOptions } from './event-sink';

const RUN = '00000000-0000-4000-8000-000000000001';
const NODES = [
  { id: 'in', type: 'input' },
  { id: 't', type: 'template' },
  { id: 'ask', type: 'llm' },
  { id: 'get', type: 'http' },
  { id: 'js', type: 'code' },
  { id: 'out', type: 'output' },
];

function fakeStores() {
  const inserts: NewRunEvent[][] = [];
  const docWrites: RunEvent[][] = [];
  let failNext = false;
  const runEvents: EventSinkOptions['runEvents'] = {
    appendMany: async (events) => {
      if (failNext) {
        failNext = false;
        throw new Error('database down');
      }
      inserts.push([...events]);
    },
  };
  const runsDoc = {
    appendEvents: async (_workflowId: string, _runId: string, events: readonly RunEvent[]) => {
      docWrites.push([...events]);
    },
  };
  return {
    inserts,
    docWrites,
    runEvents,
    runsDoc,
    failNextInsert: () => {
      failNext = true;
    },
  };
}

function events() {
  let seq = 0;
  const at = () => new Date(Date.now()).toISOString();
  const base = () => ({ runId: RUN, seq: seq++, at: at() });
  return {
    runStarted: (): RunEvent => ({ ...base(), type: 'run.started', versionId: 'v' }) as RunEvent,
    started: (nodeId: string): RunEvent =>
      ({ ...base(), type: 'node.started', nodeId, attempt: 1 }) as RunEvent,
    delta: (nodeId: string, text: string): RunEvent =>
      ({ ...base(), type: 'node.delta', nodeId, text }) as RunEvent,
    completed: (nodeId: string): RunEvent =>
      ({ ...base(), type: 'node.completed', nodeId, output: 'x', attempt: 1, latencyMs: 1 }) as RunEvent,
    runCompleted: (): RunEvent =>
      ({ ...base(), type: 'run.completed', outputs: {}, latencyMs: 5 }) as unknown as RunEvent,
  };
}

const seqs = (batches: { seq: number }[][]) => batches.map((batch) => batch.map((event) => event.seq));

describe('createEventSink flush rules', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function sink(stores: ReturnType<typeof fakeStores>, extra: Partial<EventSinkOptions> = {}) {
    return createEventSink({
      runEvents: stores.runEvents,
      runsDoc: stores.runsDoc,
      workflowId: 'wf',
      runId: RUN,
      nodes: NODES,
      now: () => Date.now(),
      flushMs: 20,
      maxBatch: 256,
      onDocError: () => {},
      ...extra,
    });
  }

  it('buffers side-effect-free nodes and stores them in one insert (and one doc append) after flushMs', async () => {
    const stores = fakeStores();
    const s = sink(stores);
    const e = events();
    await s.emit(e.runStarted());
    await s.emit(e.started('in'));
    await s.emit(e.completed('in'));
    await s.emit(e.started('t'));
    await s.emit(e.completed('t'));
    expect(stores.inserts).toEqual([]);
    await vi.advanceTimersByTimeAsync(19);
    expect(stores.inserts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seqs(stores.inserts)).toEqual([[0, 1, 2, 3, 4]]);
    expect(seqs(stores.docWrites)).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('stores the buffer together with node.started before an llm, http or code node starts', async () => {
    for (const nodeId of ['ask', 'get', 'js']) {
      const stores = fakeStores();
      const s = sink(stores);
      const e = events();
      await s.emit(e.runStarted());
      await s.emit(e.started('in'));
      await s.emit(e.completed('in'));
      // Resolved only once stored: no timer needed.
      await s.emit(e.started(nodeId));
      expect(seqs(stores.inserts)).toEqual([[0, 1, 2, 3]]);
      // Its deltas are buffered; its completion is a barrier again.
      await s.emit(e.delta(nodeId, 'a'));
      await s.emit(e.completed(nodeId));
      expect(seqs(stores.inserts)).toEqual([
        [0, 1, 2, 3],
        [4, 5],
      ]);
    }
  });

  it('treats a node missing from the definition as a barrier', async () => {
    const stores = fakeStores();
    const s = sink(stores);
    const e = events();
    await s.emit(e.started('who'));
    expect(seqs(stores.inserts)).toEqual([[0]]);
  });

  it('flushes at maxBatch events without waiting for the timer', async () => {
    const stores = fakeStores();
    const s = sink(stores, { maxBatch: 4 });
    const e = events();
    for (let i = 0; i < 9; i++) await s.emit(i % 2 === 0 ? e.started('t') : e.completed('t'));
    expect(seqs(stores.inserts)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    await vi.advanceTimersByTimeAsync(20);
    expect(seqs(stores.inserts)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8]]);
  });

  it('stores a terminal event before emit resolves, and close stores what is left', async () => {
    const stores = fakeStores();
    const s = sink(stores);
    const e = events();
    await s.emit(e.runStarted());
    await s.emit(e.started('out'));
    await s.emit(e.completed('out'));
    await s.emit(e.runCompleted());
    expect(seqs(stores.inserts)).toEqual([[0, 1, 2, 3]]);
    await s.close();
    expect(seqs(stores.docWrites)).toEqual([[0, 1, 2, 3]]);

    const other = fakeStores();
    const t = sink(other);
    const f = events();
    await t.emit(f.started('t'));
    await t.close();
    expect(seqs(other.inserts)).toEqual([[0]]);
  });

  it('never stores a later batch after a failed one (seq stays gapless) and reports the failure', async () => {
    const stores = fakeStores();
    const s = sink(stores);
    const e = events();
    await s.emit(e.started('t'));
    stores.failNextInsert();
    await vi.advanceTimersByTimeAsync(20);
    await expect(s.emit(e.completed('t'))).rejects.toThrow('database down');
    await expect(s.close()).rejects.toThrow('database down');
    expect(stores.inserts).toEqual([]);
    expect(stores.docWrites).toEqual([]);
  });

  it('drops the buffer once fenced (another worker owns the run)', async () => {
    const stores = fakeStores();
    const s = sink(stores);
    const e = events();
    await s.emit(e.started('t'));
    s.fence('lease lost');
    await vi.advanceTimersByTimeAsync(50);
    await expect(s.emit(e.completed('t'))).rejects.toThrow('no longer ours');
    await s.close();
    expect(stores.inserts).toEqual([]);
  });

  it('coalesces deltas for the document but stores every one', async () => {
    const stores = fakeStores();
    const s = sink(stores, { maxDeltaFlushesPerSecond: 10 });
    const e = events();
    await s.emit(e.started('ask'));
    for (let i = 0; i < 5; i++) {
      await s.emit(e.delta('ask', String(i)));
      await vi.advanceTimersByTimeAsync(10);
    }
    await s.emit(e.completed('ask'));
    await s.close();
    expect(stores.inserts.flat().map((row) => row.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const docDeltas = stores.docWrites.flat().filter((event) => event.type === 'node.delta');
    expect(docDeltas.map((event) => (event as { text: string }).text).join('')).toBe('01234');
    expect(docDeltas.length).toBeLessThan(5);
  });
});
