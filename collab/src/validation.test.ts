import {
  addNode,
  type CollabNotice,
  createSampleWorkflow,
  createWorkflowDoc,
  documentName,
  NODE_TYPES,
  removeNode,
} from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { schemaProblems } from './graph-problems';
import {
  connectClient,
  createTestAuth,
  freshWorkflowId,
  sleep,
  startCollab,
  type TestCollab,
  waitFor,
  waitSynced,
} from './testing/harness';
import { createMemoryStore } from './testing/memory-store';

let server: TestCollab;
beforeAll(async () => {
  server = await startCollab({
    auth: createTestAuth(),
    store: createMemoryStore(),
    timing: { problemsDebounceMs: 20 },
  });
});
afterAll(() => server.stop());

function llmConfig(doc: Y.Doc): Y.Map<unknown> {
  const llm = [...doc.getMap<Y.Map<unknown>>('nodes').values()].find((node) => node.get('type') === 'llm');
  const config = llm?.get('config');
  if (!(config instanceof Y.Map)) throw new Error('the sample has an llm node');
  return config as Y.Map<unknown>;
}

const problemCodes = (notice: CollabNotice | undefined) =>
  notice?.type === 'tandem/problems' ? notice.problems.map((problem) => problem.code) : null;

describe('schema problems', () => {
  it('are none for valid drafts, however unfinished', () => {
    expect(schemaProblems(createSampleWorkflow())).toEqual([]);
    const draft = createWorkflowDoc();
    for (const [i, type] of NODE_TYPES.entries())
      addNode(draft, { id: `n${i}`, type, position: { x: i, y: 0 } });
    expect(schemaProblems(draft)).toEqual([]);
  });

  it('are reported to every client when content breaks the schema, and cleared when fixed', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const bob = connectClient({ url: server.url, name, token: 'tok-bob', doc: createSampleWorkflow() });
    const vic = connectClient({ url: server.url, name, token: 'tok-vic' });
    try {
      await Promise.all([waitSynced(bob), waitSynced(vic)]);
      await sleep(60);
      expect(vic.notices).toEqual([]);

      // What a buggy or hostile client could write: the accessors would refuse both.
      bob.doc.transact(() => {
        const rogue = new Y.Map<unknown>();
        rogue.set('type', 'shell');
        rogue.set('typeVersion', 1);
        rogue.set('position', { x: 0, y: 0 });
        rogue.set('config', new Y.Map());
        bob.doc.getMap('nodes').set('rogue', rogue);
        llmConfig(bob.doc).set('temperature', 'very hot');
      });
      await waitFor(() => vic.notices.length === 1 && bob.notices.length === 1, 'the problems notice');
      expect(problemCodes(vic.notices[0])?.sort()).toEqual(['invalid-config', 'unknown-node-type']);

      // A client joining later is told at once.
      const late = connectClient({ url: server.url, name, token: 'tok-alice' });
      try {
        await waitFor(() => late.notices.length === 1, 'the notice for a late joiner');
        expect(problemCodes(late.notices[0])?.sort()).toEqual(['invalid-config', 'unknown-node-type']);
      } finally {
        late.destroy();
      }

      removeNode(bob.doc, 'rogue');
      bob.doc.transact(() => {
        llmConfig(bob.doc).set('temperature', 0.2);
      });
      await waitFor(() => vic.notices.length === 2, 'the all-clear');
      expect(problemCodes(vic.notices[1])).toEqual([]);
    } finally {
      bob.destroy();
      vic.destroy();
    }
  });
});
