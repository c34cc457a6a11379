import { addNode, documentName } from '@tandem/workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { createStaticAuth, type StaticAuth } from './static-auth';
import {
  connectClient,
  sleep,
  startCollab,
  type TestCollab,
  USERS,
  waitFor,
  waitSynced,
} from './testing/harness';
import { createMemoryStore } from './testing/memory-store';

const WF = 'wf-team';
const graph = documentName(WF, 'graph');

function teamAuth(): StaticAuth {
  return createStaticAuth({
    tokens: { 'tok-alice': USERS.alice, 'tok-bob': USERS.bob },
    roles: { [USERS.alice.id]: { [WF]: 'owner' }, [USERS.bob.id]: { [WF]: 'editor' } },
  });
}

let server: TestCollab | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function setup(revalidateIntervalMs: number) {
  const auth = teamAuth();
  server = await startCollab({ auth, store: createMemoryStore(), timing: { revalidateIntervalMs } });
  const alice = connectClient({ url: server.url, name: graph, token: 'tok-alice' });
  const bob = connectClient({ url: server.url, name: graph, token: 'tok-bob' });
  const bobComments = connectClient({
    socket: bob.socket,
    name: documentName(WF, 'comments'),
    token: 'tok-bob',
  });
  await Promise.all([waitSynced(alice), waitSynced(bob), waitSynced(bobComments)]);
  return { auth, alice, bob, bobComments };
}

describe('an open connection', () => {
  it('becomes read-only within 5 s of a demotion, and says so', async () => {
    const { auth, alice, bob, bobComments } = await setup(1_000);
    try {
      auth.setRole(USERS.bob.id, WF, 'viewer');
      const demoted = Date.now();
      await waitFor(() => bob.notices.some((notice) => notice.type === 'tandem/access'), 'the access notice');
      expect(Date.now() - demoted).toBeLessThan(5_000);
      expect(bob.notices).toContainEqual({ type: 'tandem/access', role: 'viewer', readOnly: true });
      addNode(bob.doc, { id: 'after-demotion', type: 'input', position: { x: 0, y: 0 } });
      await sleep(150);
      expect(alice.doc.getMap('nodes').has('after-demotion')).toBe(false);
      // Comments stay writable for viewers: told the new role, still read-write, and the socket is open.
      await waitFor(() => bobComments.notices.length > 0, 'the comments notice');
      expect(bobComments.notices).toEqual([{ type: 'tandem/access', role: 'viewer', readOnly: false }]);
      expect(bob.socket.closes).toEqual([]);
    } finally {
      alice.destroy();
      bobComments.destroy();
      bob.destroy();
    }
  });

  it('is cut off within 5 s of removal from the workspace, and refused on reconnect', async () => {
    const { auth, alice, bob, bobComments } = await setup(1_000);
    try {
      auth.setRole(USERS.bob.id, WF, null);
      const removed = Date.now();
      await waitFor(
        () => bob.socket.closes.some((close) => close.code === 4403),
        'the socket to close with 4403',
      );
      expect(Date.now() - removed).toBeLessThan(5_000);
      expect(bob.documentCloses).toContain('forbidden');
      addNode(alice.doc, { id: 'after-removal', type: 'input', position: { x: 0, y: 0 } });
      await waitFor(() => bob.authFailures.includes('forbidden'), 'the refused reconnect');
      expect(bob.doc.getMap('nodes').has('after-removal')).toBe(false);
    } finally {
      alice.destroy();
      bobComments.destroy();
      bob.destroy();
    }
  });

  it('is closed with 4401 when its session is revoked', async () => {
    const { auth, alice, bob, bobComments } = await setup(60_000);
    try {
      auth.revokeToken('tok-bob');
      await server?.collab.revalidate(USERS.bob.id);
      await waitFor(
        () => bob.socket.closes.some((close) => close.code === 4401),
        'the socket to close with 4401',
      );
      expect(alice.socket.closes).toEqual([]);
    } finally {
      alice.destroy();
      bobComments.destroy();
      bob.destroy();
    }
  });

  it('changes at once when the api calls revalidate(userId), and regains write access on promotion', async () => {
    const { auth, alice, bob, bobComments } = await setup(60_000);
    try {
      auth.setRole(USERS.bob.id, WF, 'viewer');
      await server?.collab.revalidate(USERS.bob.id);
      await waitFor(() => bob.notices.length === 1, 'the demotion notice');
      auth.setRole(USERS.bob.id, WF, 'editor');
      await server?.collab.revalidate();
      await waitFor(() => bob.notices.length === 2, 'the promotion notice');
      expect(bob.notices[1]).toEqual({ type: 'tandem/access', role: 'editor', readOnly: false });
      addNode(bob.doc, { id: 'after-promotion', type: 'input', position: { x: 0, y: 0 } });
      await waitFor(() => alice.doc.getMap('nodes').has('after-promotion'), 'alice to see the edit');
    } finally {
      alice.destroy();
      bobComments.destroy();
      bob.destroy();
    }
  });
});
