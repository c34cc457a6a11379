import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendRunEvents,
  coalesceDeltas,
  observeRuns,
  type RunEventLike,
  readRuns,
  writeRunStart,
} from './runs-doc';

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

describe('the runs document', () => {
  it('records a run, its events and its terminal status', () => {
    const doc = new Y.Doc();
    writeRunStart(doc, { runId: 'r', versionId: 'v1', startedBy: 'u', startedAt: 't0' }, 10);
    appendRunEvents(doc, 'r', [delta(1, 'a', 'He')], 100);
    appendRunEvents(
      doc,
      'r',
      [delta(2, 'a', 'y'), { type: 'run.completed', runId: 'r', seq: 3, at: 't3' }],
      100,
    );
    const [run] = readRuns(doc);
    expect(run).toMatchObject({ runId: 'r', versionId: 'v1', status: 'succeeded', finishedAt: 't3' });
    expect(run?.events.map((event) => event.text ?? event.type)).toEqual(['Hey', 'run.completed']);
  });

  it('keeps the newest runs, newest first, and marks a run truncated past its event limit', () => {
    const doc = new Y.Doc();
    for (const [runId, startedAt] of [
      ['a', 't1'],
      ['b', 't3'],
      ['c', 't2'],
    ] as const)
      writeRunStart(doc, { runId, versionId: 'v', startedBy: null, startedAt }, 2);
    expect(readRuns(doc).map((run) => run.runId)).toEqual(['b', 'c']);
    appendRunEvents(doc, 'b', [delta(1, 'x', '1'), delta(2, 'y', '2'), delta(3, 'z', '3')], 2);
    expect(readRuns(doc)[0]).toMatchObject({ truncated: true });
    expect(readRuns(doc)[0]?.events).toHaveLength(2);
  });

  it('reads malformed content tolerantly', () => {
    const doc = new Y.Doc();
    const runs = doc.getMap<unknown>('runs');
    const run = new Y.Map<unknown>();
    doc.transact(() => {
      runs.set('junk', 'not a run');
      run.set('status', 'exploded');
      run.set('startedAt', 5);
      const events = new Y.Array<unknown>();
      events.push([null, { type: 'x' }, delta(1, 'a', 'ok'), { ...delta(2, 'a', 'b'), seq: '2' }]);
      run.set('events', events);
      runs.set('r', run);
    });
    expect(readRuns(doc)).toEqual([
      {
        runId: 'r',
        versionId: null,
        status: 'running',
        startedBy: null,
        startedAt: null,
        finishedAt: null,
        variant: null,
        truncated: false,
        events: [delta(1, 'a', 'ok')],
      },
    ]);
    const wrong = new Y.Doc();
    wrong.getText('runs').insert(0, 'x');
    expect(readRuns(wrong)).toEqual([]);
    expect(observeRuns(wrong, () => {})).toBeTypeOf('function');
  });

  it('notifies observers until unsubscribed', () => {
    const doc = new Y.Doc();
    let calls = 0;
    const stop = observeRuns(doc, () => calls++);
    writeRunStart(doc, { runId: 'r', versionId: 'v', startedBy: null, startedAt: 't' }, 5);
    appendRunEvents(doc, 'r', [delta(1, 'a', 'x')], 5);
    expect(calls).toBe(2);
    stop();
    appendRunEvents(doc, 'r', [delta(2, 'b', 'y')], 5);
    expect(calls).toBe(2);
  });
});
