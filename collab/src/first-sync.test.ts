import {
  addNode,
  CURRENT_SCHEMA_VERSION,
  createSampleWorkflow,
  documentName,
  moveNode,
  readRuns,
  writeRunStart,
} from '@tandem/workflow';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createTestAuth,
  freshWorkflowId,
  startCollab,
  type TestClient,
  type TestCollab,
  waitFor,
  waitSynced,
} from './testing/harness';
import { createMemoryStore, type MemoryStore } from './testing/memory-store';

let server: TestCollab | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = null;
});

async function setup(): Promise<{ server: TestCollab; store: MemoryStore }> {
  const store = createMemoryStore();
  server = await startCollab({ auth: createTestAuth(), store });
  return { server, store };
}

function open(name: string, token = 'tok-bob', doc?: Y.Doc): TestClient {
  const client = connectClient({ url: server?.url ?? '', name, token, ...(doc ? { doc } : {}) });
  clients.push(client);
  return client;
}

/** A workflow as an idle document is stored: one compacted state, its layout recorded, no tail. */
async function storeCompacted(store: MemoryStore, name: string, doc: Y.Doc, layout: number | null) {
  await store.compact(name, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), 0, layout);
}

const answered = () => server?.collab.metrics().firstSyncsAnswered;
const nodesOf = (doc: Y.Doc) => [...doc.getMap('nodes').keys()].sort();

describe('the first sync of a stored document', () => {
  it('is answered from the stored state by the loader, and the new client then edits as usual', async () => {
    const { store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const stored = createSampleWorkflow();
    await storeCompacted(store, name, stored, CURRENT_SCHEMA_VERSION);

    const bob = open(name);
    await waitSynced(bob);
    expect(answered()).toBe(1);
    expect(bob.doc.getMap('nodes').toJSON()).toEqual(stored.getMap('nodes').toJSON());

    // The document is loaded now: a second client takes Hocuspocus' usual path, and both converge.
    const alice = open(name, 'tok-alice');
    await waitSynced(alice);
    expect(answered()).toBe(1);
    addNode(bob.doc, { id: 'from-bob', type: 'input', position: { x: 1, y: 1 } });
    await waitFor(() => alice.doc.getMap('nodes').has('from-bob'), 'alice to see bob’s edit');
    await waitSynced(bob);
    expect(nodesOf(store.docOf(name))).toEqual(nodesOf(bob.doc));
  });

  it('includes a server-side write made while the document was loading', async () => {
    const { server, store } = await setup();
    const workflowId = freshWorkflowId();
    const name = documentName(workflowId, 'runs');
    const runs = new Y.Doc();
    writeRunStart(
      runs,
      { runId: 'r-1', versionId: 'v', startedBy: 'u', startedAt: new Date(0).toISOString() },
      50,
    );
    await storeCompacted(store, name, runs, null);

    store.hold('load');
    const viewer = open(name);
    await waitFor(() => store.loadsOf(name) === 1, 'the load to start');
    const write = server.collab.withDocument(name, (doc) =>
      writeRunStart(
        doc,
        { runId: 'r-2', versionId: 'v', startedBy: 'u', startedAt: new Date(1).toISOString() },
        50,
      ),
    );
    store.release();
    await write;
    await waitSynced(viewer);
    expect(answered()).toBe(1);
    await waitFor(
      () => readRuns(viewer.doc).length === 2,
      'the viewer to hold the run written during the load',
    );
  });

  it('takes the usual path for a graph whose stored layout is unknown, which is migrated first', async () => {
    const { store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const old = createSampleWorkflow();
    old.getMap('meta').delete('schemaVersion');
    await storeCompacted(store, name, old, null);

    const bob = open(name);
    await waitSynced(bob);
    expect(answered()).toBe(0);
    expect(bob.doc.getMap('meta').get('schemaVersion')).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('takes the usual path when updates follow the stored state', async () => {
    const { store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const doc = createSampleWorkflow();
    await storeCompacted(store, name, doc, CURRENT_SCHEMA_VERSION);
    const before = Y.encodeStateVector(doc);
    addNode(doc, { id: 'tail', type: 'input', position: { x: 2, y: 2 } });
    await store.appendUpdate(name, Y.encodeStateAsUpdate(doc, before));

    const bob = open(name);
    await waitSynced(bob);
    expect(answered()).toBe(0);
    expect(nodesOf(bob.doc)).toEqual(nodesOf(doc));
  });

  it('takes the usual path for a client that already holds content, and keeps that content', async () => {
    const { store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const stored = createSampleWorkflow();
    await storeCompacted(store, name, stored, CURRENT_SCHEMA_VERSION);
    // An offline replica that moved a node before it could connect.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(stored));
    const [first] = nodesOf(offline);
    moveNode(offline, first as string, { x: 999, y: 999 });

    const bob = open(name, 'tok-bob', offline);
    await waitSynced(bob);
    expect(answered()).toBe(0);
    const moved = store
      .docOf(name)
      .getMap<Y.Map<unknown>>('nodes')
      .get(first as string)
      ?.get('position');
    expect(moved).toEqual({ x: 999, y: 999 });
  });
});
