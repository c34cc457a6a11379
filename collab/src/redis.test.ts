/**
 * Two collab instances on two ports, joined by @hocuspocus/extension-redis, sharing one database, with
 * clients split across them. Runs only when REDIS_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { createDocRepository, openTestDatabase, type TestDatabase } from '@tandem/db';
import { addNode, createSampleWorkflow, documentName, readRuns } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  createTestAuth,
  freshWorkflowId,
  startCollab,
  type TestCollab,
  USERS,
  waitFor,
  waitSynced,
} from './testing/harness';
import { assertSameDocs, sameStateVectors } from './testing/random-edits';
import { applyStored } from './yjs-update';

const REDIS_URL = process.env.REDIS_URL;
const SKIP_REASON = 'REDIS_URL is unset: skipping the two-instance Redis test';
if (!REDIS_URL) process.stderr.write(`[@tandem/collab] ${SKIP_REASON}\n`);

describe.skipIf(!REDIS_URL)(REDIS_URL ? 'two instances over Redis' : SKIP_REASON, () => {
  let database: TestDatabase;
  let one: TestCollab;
  let two: TestCollab;

  beforeAll(async () => {
    // The instances share one database, as in production; PGlite here unless TEST_DATABASE_URL is set.
    database = await openTestDatabase(
      process.env.TEST_DATABASE_URL ? { adminUrl: process.env.TEST_DATABASE_URL } : {},
    );
    // A prefix of its own, so parallel runs on one Redis never hear each other.
    const redis = { url: REDIS_URL ?? '', prefix: `tandem-test-${randomUUID()}` };
    const options = {
      auth: createTestAuth(),
      store: createDocRepository(database.database.db),
      redis,
      timing: { compactDebounceMs: 100, compactMaxDebounceMs: 300, directIdleMs: 200 },
    };
    one = await startCollab({ ...options, name: 'one' });
    two = await startCollab({ ...options, name: 'two' });
  }, 60_000);

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await database?.cleanup();
  });

  it('share edits and presence between clients on different instances, and store them once', async () => {
    const name = documentName(freshWorkflowId(), 'graph');
    const alice = connectClient({ url: one.url, name, token: 'tok-alice', doc: createSampleWorkflow() });
    const bob = connectClient({ url: two.url, name, token: 'tok-bob' });
    const vic = connectClient({ url: two.url, name, token: 'tok-vic' });
    try {
      await Promise.all([alice, bob, vic].map((client) => waitSynced(client)));
      await waitFor(() => bob.doc.getMap('nodes').size > 0, 'bob to receive alice’s workflow');
      addNode(bob.doc, { id: 'from-two', type: 'input', position: { x: 0, y: 0 } });
      addNode(alice.doc, { id: 'from-one', type: 'input', position: { x: 1, y: 1 } });
      await waitFor(
        () => sameStateVectors([alice.doc, bob.doc, vic.doc]) && alice.doc.getMap('nodes').has('from-two'),
        'the clients of both instances to converge',
      );
      alice.provider.setAwarenessField('cursor', { x: 3, y: 4 });
      await waitFor(
        () => vic.provider.awareness?.getStates().get(alice.doc.clientID)?.cursor?.x === 3,
        'alice’s cursor on the other instance',
      );
      expect(vic.provider.awareness?.getStates().get(alice.doc.clientID)?.user).toEqual(USERS.alice);
      // Vic is a viewer on instance two: his edit goes nowhere, on either instance.
      addNode(vic.doc, { id: 'from-viewer', type: 'input', position: { x: 0, y: 0 } });
      await Promise.all([waitSynced(alice), waitSynced(bob)]);
      const stored = await createDocRepository(database.database.db).load(name);
      const fresh = new Y.Doc();
      applyStored(fresh, [...(stored.state ? [stored.state] : []), ...stored.updates]);
      expect(assertSameDocs([alice.doc, bob.doc, fresh])).toBeNull();
      expect(alice.doc.getMap('nodes').has('from-viewer')).toBe(false);
    } finally {
      alice.destroy();
      bob.destroy();
      vic.destroy();
    }
  });

  it('deliver the runs writer of one instance to watchers on the other', async () => {
    const workflowId = freshWorkflowId();
    const watcher = connectClient({ url: two.url, name: documentName(workflowId, 'runs'), token: 'tok-vic' });
    try {
      await waitSynced(watcher);
      await one.collab.runsWriter.startRun(workflowId, {
        runId: 'r1',
        versionId: 'v1',
        startedBy: USERS.bob.id,
        startedAt: new Date().toISOString(),
      });
      await one.collab.runsWriter.appendEvents(workflowId, 'r1', [
        {
          type: 'run.started',
          runId: 'r1',
          seq: 0,
          at: new Date().toISOString(),
          versionId: 'v1',
          inputs: {},
        },
      ]);
      await waitFor(() => readRuns(watcher.doc)[0]?.events.length === 1, 'the run on the other instance');
      expect(readRuns(watcher.doc)[0]).toMatchObject({ runId: 'r1', status: 'running' });
    } finally {
      watcher.destroy();
    }
  });
});
