import { addNode, createSampleWorkflow, documentName, materialise, promptText } from '@tandem/workflow';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
import { createMemoryStore, type MemoryStore } from './testing/memory-store';

const TIMING = {
  compactDebounceMs: 50,
  compactMaxDebounceMs: 200,
  compactRetryInitialMs: 100,
  appendRetryInitialMs: 20,
};

let server: TestCollab | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function setup(): Promise<{ server: TestCollab; store: MemoryStore; name: string }> {
  const store = createMemoryStore();
  server = await startCollab({ auth: createTestAuth(), store, timing: TIMING });
  return { server, store, name: documentName(freshWorkflowId(), 'graph') };
}

function seed(store: MemoryStore, name: string, doc: Y.Doc): Promise<number> {
  return store.appendUpdate(name, Y.encodeStateAsUpdate(doc));
}

describe('an acknowledged edit', () => {
  it('is on disk before the client is told it is synced, while readers see it at once', async () => {
    const { server, store, name } = await setup();
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await Promise.all([waitSynced(alice), waitSynced(bob)]);
      store.hold();
      addNode(alice.doc, { id: 'held', type: 'input', position: { x: 0, y: 0 } });
      await sleep(200);
      expect(alice.provider.unsyncedChanges).toBeGreaterThan(0);
      expect(store.updateCount(name)).toBe(0);
      // The database's latency is the author's wait, not the readers'.
      await waitFor(() => bob.doc.getMap('nodes').has('held'), 'bob to see the edit before it is stored');
      expect(alice.provider.unsyncedChanges).toBeGreaterThan(0);
      store.release();
      await waitSynced(alice);
      // unsyncedChanges reached 0: the edit is in the store.
      expect(store.docOf(name).getMap('nodes').has('held')).toBe(true);
    } finally {
      store.release();
      alice.destroy();
      bob.destroy();
    }
  });

  it('survives a store that fails a few times (retried), and is refused while it keeps failing', async () => {
    const { server, store, name } = await setup();
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await Promise.all([waitSynced(alice), waitSynced(bob)]);
      store.fail('append', 2);
      addNode(alice.doc, { id: 'retried', type: 'input', position: { x: 0, y: 0 } });
      await waitSynced(alice);
      expect(store.docOf(name).getMap('nodes').has('retried')).toBe(true);
      expect(server.collab.metrics().appendFailures).toBe(2);

      store.fail('append');
      addNode(alice.doc, { id: 'refused', type: 'input', position: { x: 0, y: 0 } });
      await waitFor(
        () => alice.socket.closes.some((close) => close.code === 4503),
        'the socket to close with 4503',
      );
      // Readers saw it; its author was refused the acknowledgement. The server stores it by compacting
      // memory (appends fail, compaction is retried), and acknowledges a re-send only once that succeeded.
      expect(bob.doc.getMap('nodes').has('refused')).toBe(true);
      store.heal();
      await waitSynced(alice);
      expect(store.docOf(name).getMap('nodes').has('refused')).toBe(true);
    } finally {
      store.heal();
      alice.destroy();
      bob.destroy();
    }
  });
  it('never acknowledges a re-sent edit that is only in memory while the database refuses every write', async () => {
    const { server, store, name } = await setup();
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    try {
      await waitSynced(alice);
      store.fail('append');
      store.fail('compact');
      addNode(alice.doc, { id: 'memory-only', type: 'input', position: { x: 0, y: 0 } });
      // Refused; reconnecting and re-sending (the edit is already in the server's memory) is refused too.
      await waitFor(() => alice.socket.closes.some((close) => close.code === 4503), 'a refusal');
      await sleep(1500);
      expect(alice.provider.unsyncedChanges).toBeGreaterThan(0);
      expect(store.docOf(name).getMap('nodes').has('memory-only')).toBe(false);
      store.heal();
      await waitSynced(alice);
      expect(store.docOf(name).getMap('nodes').has('memory-only')).toBe(true);
    } finally {
      store.heal();
      alice.destroy();
    }
  });
});

describe('the durable-write observer', () => {
  it('hears each stored edit once, with the time it waited for the database, and not re-sent ones', async () => {
    const store = createMemoryStore();
    const writes: number[] = [];
    const accepted: number[] = [];
    server = await startCollab({
      auth: createTestAuth(),
      store,
      timing: TIMING,
      onDurableWrite: ({ acceptedMs, storeMs }) => {
        writes.push(storeMs);
        accepted.push(acceptedMs);
      },
    });
    const name = documentName(freshWorkflowId(), 'graph');
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    try {
      await waitSynced(alice);
      const before = writes.length;
      store.hold();
      addNode(alice.doc, { id: 'observed', type: 'input', position: { x: 0, y: 0 } });
      await sleep(60);
      expect(writes.length).toBe(before);
      store.release();
      await waitSynced(alice);
      expect(writes.length).toBe(before + 1);
      expect(writes.at(-1)).toBeGreaterThanOrEqual(50);
      // The storage part is inside the whole accept-to-commit time.
      expect(accepted.at(-1)).toBeGreaterThanOrEqual(writes.at(-1) ?? Number.POSITIVE_INFINITY);
      // A reconnecting provider re-sends what the server holds: nothing new is stored, nothing is heard.
      alice.provider.disconnect();
      await alice.provider.connect();
      await waitSynced(alice);
      expect(writes.length).toBe(before + 1);
    } finally {
      store.release();
      alice.destroy();
    }
  });
});

describe('compaction', () => {
  it('merges the log into the state when the last client leaves; load is state + tail', async () => {
    const { server, store, name } = await setup();
    const first = connectClient({ url: server.url, name, token: 'tok-alice', doc: createSampleWorkflow() });
    await waitSynced(first);
    expect(store.updateCount(name)).toBeGreaterThan(0);
    first.destroy();
    await waitFor(() => server.collab.metrics().loadedDocuments === 0, 'the document to unload');
    expect(store.updateCount(name)).toBe(0);
    expect(store.stateOf(name)).not.toBeNull();

    const second = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(second);
      expect(second.doc.getMap('nodes').toJSON()).toEqual(first.doc.getMap('nodes').toJSON());
      addNode(second.doc, { id: 'tail', type: 'input', position: { x: 0, y: 0 } });
      await waitSynced(second);
      // One state row plus a tail row; a fresh load sees both.
      expect(store.updateCount(name)).toBe(1);
      const fresh = store.docOf(name);
      expect(fresh.getMap('nodes').toJSON()).toEqual(second.doc.getMap('nodes').toJSON());
      expect(Y.encodeStateVector(fresh)).toEqual(Y.encodeStateVector(second.doc));
    } finally {
      second.destroy();
    }
  });

  it('merges rows that memory lacks (another instance’s edit) instead of storing memory over them', async () => {
    const { server, store, name } = await setup();
    const client = connectClient({ url: server.url, name, token: 'tok-alice', doc: createSampleWorkflow() });
    try {
      await waitSynced(client);
      // Another instance accepted an edit this one has not heard of: it is only in the database.
      const elsewhere = store.docOf(name);
      const before = Y.encodeStateVector(elsewhere);
      addNode(elsewhere, { id: 'elsewhere', type: 'input', position: { x: 5, y: 5 } });
      await store.appendUpdate(name, Y.encodeStateAsUpdate(elsewhere, before));
      addNode(client.doc, { id: 'here', type: 'input', position: { x: 9, y: 9 } });
      await waitSynced(client);
      await waitFor(() => store.updateCount(name) === 0, 'a compaction of every row');
      const nodes = store.docOf(name).getMap('nodes');
      expect(nodes.has('elsewhere')).toBe(true);
      expect(nodes.has('here')).toBe(true);
      // The merged state is not memory's own: the next compaction must check it again, not store memory
      // (still without the other instance's edit) over it.
      addNode(client.doc, { id: 'later', type: 'input', position: { x: 12, y: 12 } });
      await waitSynced(client);
      await waitFor(() => store.updateCount(name) === 0, 'a second compaction');
      const after = store.docOf(name).getMap('nodes');
      expect(after.has('elsewhere')).toBe(true);
      expect(after.has('later')).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('that fails keeps the document in memory, marked dirty, and is retried until it succeeds', async () => {
    const { server, store, name } = await setup();
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    await waitSynced(alice);
    store.fail('compact');
    addNode(alice.doc, { id: 'n', type: 'input', position: { x: 0, y: 0 } });
    await waitSynced(alice);
    alice.destroy();
    await waitFor(() => server.collab.metrics().failingDocuments === 1, 'a failing compaction');
    await sleep(300);
    expect(server.collab.metrics()).toMatchObject({ loadedDocuments: 1, dirtyDocuments: 1 });
    expect(store.calls.compact).toBeGreaterThan(1);
    store.heal();
    await waitFor(
      () => server.collab.metrics().loadedDocuments === 0,
      'the retried store and unload',
      10_000,
    );
    expect(server.collab.metrics()).toMatchObject({ dirtyDocuments: 0, failingDocuments: 0 });
    expect(store.updateCount(name)).toBe(0);
    expect(store.docOf(name).getMap('nodes').has('n')).toBe(true);
  });
});

describe('unloading', () => {
  it('while the last store runs keeps the document for a client who joins meanwhile (hocuspocus #995)', async () => {
    const { server, store, name } = await setup();
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    await waitSynced(alice);
    addNode(alice.doc, { id: 'by-alice', type: 'input', position: { x: 0, y: 0 } });
    await waitSynced(alice);
    store.hold('compact');
    alice.destroy();
    await waitFor(
      () => store.calls.compact === 0 && server.collab.metrics().loadedDocuments === 1,
      'the held store',
    );
    await sleep(100);
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(bob);
      expect(bob.doc.getMap('nodes').has('by-alice')).toBe(true);
      addNode(bob.doc, { id: 'by-bob', type: 'input', position: { x: 0, y: 0 } });
      await waitSynced(bob);
      store.release();
      await sleep(100);
      // Still loaded for bob, and both edits are stored whatever the compaction did.
      expect(server.collab.metrics().loadedDocuments).toBe(1);
      const stored = store.docOf(name).getMap('nodes');
      expect(stored.has('by-alice') && stored.has('by-bob')).toBe(true);
    } finally {
      store.release();
      bob.destroy();
    }
    await waitFor(() => server.collab.metrics().loadedDocuments === 0, 'the unload once bob leaves');
    expect(store.docOf(name).getMap('nodes').has('by-bob')).toBe(true);
  });
});

describe('loading', () => {
  it('that fails serves nothing and stores nothing (hocuspocus #382); a later load works', async () => {
    const { server, store, name } = await setup();
    const original = createSampleWorkflow();
    await seed(store, name, original);
    store.fail('load');
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    try {
      await waitFor(() => alice.authFailures.length > 0, 'the refusal');
      expect(alice.authFailures).toEqual(['unavailable']);
      expect(alice.doc.getMap('nodes').size).toBe(0);
      await sleep(200);
      expect(store.calls.compact).toBe(0);
      expect(store.updateCount(name)).toBe(1);
      expect(server.collab.metrics().loadedDocuments).toBe(0);
    } finally {
      alice.destroy();
    }
    store.heal();
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(bob);
      expect(bob.doc.getMap('nodes').toJSON()).toEqual(original.getMap('nodes').toJSON());
    } finally {
      bob.destroy();
    }
  });

  it('applies the state and the updates after it', async () => {
    const { server, store, name } = await setup();
    const source = createSampleWorkflow();
    const base = Y.encodeStateAsUpdate(source);
    const firstId = await store.appendUpdate(name, base);
    await store.compact(name, base, Y.encodeStateVector(source), firstId);
    const before = Y.encodeStateVector(source);
    addNode(source, { id: 'later', type: 'input', position: { x: 9, y: 9 } });
    await store.appendUpdate(name, Y.encodeStateAsUpdate(source, before));
    const client = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(client);
      expect(client.doc.getMap('nodes').toJSON()).toEqual(source.getMap('nodes').toJSON());
    } finally {
      client.destroy();
    }
  });

  it('migrates an older graph and stores the migration before serving it', async () => {
    const { server, store, name } = await setup();
    const old = createSampleWorkflow();
    old.transact(() => {
      old.getMap('meta').delete('schemaVersion');
      for (const node of old.getMap<Y.Map<unknown>>('nodes').values()) {
        const config = node.get('config') as Y.Map<unknown>;
        for (const [field, value] of config.entries())
          if (value instanceof Y.Text) config.set(field, value.toString());
      }
    });
    await seed(store, name, old);
    const client = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(client);
      expect(client.doc.getMap('meta').get('schemaVersion')).toBe(2);
      const llm = [...client.doc.getMap<Y.Map<unknown>>('nodes').entries()].find(
        ([, node]) => node.get('type') === 'llm',
      );
      expect(llm && promptText(client.doc, llm[0], 'userPrompt')).toBeInstanceOf(Y.Text);
      expect(materialise(client.doc).ok).toBe(true);
      expect(store.updateCount(name)).toBe(2);
    } finally {
      client.destroy();
    }
  });

  it('refuses a document written by a newer Tandem', async () => {
    const { server, store, name } = await setup();
    const future = createSampleWorkflow();
    future.getMap('meta').set('schemaVersion', 99);
    await seed(store, name, future);
    const client = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitFor(() => client.authFailures.length > 0, 'the refusal');
      expect(client.authFailures).toEqual(['server-too-old']);
    } finally {
      client.destroy();
    }
  });
});
