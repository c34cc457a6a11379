import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ExperimentProgress,
  observeExperimentProgress,
  readExperimentProgress,
  writeExperimentProgress,
} from './runs-doc-experiments';

const progress = (id: string, updatedAt: string, done = 1): ExperimentProgress => ({
  experimentId: id,
  name: `exp ${id}`,
  kind: 'dataset',
  status: 'running',
  done,
  total: 10,
  running: 2,
  failedRuns: 0,
  etaMs: 900,
  updatedAt,
});

describe('experiment progress on the runs document', () => {
  it('replaces an experiment whole, keeps the newest few and reaches a second replica', () => {
    const server = new Y.Doc();
    const viewer = new Y.Doc();
    server.on('update', (update: Uint8Array) => Y.applyUpdate(viewer, update));
    let changes = 0;
    const stop = observeExperimentProgress(viewer, () => changes++);
    writeExperimentProgress(server, progress('a', '2026-01-01T00:00:01Z'), 2);
    writeExperimentProgress(server, progress('a', '2026-01-01T00:00:02Z', 5), 2);
    writeExperimentProgress(server, progress('b', '2026-01-01T00:00:03Z'), 2);
    writeExperimentProgress(server, progress('c', '2026-01-01T00:00:04Z'), 2);
    expect(readExperimentProgress(viewer).map((p) => [p.experimentId, p.done])).toEqual([
      ['c', 1],
      ['b', 1],
    ]);
    expect(changes).toBe(4);
    stop();
  });

  it('skips malformed entries instead of throwing', () => {
    const doc = new Y.Doc();
    doc.getMap('experiments').set('x', { experimentId: 'x', done: 'lots' });
    writeExperimentProgress(doc, progress('ok', '2026-01-01T00:00:00Z'), 5);
    expect(readExperimentProgress(doc).map((p) => p.experimentId)).toEqual(['ok']);
  });
});
