import { addNode, createWorkflowDoc, documentName } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authFrame, rawSocket, syncStep1Frame, varString } from './testing/frames';
import {
  collabUrl,
  connectClient,
  createTestAuth,
  freshWorkflowId,
  sleep,
  startCollab,
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

const graph = (workflowId: string) => documentName(workflowId, 'graph');

describe('authentication', () => {
  it('lets two members see each other’s edits and presence from their accounts', async () => {
    const name = graph(freshWorkflowId());
    const alice = connectClient({ url: server.url, name, token: 'tok-alice', doc: createWorkflowDoc() });
    const bob = connectClient({ url: server.url, name, token: () => 'tok-bob' });
    try {
      await Promise.all([waitSynced(alice), waitSynced(bob)]);
      const started = Date.now();
      addNode(alice.doc, { id: 'n1', type: 'input', position: { x: 1, y: 2 } });
      await waitFor(() => bob.doc.getMap('nodes').has('n1'), 'bob to see the node');
      expect(Date.now() - started).toBeLessThan(500);
      alice.provider.setAwarenessField('user', { id: 'u-bob', name: 'Not Alice', color: '#000' });
      alice.provider.setAwarenessField('cursor', { x: 5, y: 6 });
      await waitFor(
        () =>
          [...(bob.provider.awareness?.getStates().values() ?? [])].some((state) => state.cursor?.x === 5),
        'alice’s cursor at bob',
      );
      const seen = [...(bob.provider.awareness?.getStates().values() ?? [])].find(
        (state) => state.cursor?.x === 5,
      );
      expect(seen?.user).toEqual(USERS.alice);
      expect(alice.provider.authorizedScope).toBe('read-write');
    } finally {
      alice.destroy();
      bob.destroy();
    }
  });

  it('refuses a missing or unknown session, and a member of another workspace', async () => {
    const workflowId = freshWorkflowId();
    const nobody = connectClient({ url: server.url, name: graph(workflowId), token: '' });
    const forged = connectClient({ url: server.url, name: graph(workflowId), token: 'tok-mallory' });
    const eve = connectClient({ url: server.url, name: graph(workflowId), token: 'tok-eve' });
    try {
      await waitFor(
        () => nobody.authFailures.length + forged.authFailures.length + eve.authFailures.length === 3,
        'three refusals',
      );
      expect(nobody.authFailures).toEqual(['unauthorized']);
      expect(forged.authFailures).toEqual(['unauthorized']);
      expect(eve.authFailures).toEqual(['forbidden']);
      // Refused before Hocuspocus created the document: nothing was loaded, nothing reached the clients.
      expect(store.loadsOf(graph(workflowId))).toBe(0);
      expect(server.collab.hocuspocus.documents.has(graph(workflowId))).toBe(false);
      expect(Y.encodeStateAsUpdate(nobody.doc)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
    } finally {
      nobody.destroy();
      forged.destroy();
      eve.destroy();
    }
  });

  it('takes the session from the tandem_session cookie when the provider sends no token', async () => {
    const client = connectClient({
      url: server.url,
      name: graph(freshWorkflowId()),
      token: '',
      headers: { cookie: 'theme=dark; tandem_session=tok-bob' },
    });
    try {
      await waitSynced(client);
      expect(client.provider.isAuthenticated).toBe(true);
    } finally {
      client.destroy();
    }
  });

  it('asks the token function again on every reconnect', async () => {
    let calls = 0;
    const client = connectClient({
      url: server.url,
      name: graph(freshWorkflowId()),
      token: () => {
        calls++;
        return 'tok-bob';
      },
    });
    try {
      await waitSynced(client);
      expect(calls).toBe(1);
      client.socket.websocket.webSocket?.close();
      await waitFor(() => calls === 2 && client.provider.isSynced, 'a reconnect with a fresh token');
    } finally {
      client.destroy();
    }
  });

  it('refuses names Tandem does not serve before loading, without a byte of any document', async () => {
    for (const name of ['notes:1', 'workflow:a:secrets', 'workflow:../../etc', 'workflow:a:runs:b']) {
      const raw = rawSocket(server.url);
      await raw.opened;
      raw.ws.send(authFrame(name, 'tok-alice'));
      raw.ws.send(syncStep1Frame(name));
      await waitFor(() => raw.received.length > 0, `a reply for ${name}`);
      await sleep(50);
      // Exactly one frame: Auth / PermissionDenied / "unknown-document".
      expect(raw.received).toHaveLength(1);
      expect([...(raw.received[0] ?? [])]).toEqual([
        ...varString(name),
        2,
        1,
        ...varString('unknown-document'),
      ]);
      expect(store.loadsOf(name)).toBe(0);
      raw.ws.close();
    }
  });

  it('refuses a client older than the document schema, one that does not say, and a newer one', async () => {
    const name = graph(freshWorkflowId());
    const old = connectClient({ url: collabUrl(server.port, 1), name, token: 'tok-alice' });
    const silent = connectClient({ url: `ws://127.0.0.1:${server.port}/collab`, name, token: 'tok-alice' });
    const newer = connectClient({ url: collabUrl(server.port, 99), name, token: 'tok-alice' });
    try {
      await waitFor(() => [old, silent, newer].every((client) => client.authFailures.length > 0), 'refusals');
      expect(old.authFailures).toEqual(['client-too-old']);
      expect(silent.authFailures).toEqual(['client-too-old']);
      expect(newer.authFailures).toEqual(['server-too-old']);
      expect(store.loadsOf(name)).toBe(0);
    } finally {
      old.destroy();
      silent.destroy();
      newer.destroy();
    }
  });
});

describe('origin', () => {
  it('accepts the same host and clients without Origin, refuses other origins before the upgrade', async () => {
    const same = rawSocket(server.url, { origin: `http://127.0.0.1:${server.port}` });
    const none = rawSocket(server.url);
    const evil = rawSocket(server.url, { origin: 'https://evil.example' });
    expect(await same.refused).toBeNull();
    expect(await none.refused).toBeNull();
    expect(await evil.refused).toBe(403);
    same.ws.close();
    none.ws.close();
  });

  it('accepts only the configured origins when given', async () => {
    const configured = await startCollab({
      auth: createTestAuth(),
      store: createMemoryStore(),
      allowedOrigins: ['https://tandem.example'],
    });
    try {
      const allowed = rawSocket(configured.url, { origin: 'https://tandem.example' });
      const host = rawSocket(configured.url, { origin: `http://127.0.0.1:${configured.port}` });
      expect(await allowed.refused).toBeNull();
      expect(await host.refused).toBe(403);
      allowed.ws.close();
    } finally {
      await configured.stop();
    }
  });
});
