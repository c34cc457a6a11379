import {
  addNode,
  createSampleWorkflow,
  documentName,
  materialise,
  readGraph,
  readRuns,
  replaceGraph,
} from '@tandem/workflow';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabError } from './close-codes';
import {
  connectClient,
  createTestAuth,
  freshWorkflowId,
  startCollab,
  type TestCollab,
  waitFor,
  waitSynced,
} from './testing/harness';
import { createMemoryStore, type MemoryStore } from './testing/memory-store';

let server: TestCollab | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function setup(): Promise<{ server: TestCollab; store: MemoryStore }> {
  const store = createMemoryStore();
  server = await startCollab({
    auth: createTestAuth(),
    store,
    timing: { directIdleMs: 100, compactDebounceMs: 50, compactRetryInitialMs: 50, appendRetryInitialMs: 10 },
    runs: { maxRuns: 3, maxEventsPerRun: 5 },
  });
  return { server, store };
}

describe('withDocument', () => {
  it('restores a version into the live document as one transaction, stored when it resolves', async () => {
    const { server, store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const client = connectClient({ url: server.url, name, token: 'tok-bob', doc: createSampleWorkflow() });
    try {
      await waitSynced(client);
      const version = materialise(client.doc);
      if (!version.ok) throw new Error('sample must be valid');
      addNode(client.doc, { id: 'after-version', type: 'input', position: { x: 0, y: 0 } });
      await waitSynced(client);
      let updates = 0;
      client.doc.on('update', () => updates++);
      await server.collab.withDocument(name, (doc) => replaceGraph(doc, version.definition));
      expect(readGraph(store.docOf(name)).nodes.map((node) => node.id)).not.toContain('after-version');
      await waitFor(() => !client.doc.getMap('nodes').has('after-version'), 'the client to see the restore');
      expect(updates).toBe(1);
    } finally {
      client.destroy();
    }
  });

  it('loads a document nobody has open, writes it, and lets it go after the idle time', async () => {
    const { server, store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    await store.appendUpdate(name, Y.encodeStateAsUpdate(createSampleWorkflow()));
    const count = await server.collab.withDocument(name, (doc) => doc.getMap('nodes').size);
    expect(count).toBeGreaterThan(0);
    await server.collab.withDocument(name, (doc) =>
      addNode(doc, { id: 'server-side', type: 'input', position: { x: 0, y: 0 } }),
    );
    expect(store.docOf(name).getMap('nodes').has('server-side')).toBe(true);
    await waitFor(() => server.collab.metrics().loadedDocuments === 0, 'the document to be released');
    expect(store.updateCount(name)).toBe(0);
  });

  it('refuses names Tandem does not serve', async () => {
    const { server } = await setup();
    await expect(server.collab.withDocument('notes:1', () => 1)).rejects.toThrow(CollabError);
  });

  it('rejects when the write cannot be stored, keeps it live, and stores it once the database is back', async () => {
    const { server, store } = await setup();
    const name = documentName(freshWorkflowId(), 'graph');
    const client = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await waitSynced(client);
      store.fail('append');
      store.fail('compact');
      await expect(
        server.collab.withDocument(name, (doc) =>
          addNode(doc, { id: 'x', type: 'input', position: { x: 0, y: 0 } }),
        ),
      ).rejects.toMatchObject({ reason: 'unavailable' });
      await waitFor(() => client.doc.getMap('nodes').has('x'), 'the live write');
      expect(server.collab.metrics().dirtyDocuments).toBe(1);
      store.heal();
      await waitFor(() => server.collab.metrics().dirtyDocuments === 0, 'the retried store', 10_000);
      expect(store.docOf(name).getMap('nodes').has('x')).toBe(true);
    } finally {
      store.heal();
      client.destroy();
    }
  });
});

describe('the runs writer', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

  it('streams a run onto the runs document, deltas coalesced, status from terminal events', async () => {
    const { server, store } = await setup();
    const workflowId = freshWorkflowId();
    const name = documentName(workflowId, 'runs');
    const watcher = connectClient({ url: server.url, name, token: 'tok-vic' });
    try {
      await waitSynced(watcher);
      const { runsWriter } = server.collab;
      await runsWriter.startRun(workflowId, {
        runId: 'r1',
        versionId: 'v1',
        startedBy: 'u-bob',
        startedAt: at(0),
      });
      await runsWriter.appendEvents(workflowId, 'r1', [
        { type: 'run.started', runId: 'r1', seq: 0, at: at(0), versionId: 'v1', inputs: {} },
        { type: 'node.started', runId: 'r1', seq: 1, at: at(1), nodeId: 'llm', attempt: 1 },
        { type: 'node.delta', runId: 'r1', seq: 2, at: at(1), nodeId: 'llm', text: 'Hel' },
        { type: 'node.delta', runId: 'r1', seq: 3, at: at(2), nodeId: 'llm', text: 'lo' },
      ]);
      await runsWriter.appendEvents(workflowId, 'r1', [
        { type: 'node.delta', runId: 'r1', seq: 4, at: at(3), nodeId: 'llm', text: ' world' },
      ]);
      await runsWriter.appendEvents(workflowId, 'r1', [
        {
          type: 'node.completed',
          runId: 'r1',
          seq: 5,
          at: at(4),
          nodeId: 'llm',
          output: 'Hello world',
          latencyMs: 4,
        },
        {
          type: 'run.completed',
          runId: 'r1',
          seq: 6,
          at: at(5),
          outputs: {},
          latencyMs: 5,
          usage: { tokensIn: 1, tokensOut: 2, costUsd: null },
        },
      ]);
      await waitFor(
        () => readRuns(watcher.doc)[0]?.status === 'succeeded',
        'the finished run at the watcher',
      );
      const [run] = readRuns(watcher.doc);
      expect(run).toMatchObject({ runId: 'r1', versionId: 'v1', startedBy: 'u-bob', finishedAt: at(5) });
      expect(run?.events.map((event) => event.type)).toEqual([
        'run.started',
        'node.started',
        'node.delta',
        'node.completed',
        'run.completed',
      ]);
      expect(run?.events[2]).toMatchObject({ seq: 4, text: 'Hello world' });
      expect(readRuns(store.docOf(name))).toEqual(readRuns(watcher.doc));
    } finally {
      watcher.destroy();
    }
  });

  it('keeps only the newest runs and a bounded number of events, and refuses foreign events', async () => {
    const { server } = await setup();
    const workflowId = freshWorkflowId();
    const { runsWriter } = server.collab;
    for (let i = 1; i <= 5; i++)
      await runsWriter.startRun(workflowId, {
        runId: `r${i}`,
        versionId: 'v',
        startedBy: null,
        startedAt: at(i),
      });
    const events = Array.from({ length: 8 }, (_, seq) => ({
      type: 'node.started',
      runId: 'r5',
      seq,
      at: at(9),
      nodeId: `n${seq}`,
    }));
    await runsWriter.appendEvents(workflowId, 'r5', [
      ...events,
      { type: 'run.failed', runId: 'r5', seq: 8, at: at(10), error: {} },
    ]);
    await expect(
      runsWriter.appendEvents(workflowId, 'r5', [{ type: 'node.started', runId: 'r4', seq: 1, at: at(1) }]),
    ).rejects.toThrow(TypeError);
    const runs = await server.collab.withDocument(documentName(workflowId, 'runs'), (doc) => readRuns(doc));
    expect(runs.map((run) => run.runId)).toEqual(['r5', 'r4', 'r3']);
    expect(runs[0]).toMatchObject({ status: 'failed', truncated: true });
    expect(runs[0]?.events).toHaveLength(5);
  });
});
