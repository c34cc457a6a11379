import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { Server } from '@hocuspocus/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TandemProvider } from './tandem-provider';
import { whenSynced } from './when-synced';

type Client = { provider: TandemProvider; doc: Y.Doc; socket: HocuspocusProviderWebsocket };

let server: Server;
let clients: Client[] = [];

beforeEach(async () => {
  server = new Server({ port: 0, quiet: true, address: '127.0.0.1' });
  await server.listen();
});

afterEach(async () => {
  for (const client of clients) {
    client.provider.destroy();
    client.socket.destroy();
  }
  clients = [];
  await server.destroy();
});

function connect(name: string, doc = new Y.Doc()): Client {
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${server.address.port}`,
    WebSocketPolyfill: WebSocket,
  });
  const provider = new TandemProvider({ websocketProvider: socket, name, document: doc });
  provider.attach();
  const client = { provider, doc, socket };
  clients.push(client);
  return client;
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A document with some content: `count` entries in a map and a sentence of text. */
function fill(doc: Y.Doc, count: number): void {
  doc.transact(() => {
    const nodes = doc.getMap<Y.Map<unknown>>('nodes');
    for (let i = 0; i < count; i++) {
      const node = new Y.Map<unknown>();
      node.set('label', `node ${i}`);
      nodes.set(`n${i}`, node);
    }
    doc.getText('notes').insert(0, 'written before the second client came');
  });
}

describe('TandemProvider', () => {
  it('hands an offline store (an update listener) the bytes it opened with, and they rebuild the document', async () => {
    const author = connect('doc-a');
    fill(author.doc, 200);
    await whenSynced(author.provider);

    const opened = new Y.Doc();
    const stored: Uint8Array[] = [];
    opened.on('update', (update: Uint8Array) => stored.push(update));
    const reader = connect('doc-a', opened);
    await whenSynced(reader.provider);
    expect(opened.getMap('nodes').size).toBe(200);

    // What the store kept is the document: a fresh doc built from it equals the author's.
    const rebuilt = new Y.Doc();
    for (const update of stored) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getMap('nodes').toJSON()).toEqual(author.doc.getMap('nodes').toJSON());
    expect(rebuilt.getText('notes').toString()).toBe('written before the second client came');

    // Live edits keep reaching the store too.
    author.doc.getText('notes').insert(0, 'Later: ');
    await eventually(() => opened.getText('notes').toString().startsWith('Later: '), 'the live edit');
    const again = new Y.Doc();
    for (const update of stored) Y.applyUpdate(again, update);
    expect(again.getText('notes').toString()).toBe(author.doc.getText('notes').toString());
  });

  it('sends local edits as a provider does, both ways', async () => {
    const a = connect('doc-b');
    const b = connect('doc-b');
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    a.doc.getMap('nodes').set('from-a', 1);
    b.doc.getMap('nodes').set('from-b', 2);
    await eventually(
      () => a.doc.getMap('nodes').size === 2 && b.doc.getMap('nodes').size === 2,
      'both edits',
    );
    expect(a.doc.getMap('nodes').toJSON()).toEqual(b.doc.getMap('nodes').toJSON());
  });

  it('does not lose an edit that an observer makes while a server update is applied', async () => {
    const a = connect('doc-c');
    const b = connect('doc-c');
    await Promise.all([whenSynced(a.provider), whenSynced(b.provider)]);
    // B answers every remote node with a note of its own, written inside the remote update's observer.
    b.doc.getMap('nodes').observe((event) => {
      if (event.transaction.origin !== b.provider) return;
      for (const key of event.keysChanged) b.doc.getMap('seen').set(key, true);
    });
    a.doc.getMap('nodes').set('n1', 'one');
    await eventually(() => a.doc.getMap('seen').get('n1') === true, 'B’s note to reach A');
    await whenSynced(b.provider);
    expect(a.doc.getMap('seen').toJSON()).toEqual({ n1: true });
    expect(b.doc.getMap('seen').toJSON()).toEqual({ n1: true });
  });
});
