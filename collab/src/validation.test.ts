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
const store = createMemoryStore();
beforeAll(async () => {
  server = await startCollab({
    auth: createTestAuth(),
    store,
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

/** What a buggy or hostile client could write: the accessors would refuse both. */
function breakSchema(doc: Y.Doc): void {
  doc.transact(() => {
    const rogue = new Y.Map<unknown>();
    rogue.set('type', 'shell');
    rogue.set('typeVersion', 1);
    rogue.set('position', { x: 0, y: 0 });
    rogue.set('config', new Y.Map());
    doc.getMap('nodes').set('rogue', rogue);
    llmConfig(doc).set('temperature', 'very hot');
  });
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

      breakSchema(bob.doc);
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

  it('of a stored graph are reported once it is served, to clients joining before and after the check', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const stored = createSampleWorkflow();
    breakSchema(stored);
    await store.appendUpdate(name, Y.encodeStateAsUpdate(stored));
    // Both open the cold document at once: the check runs after it was served, so neither was there for a
    // notice sent while connecting; both are told by the check itself.
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    const vic = connectClient({ url: server.url, name, token: 'tok-vic' });
    try {
      await Promise.all([waitSynced(bob), waitSynced(vic)]);
      expect(bob.doc.getMap('nodes').has('rogue')).toBe(true);
      await waitFor(() => bob.notices.length === 1 && vic.notices.length === 1, 'the problems notice');
      for (const client of [bob, vic])
        expect(problemCodes(client.notices[0])?.sort()).toEqual(['invalid-config', 'unknown-node-type']);

      const late = connectClient({ url: server.url, name, token: 'tok-alice' });
      try {
        await waitFor(() => late.notices.length === 1, 'the notice for a late joiner');
        expect(problemCodes(late.notices[0])?.sort()).toEqual(['invalid-config', 'unknown-node-type']);
      } finally {
        late.destroy();
      }
      // Each result is sent to a connection once: no repeats for those told already.
      await sleep(100);
      expect([bob.notices.length, vic.notices.length]).toEqual([1, 1]);

      removeNode(bob.doc, 'rogue');
      bob.doc.transact(() => {
        llmConfig(bob.doc).set('temperature', 0.2);
      });
      await waitFor(() => vic.notices.length === 2 && bob.notices.length === 2, 'the all-clear');
      expect(problemCodes(vic.notices[1])).toEqual([]);
    } finally {
      bob.destroy();
      vic.destroy();
    }
  });
});
