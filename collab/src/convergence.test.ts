/**
 * Five real providers edit one workflow at random through the workflow accessors, with random drops of
 * their sockets, against a server persisting to PGlite (or Postgres with TEST_DATABASE_URL). Afterwards
 * every client and a fresh load from the database must be the same document. COLLAB_SEED replays a run.
 */

import { createDocRepository, openTestDatabase, type TestDatabase } from '@tandem/db';
import { createSampleWorkflow, documentName } from '@tandem/workflow';
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
  waitFor,
} from './testing/harness';
import { assertSameDocs, mulberry32, randomEdit, sameStateVectors } from './testing/random-edits';
import { applyStored } from './yjs-update';

const SEED = Number(process.env.COLLAB_SEED ?? Date.now() % 100_000);
const EDITS = 60;

let database: TestDatabase;
let server: TestCollab;

beforeAll(async () => {
  database = await openTestDatabase(
    process.env.TEST_DATABASE_URL ? { adminUrl: process.env.TEST_DATABASE_URL } : {},
  );
  server = await startCollab({
    auth: createTestAuth(),
    store: createDocRepository(database.database.db),
    timing: { compactDebounceMs: 100, compactMaxDebounceMs: 300 },
  });
}, 60_000);
afterAll(async () => {
  await server.stop();
  await database.cleanup();
});

describe('five clients editing at random', () => {
  it(`converge, and the database holds the same document (COLLAB_SEED=${SEED})`, async () => {
    const random = mulberry32(SEED);
    const name = documentName(freshWorkflowId(), 'graph');
    // Five clients, alternating two editors.
    const tokens = ['tok-alice', 'tok-bob', 'tok-alice', 'tok-bob', 'tok-alice'];
    const clients: TestClient[] = tokens.map((token, i) =>
      connectClient({ url: server.url, name, token, doc: i === 0 ? createSampleWorkflow() : new Y.Doc() }),
    );
    try {
      await waitFor(() => clients.every((client) => client.provider.isSynced), 'all clients synced');
      for (let round = 0; round < EDITS; round++) {
        for (const [index, client] of clients.entries()) {
          randomEdit(client.doc, random, `c${index}-${round}`, { deletions: true });
          // Now and then a client's socket drops; it keeps editing offline and resyncs on reconnect.
          if (random() < 0.01) client.socket.websocket.webSocket?.close();
        }
        if (random() < 0.3) await sleep(Math.floor(random() * 5));
      }
      await waitFor(
        () =>
          clients.every((client) => client.provider.isSynced && client.provider.unsyncedChanges === 0) &&
          sameStateVectors(clients.map((client) => client.doc)),
        'convergence',
        15_000,
      );
      const stored = await createDocRepository(database.database.db).load(name);
      const fresh = new Y.Doc();
      applyStored(fresh, [...(stored.state ? [stored.state] : []), ...stored.updates]);
      expect(assertSameDocs([...clients.map((client) => client.doc), fresh])).toBeNull();
    } catch (error) {
      console.error(
        `replay with COLLAB_SEED=${SEED}`,
        clients.map((c) => [
          c.provider.isSynced,
          c.provider.unsyncedChanges,
          c.socket.closes,
          c.authFailures,
          c.documentCloses,
        ]),
        assertSameDocs(clients.map((client) => client.doc)),
        server.collab.metrics(),
      );
      throw error;
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
