import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, removeNode } from './accessors';
import { materialise } from './materialise';
import { pruneDanglingEdges } from './prune';
import { readGraph } from './read-graph';
import { createSampleWorkflow } from './sample';

function sync(docs: Y.Doc[]): void {
  for (const a of docs)
    for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('concurrent delete + connect', () => {
  it('leaves a dangling edge that readers drop and pruneDanglingEdges removes, converging everywhere', () => {
    const alice = createSampleWorkflow();
    const bob = new Y.Doc();
    const carol = new Y.Doc();
    sync([alice, bob, carol]);
    // Alice deletes "lookup" while Bob, offline from her, connects "lookup" to the output.
    removeNode(alice, 'lookup');
    const edgeId = connect(bob, { source: 'lookup', target: 'answer' });
    expect(edgeId).not.toBeNull();
    sync([alice, bob, carol]);

    expect(alice.getMap('nodes').has('lookup')).toBe(false);
    expect(alice.getMap('edges').has(edgeId ?? '')).toBe(true);
    for (const doc of [alice, bob, carol]) {
      expect(readGraph(doc).edges.some((edge) => edge.id === edgeId)).toBe(false);
      const result = materialise(doc);
      expect(result.definition?.edges.some((edge) => edge.id === edgeId)).toBe(false);
    }

    // Two replicas prune concurrently; both deletes converge.
    expect(pruneDanglingEdges(bob)).toEqual([edgeId]);
    expect(pruneDanglingEdges(carol)).toEqual([edgeId]);
    sync([alice, bob, carol]);
    for (const doc of [alice, bob, carol]) {
      expect(doc.getMap('edges').has(edgeId ?? '')).toBe(false);
      expect(doc.getMap('edges').toJSON()).toEqual(alice.getMap('edges').toJSON());
    }
    expect(pruneDanglingEdges(alice)).toEqual([]);
  });

  it('removes malformed edge entries too, in one transaction', () => {
    const doc = createSampleWorkflow();
    doc.getMap('edges').set('junk', 'x');
    doc.getMap('edges').set('ghost', { source: 'nobody', target: 'answer' });
    let updates = 0;
    doc.on('update', () => updates++);
    expect(pruneDanglingEdges(doc).sort()).toEqual(['ghost', 'junk']);
    expect(updates).toBe(1);
  });
});
