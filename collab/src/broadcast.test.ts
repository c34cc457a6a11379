import type { Document } from '@hocuspocus/server';
import { addNode, documentName } from '@tandem/workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnvelope } from './frame';
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
import { createMemoryStore } from './testing/memory-store';

/** Hocuspocus message types and the y-protocols update step (lib0-encoded after the document name). */
const SYNC = 0;
const AWARENESS = 1;
const SYNC_UPDATE = 2;

/**
 * When changes go out to a document's clients: the behaviour of patches/@hocuspocus__server@4.7.0.patch
 * (see collab/CONTEXT.md, "Readers first"). Stock Hocuspocus fails the first two cases (hooks first, every
 * change held to the end of the turn); sending every change at once (`flushDelay: false`) fails the
 * batching cases, and with 200 clients a wave of presence renewals then blocked the server for 250 ms at a time.
 */

let server: TestCollab | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = null;
});

/** A writer and a reader on `name`, synced; the server's live document. */
async function openTwo(
  name: string,
): Promise<{ document: Document; writer: TestClient; reader: TestClient }> {
  server = await startCollab({ auth: createTestAuth(), store: createMemoryStore() });
  const writer = connectClient({ url: server.url, name, token: 'tok-alice' });
  const reader = connectClient({ url: server.url, name, token: 'tok-vic' });
  clients.push(writer, reader);
  await Promise.all([waitSynced(writer), waitSynced(reader)]);
  const document = server.collab.hocuspocus.documents.get(name);
  if (!document) throw new Error(`${name} is not loaded`);
  return { document, writer, reader };
}

/**
 * Records, in order, the document updates ('update') and awareness ('awareness') the server sends on
 * `document`, and every run of its change hooks; other frames (acknowledgements) are left out.
 */
function recordOrder(document: Document): string[] {
  const order: string[] = [];
  for (const connection of document.getConnections()) {
    const send = connection.send.bind(connection);
    connection.send = (message) => {
      const read = readEnvelope(message);
      if (read.ok === true && read.envelope.type === AWARENESS) order.push('awareness');
      if (read.ok === true && read.envelope.type === SYNC && read.envelope.syncStep === SYNC_UPDATE)
        order.push('update');
      send(message);
    };
  }
  const onUpdate = document.callbacks.onUpdate;
  document.callbacks.onUpdate = (...args) => {
    order.push('hooks');
    onUpdate(...args);
  };
  return order;
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a change to a document', () => {
  it('is sent to every client inside the apply, before the change hooks and the acknowledgement', async () => {
    const { document, writer, reader } = await openTwo(documentName(freshWorkflowId(), 'graph'));
    const order = recordOrder(document);
    addNode(writer.doc, { id: 'sent-first', type: 'input', position: { x: 0, y: 0 } });
    await waitFor(() => reader.doc.getMap('nodes').has('sent-first'), 'the reader to get the edit');
    await waitSynced(writer);
    // One frame per open connection (the author's echo and the reader's), then the hooks.
    expect(order.filter((entry) => entry !== 'awareness').slice(0, 3)).toEqual(['update', 'update', 'hooks']);
  });

  it('goes out at once when it is the first of its turn; the rest of the turn goes as one message', async () => {
    const { document, reader } = await openTwo(documentName(freshWorkflowId(), 'runs'));
    const order = recordOrder(document);
    for (const key of ['a', 'b', 'c']) document.transact(() => document.getMap('probe').set(key, 1));
    expect(order).toEqual(['update', 'update', 'hooks', 'hooks', 'hooks']);
    await endOfTurn();
    expect(order).toEqual(['update', 'update', 'hooks', 'hooks', 'hooks', 'update', 'update']);
    await waitFor(() => reader.doc.getMap('probe').size === 3, 'the reader to get all three changes');
    // A new turn: its first change goes out at once again.
    order.length = 0;
    document.transact(() => document.getMap('probe').set('d', 1));
    expect(order).toEqual(['update', 'update', 'hooks']);
  });
});

describe('awareness', () => {
  it('changed several times in one turn reaches each client as one message at the end of the turn', async () => {
    const { document } = await openTwo(documentName(freshWorkflowId(), 'graph'));
    const order = recordOrder(document);
    document.awareness.setLocalState({ cursor: 1 });
    document.awareness.setLocalState({ cursor: 2 });
    document.awareness.setLocalState({ cursor: 3 });
    expect(order).toEqual([]);
    await endOfTurn();
    expect(order).toEqual(['awareness', 'awareness']);
  });
});
