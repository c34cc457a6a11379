import { addNode, documentName } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFrame, type RawSocket, rawSocket, updateFrame, varString, varUint } from './testing/frames';
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

let server: TestCollab;
let store: MemoryStore;
/** Two editors on one document, and a bystander on another; every test checks they are untouched. */
let bystanders: { name: string; alice: TestClient; bob: TestClient; other: TestClient };

beforeAll(async () => {
  store = createMemoryStore();
  server = await startCollab({
    auth: createTestAuth(),
    store,
    limits: {
      maxFrameBytes: 64 * 1024,
      messagesPerSecond: 100,
      messageBurst: 100,
      authTimeoutMs: 300,
      maxAuthFailures: 3,
      handshakeTimeoutMs: 50,
    },
  });
  const name = documentName(freshWorkflowId(), 'graph');
  bystanders = {
    name,
    alice: connectClient({ url: server.url, name, token: 'tok-alice' }),
    bob: connectClient({ url: server.url, name, token: 'tok-bob' }),
    other: connectClient({
      url: server.url,
      name: documentName(freshWorkflowId(), 'graph'),
      token: 'tok-bob',
    }),
  };
  await Promise.all([bystanders.alice, bystanders.bob, bystanders.other].map((client) => waitSynced(client)));
});

afterAll(async () => {
  for (const client of [bystanders.alice, bystanders.bob, bystanders.other]) client.destroy();
  await server.stop();
});

let edits = 0;
/** The other connections still work: an edit goes through and reaches the other editor. */
async function bystandersUnaffected(): Promise<void> {
  const id = `edit-${++edits}`;
  addNode(bystanders.alice.doc, { id, type: 'input', position: { x: 0, y: 0 } });
  await waitFor(() => bystanders.bob.doc.getMap('nodes').has(id), 'the bystanders to keep syncing');
  for (const client of [bystanders.alice, bystanders.bob, bystanders.other])
    expect(client.socket.closes).toEqual([]);
}

async function authenticated(name: string): Promise<RawSocket> {
  const raw = rawSocket(server.url);
  await raw.opened;
  raw.ws.send(authFrame(name, 'tok-bob'));
  await waitFor(() => raw.received.length > 0, 'the authentication reply');
  return raw;
}

describe('limits', () => {
  it('close a socket sending a frame over the size limit (1009), before it is buffered', async () => {
    const raw = rawSocket(server.url);
    await raw.opened;
    raw.ws.send(new Uint8Array(100 * 1024));
    expect((await raw.closed).code).toBe(1009);
    await bystandersUnaffected();
  });

  it('close a socket sending too many messages (4429)', async () => {
    const raw = await authenticated(bystanders.name);
    const query = new Uint8Array([...varString(bystanders.name), ...varUint(3)]);
    for (let i = 0; i < 300; i++) raw.ws.send(query);
    expect(await raw.closed).toEqual({ code: 4429, reason: 'rate-limited' });
    await bystandersUnaffected();
  });

  it('close a socket that does not authenticate in time (4401)', async () => {
    const raw = rawSocket(server.url);
    expect(await raw.closed).toEqual({ code: 4401, reason: 'unauthorized' });
  });

  it('close a socket after too many refused authentications (4429)', async () => {
    const raw = rawSocket(server.url);
    await raw.opened;
    for (let i = 0; i < 5; i++) raw.ws.send(authFrame(documentName(`guess-${i}`, 'graph'), `tok-guess-${i}`));
    expect(await raw.closed).toEqual({ code: 4429, reason: 'rate-limited' });
  });
});

describe('a malformed frame', () => {
  const garbageUpdate = new Uint8Array([5, 200, 1, 99, 7, 7, 7]);
  const cases: [string, (name: string) => string | Uint8Array][] = [
    ['a text frame', () => 'hello'],
    ['an empty frame', () => new Uint8Array()],
    ['a truncated document name', () => new Uint8Array([40, 119, 111])],
    ['invalid UTF-8 in the name', () => new Uint8Array([2, 0xc3, 0x28, 0])],
    ['an unknown message type', (name) => new Uint8Array([...varString(name), ...varUint(99)])],
    [
      'a server-internal message type',
      (name) => new Uint8Array([...varString(name), ...varUint(6), ...varString('x')]),
    ],
    ['an unknown sync step', (name) => new Uint8Array([...varString(name), ...varUint(0), ...varUint(7)])],
    ['an undecodable Yjs update', (name) => updateFrame(name, garbageUpdate)],
  ];

  for (const [what, frame] of cases) {
    it(`(${what}) closes only its own socket, with 4400`, async () => {
      const raw = await authenticated(bystanders.name);
      raw.ws.send(frame(bystanders.name));
      expect(await raw.closed).toEqual({ code: 4400, reason: 'malformed-message' });
      await bystandersUnaffected();
    });
  }

  it('is never stored', () => {
    const stored = store.docOf(bystanders.name);
    expect(stored.getMap('nodes').size).toBe(edits);
  });

  it('(random bytes after a valid envelope, 300 times) never takes the process or another document down', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const name = documentName(freshWorkflowId(), 'graph');
    for (let round = 0; round < 30; round++) {
      const raw = await authenticated(name);
      for (let i = 0; i < 10; i++) {
        const type = [0, 1, 3, 4, 5, 7][Math.floor(random() * 6)] ?? 0;
        const body = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
        const step = type === 0 || type === 4 ? [Math.floor(random() * 3)] : [];
        if (raw.ws.readyState === raw.ws.OPEN)
          raw.ws.send(new Uint8Array([...varString(name), type, ...step, ...body]));
      }
      raw.ws.close();
    }
    await bystandersUnaffected();
  });
});
