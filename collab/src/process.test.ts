/**
 * collab as its own process (src/main.ts) on on-disk PGlite (Postgres with TEST_DATABASE_URL): killed with
 * SIGKILL while clients edit, stopped with SIGTERM, and an acknowledged edit that nobody holds any more.
 * KILL_SEED replays the kill test's edits and kill times.
 */

import { addNode, documentName, initWorkflowDoc } from '@tandem/workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type ChildDatabase,
  type ChildServer,
  freePort,
  openChildDatabase,
  pgliteTemplate,
  removePgliteTemplate,
  spawnCollab,
} from './testing/child';
import {
  collabUrl,
  connectClient,
  sleep,
  type TestClient,
  USERS,
  waitFor,
  waitSynced,
} from './testing/harness';
import {
  assertSameDocs,
  mulberry32,
  randomEdit,
  sameStateVectors,
  textMarkers,
} from './testing/random-edits';

const AUTH = {
  tokens: { 'tok-alice': USERS.alice, 'tok-bob': USERS.bob },
  roles: { [USERS.alice.id]: { '*': 'owner' as const }, [USERS.bob.id]: { '*': 'editor' as const } },
};
const NAME = documentName('wf-process', 'graph');

let database: ChildDatabase | null = null;
let server: ChildServer | null = null;
const clients: TestClient[] = [];

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) await pgliteTemplate();
}, 60_000);
afterAll(() => removePgliteTemplate());

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  server?.child.kill('SIGKILL');
  await server?.exited;
  server = null;
  await database?.cleanup();
  database = null;
});

async function start(port: number): Promise<ChildServer> {
  if (!database) throw new Error('no database');
  server = await spawnCollab({ port, database, auth: AUTH });
  return server;
}

async function kill(signal: NodeJS.Signals): Promise<number | null> {
  const current = server;
  if (!current) throw new Error('no server');
  current.child.kill(signal);
  const code = await current.exited;
  server = null;
  return code;
}

describe('the collab process', () => {
  it('keeps an acknowledged edit through SIGKILL after its client has gone for good', {
    timeout: 60_000,
  }, async () => {
    database = await openChildDatabase();
    const port = await freePort();
    await start(port);
    const client = connectClient({ url: collabUrl(port), name: NAME, token: 'tok-bob' });
    await waitSynced(client);
    initWorkflowDoc(client.doc, { name: 'durable' });
    addNode(client.doc, { id: 'acknowledged', type: 'input', position: { x: 1, y: 1 } });
    await waitSynced(client);
    const expected = Y.encodeStateAsUpdate(client.doc);
    client.destroy();
    await kill('SIGKILL');
    const { doc } = await database.loadDoc(NAME);
    expect(doc.getMap('nodes').has('acknowledged')).toBe(true);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVectorFromUpdate(expected));
  });

  it('stores everything on SIGTERM before it exits', { timeout: 60_000 }, async () => {
    database = await openChildDatabase();
    const port = await freePort();
    await start(port);
    const client = connectClient({ url: collabUrl(port), name: NAME, token: 'tok-alice' });
    clients.push(client);
    await waitSynced(client);
    initWorkflowDoc(client.doc, { name: 'graceful' });
    for (let i = 0; i < 50; i++)
      addNode(client.doc, { id: `n${i}`, type: 'input', position: { x: i, y: i } });
    await waitSynced(client);
    expect(await kill('SIGTERM')).toBe(0);
    const { doc, tail } = await database.loadDoc(NAME);
    // Compacted on the way out: one state row, no log left.
    expect(tail).toBe(0);
    expect(assertSameDocs([client.doc, doc])).toBeNull();
  });

  it('loses no edit when killed with SIGKILL at random moments while three clients edit', async () => {
    const seed = Number(process.env.KILL_SEED ?? Date.now() % 100_000);
    const editsPerClient = Number(process.env.KILL_EDITS ?? 2_000);
    const random = mulberry32(seed);
    database = await openChildDatabase();
    const port = await freePort();
    await start(port);
    const tokens = ['tok-alice', 'tok-bob', 'tok-alice'];
    for (const token of tokens) clients.push(connectClient({ url: collabUrl(port), name: NAME, token }));
    await Promise.all(clients.map((client) => waitSynced(client)));
    const first = clients[0];
    if (!first) throw new Error('no client');
    initWorkflowDoc(first.doc, { name: 'under fire' });

    const nodes = new Set<string>();
    const markers = new Set<string>();
    let editing = true;
    let kills = 0;
    const restarts: number[] = [];
    const started = Date.now();
    const editors = clients.map(async (client, index) => {
      const own = mulberry32(seed * 31 + index);
      for (let i = 0; i < editsPerClient; i++) {
        const edit = randomEdit(client.doc, own, `c${index}e${i}`, { deletions: false });
        if (edit.kind === 'node') nodes.add(edit.unique);
        if (edit.kind === 'text') markers.add(edit.unique);
        if (i % 2 === 0) await sleep(6 + Math.floor(own() * 12));
      }
    });
    const killer = (async () => {
      while (editing) {
        await sleep(200 + Math.floor(random() * 800));
        if (!editing) break;
        await kill('SIGKILL');
        kills++;
        const down = Date.now();
        await start(port);
        restarts.push(Date.now() - down);
      }
    })();
    try {
      await Promise.all(editors);
    } finally {
      editing = false;
      await killer;
    }
    const edited = Date.now();
    await waitFor(
      () =>
        clients.every((client) => client.provider.isSynced && client.provider.unsyncedChanges === 0) &&
        sameStateVectors(clients.map((client) => client.doc)),
      'the clients to resync with the restarted server',
      30_000,
    ).catch(async (error: unknown) => {
      const out = server?.output() ?? '';
      await kill('SIGTERM');
      const stored = (await database?.loadDoc(NAME))?.doc;
      console.error(
        'server has',
        stored && [...Y.decodeStateVector(Y.encodeStateVector(stored)).entries()].sort().join(' '),
        out.slice(-5000),
      );
      console.error(
        clients.map((client) => ({
          synced: client.provider.isSynced,
          unsynced: client.provider.unsyncedChanges,
          status: client.socket.websocket.status,
          closes: client.socket.closes.slice(-3),
          auth: client.authFailures,
          docCloses: client.documentCloses,
        })),
        assertSameDocs(clients.map((client) => client.doc)),
        clients.map((client) =>
          [...Y.decodeStateVector(Y.encodeStateVector(client.doc)).entries()].sort().join(' '),
        ),
        clients.map((client) => client.doc.getMap('nodes').size),
        clients.map((client) => [...textMarkers(client.doc).keys()].length),
        server?.output().slice(-3000),
      );
      throw error;
    });
    const synced = Date.now();
    expect(await kill('SIGTERM')).toBe(0);
    const { doc } = await database.loadDoc(NAME);
    console.info(
      `kill test (KILL_SEED=${seed}): ${tokens.length} x ${editsPerClient} edits in ${edited - started} ms, ${kills} SIGKILLs (restarts took ${restarts.join(', ')} ms), resynced in ${synced - edited} ms`,
    );
    expect(kills).toBeGreaterThan(0);
    expect(assertSameDocs([...clients.map((client) => client.doc), doc])).toBeNull();
    const stored = doc.getMap('nodes');
    for (const id of nodes) expect(stored.has(id), `node ${id}`).toBe(true);
    const counts = textMarkers(doc);
    for (const marker of markers) expect(counts.get(marker), `marker ${marker}`).toBe(1);
    expect(counts.size).toBe(markers.size);
  }, 120_000);
});
