import { addNode, createWorkflowDoc, documentName, readRuns } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createTestAuth,
  freshWorkflowId,
  sleep,
  startCollab,
  type TestClient,
  type TestCollab,
  USERS,
  waitFor,
  waitSynced,
} from './testing/harness';
import { createMemoryStore, type MemoryStore } from './testing/memory-store';

let server: TestCollab;
let store: MemoryStore;

beforeAll(async () => {
  store = createMemoryStore();
  server = await startCollab({ auth: createTestAuth(), store });
});
afterAll(() => server.stop());

function postComment(doc: Y.Doc, threadId: string, message: Record<string, unknown>): void {
  doc.transact(() => {
    const threads = doc.getMap<Y.Map<unknown>>('threads');
    let thread = threads.get(threadId);
    if (!thread) {
      thread = new Y.Map<unknown>();
      thread.set('anchor', { x: 0, y: 0 });
      thread.set('resolved', false);
      thread.set('messages', new Y.Array<unknown>());
      threads.set(threadId, thread);
    }
    (thread.get('messages') as Y.Array<unknown>).push([message]);
  });
}

function messagesOf(doc: Y.Doc, threadId: string): { id: string; authorId: string }[] {
  const thread = doc.getMap<Y.Map<unknown>>('threads').get(threadId);
  const messages = thread?.get('messages');
  return messages instanceof Y.Array ? (messages.toArray() as { id: string; authorId: string }[]) : [];
}

const message = (id: string, authorId: string) => ({
  id,
  authorId,
  body: `hello from ${authorId}`,
  mentions: [],
  createdAt: new Date().toISOString(),
});

async function clients(name: string, tokens: string[]): Promise<TestClient[]> {
  const list = tokens.map((token) => connectClient({ url: server.url, name, token }));
  await Promise.all(list.map((client) => waitSynced(client)));
  return list;
}

describe('the graph', () => {
  it('is live for a viewer, who cannot change it', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const [bob, vic] = await clients(name, ['tok-bob', 'tok-vic']);
    if (!bob || !vic) throw new Error('clients');
    try {
      expect(vic.provider.authorizedScope).toBe('readonly');
      addNode(bob.doc, { id: 'from-bob', type: 'input', position: { x: 0, y: 0 } });
      await waitFor(() => vic.doc.getMap('nodes').has('from-bob'), 'vic to see bob’s node');
      addNode(vic.doc, { id: 'from-vic', type: 'input', position: { x: 0, y: 0 } });
      await sleep(150);
      expect(bob.doc.getMap('nodes').has('from-vic')).toBe(false);
      expect(vic.provider.unsyncedChanges).toBeGreaterThan(0);
      expect(store.docOf(name).getMap('nodes').has('from-vic')).toBe(false);
      expect(store.docOf(name).getMap('nodes').has('from-bob')).toBe(true);
    } finally {
      bob.destroy();
      vic.destroy();
    }
  });
});

describe('comments', () => {
  it('let every member comment as themselves, viewers included', async () => {
    const name = documentName(freshWorkflowId(), 'comments');
    const [bob, vic] = await clients(name, ['tok-bob', 'tok-vic']);
    if (!bob || !vic) throw new Error('clients');
    try {
      expect(vic.provider.authorizedScope).toBe('read-write');
      postComment(vic.doc, 't1', message('m1', USERS.vic.id));
      await waitFor(() => messagesOf(bob.doc, 't1').length === 1, 'bob to see vic’s comment');
      await waitSynced(vic);
      expect(messagesOf(store.docOf(name), 't1')).toHaveLength(1);
    } finally {
      bob.destroy();
      vic.destroy();
    }
  });

  it('refuse a comment written in someone else’s name, and removing someone else’s comment', async () => {
    const name = documentName(freshWorkflowId(), 'comments');
    const [bob, vic] = await clients(name, ['tok-bob', 'tok-vic']);
    if (!bob || !vic) throw new Error('clients');
    try {
      postComment(bob.doc, 't1', message('m1', USERS.bob.id));
      await waitFor(() => messagesOf(vic.doc, 't1').length === 1, 'vic to see bob’s comment');
      await waitSynced(bob);

      postComment(vic.doc, 't1', message('m2', USERS.bob.id));
      await waitFor(() => vic.documentCloses.includes('forbidden'), 'the forged comment to be refused');
      await sleep(50);
      expect(messagesOf(bob.doc, 't1').map((entry) => entry.id)).toEqual(['m1']);
      expect(messagesOf(store.docOf(name), 't1').map((entry) => entry.id)).toEqual(['m1']);
    } finally {
      bob.destroy();
      vic.destroy();
    }

    const [vicAgain] = await clients(name, ['tok-vic']);
    if (!vicAgain) throw new Error('client');
    try {
      const messages = vicAgain.doc
        .getMap<Y.Map<unknown>>('threads')
        .get('t1')
        ?.get('messages') as Y.Array<unknown>;
      messages.delete(0, 1);
      await waitFor(() => vicAgain.documentCloses.includes('forbidden'), 'the removal to be refused');
      expect(messagesOf(store.docOf(name), 't1').map((entry) => entry.id)).toEqual(['m1']);
    } finally {
      vicAgain.destroy();
    }

    const [alice] = await clients(name, ['tok-alice']);
    if (!alice) throw new Error('client');
    try {
      const messages = alice.doc
        .getMap<Y.Map<unknown>>('threads')
        .get('t1')
        ?.get('messages') as Y.Array<unknown>;
      messages.delete(0, 1);
      await waitSynced(alice);
      expect(messagesOf(store.docOf(name), 't1')).toEqual([]);
    } finally {
      alice.destroy();
    }
  });

  it('refuse other roots in the comments document', async () => {
    const name = documentName(freshWorkflowId(), 'comments');
    const [bob] = await clients(name, ['tok-bob']);
    if (!bob) throw new Error('client');
    try {
      bob.doc.getMap('nodes').set('x', 1);
      await waitFor(() => bob.documentCloses.includes('forbidden'), 'the write to be refused');
      expect(store.docOf(name).share.has('nodes')).toBe(false);
    } finally {
      bob.destroy();
    }
  });
});

describe('runs', () => {
  it('are read-only for every client, the owner included, and written by the server', async () => {
    const workflowId = freshWorkflowId();
    const name = documentName(workflowId, 'runs');
    const [alice] = await clients(name, ['tok-alice']);
    if (!alice) throw new Error('client');
    try {
      expect(alice.provider.authorizedScope).toBe('readonly');
      alice.doc.getMap('runs').set('forged', 'x');
      await server.collab.runsWriter.startRun(workflowId, {
        runId: 'r1',
        versionId: 'v1',
        startedBy: USERS.alice.id,
        startedAt: new Date().toISOString(),
      });
      await waitFor(() => readRuns(alice.doc).some((run) => run.runId === 'r1'), 'the run at alice');
      expect(store.docOf(name).getMap('runs').has('forged')).toBe(false);
      expect(store.docOf(name).getMap('runs').has('r1')).toBe(true);
    } finally {
      alice.destroy();
    }
  });
});

describe('a graph document', () => {
  it('starts empty for a new workflow and is initialised by its first editor', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const doc = createWorkflowDoc({ name: 'Fresh' });
    const [bob] = await clients(name, ['tok-bob']);
    if (!bob) throw new Error('client');
    try {
      Y.applyUpdate(bob.doc, Y.encodeStateAsUpdate(doc));
      await waitSynced(bob);
      expect(store.docOf(name).getMap('meta').get('name')).toBe('Fresh');
    } finally {
      bob.destroy();
    }
  });
});
