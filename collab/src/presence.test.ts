import { documentName } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { authFrame, rawSocket, varBytes, varString, varUint } from './testing/frames';
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
import { createMemoryStore } from './testing/memory-store';

let server: TestCollab;
beforeAll(async () => {
  server = await startCollab({ auth: createTestAuth(), store: createMemoryStore() });
});
afterAll(() => server.stop());

function stateOf(observer: TestClient, clientId: number): Record<string, unknown> | undefined {
  return observer.provider.awareness?.getStates().get(clientId);
}

describe('presence', () => {
  it('shows the session’s name and colour whatever the client claims', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    try {
      await Promise.all([waitSynced(bob), waitSynced(alice)]);
      bob.provider.setAwarenessField('user', { id: USERS.alice.id, name: 'Alice', color: '#e11d48' });
      await waitFor(() => stateOf(alice, bob.doc.clientID) !== undefined, 'bob’s presence at alice');
      expect(stateOf(alice, bob.doc.clientID)?.user).toEqual(USERS.bob);
    } finally {
      bob.destroy();
      alice.destroy();
    }
  });

  it('caps a read-only connection’s awareness to user and cursor', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const vic = connectClient({ url: server.url, name, token: 'tok-vic' });
    const bob = connectClient({ url: server.url, name, token: 'tok-bob' });
    try {
      await Promise.all([waitSynced(vic), waitSynced(bob)]);
      vic.provider.awareness?.setLocalState({ cursor: { x: 1, y: 2 }, selection: ['x'.repeat(10_000)] });
      await waitFor(() => stateOf(bob, vic.doc.clientID) !== undefined, 'vic’s presence at bob');
      expect(stateOf(bob, vic.doc.clientID)).toEqual({ user: USERS.vic, cursor: { x: 1, y: 2 } });
      // An editor may send more (up to the larger cap).
      bob.provider.awareness?.setLocalState({ cursor: null, selection: ['n'.repeat(3_000)] });
      await waitFor(() => stateOf(vic, bob.doc.clientID) !== undefined, 'bob’s presence at vic');
      expect(stateOf(vic, bob.doc.clientID)?.selection).toEqual(['n'.repeat(3_000)]);
    } finally {
      vic.destroy();
      bob.destroy();
    }
  });

  it('does not let one connection speak for another person’s awareness client', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const alice = connectClient({ url: server.url, name, token: 'tok-alice' });
    const vic = connectClient({ url: server.url, name, token: 'tok-vic' });
    try {
      await Promise.all([waitSynced(alice), waitSynced(vic)]);
      alice.provider.setAwarenessField('cursor', { x: 10, y: 10 });
      await waitFor(() => stateOf(vic, alice.doc.clientID) !== undefined, 'alice’s presence at vic');

      const raw = rawSocket(server.url);
      await raw.opened;
      raw.ws.send(authFrame(name, 'tok-bob'));
      await waitFor(() => raw.received.length > 0, 'bob authenticated');
      const forger = new Y.Doc();
      forger.clientID = alice.doc.clientID;
      const awareness = new Awareness(forger);
      // A clock far ahead of alice's, so a receiver would take it if the server relayed it.
      for (let i = 0; i < 50; i++) awareness.setLocalState({ cursor: { x: 666, y: 666 }, i });
      const update = encodeAwarenessUpdate(awareness, [forger.clientID]);
      raw.ws.send(new Uint8Array([...varString(name), ...varUint(1), ...varBytes(update)]));
      await sleep(200);
      expect(stateOf(vic, alice.doc.clientID)?.cursor).toEqual({ x: 10, y: 10 });
      expect(stateOf(vic, alice.doc.clientID)?.user).toEqual(USERS.alice);
      raw.ws.close();
      awareness.destroy();
    } finally {
      alice.destroy();
      vic.destroy();
    }
  });
});
