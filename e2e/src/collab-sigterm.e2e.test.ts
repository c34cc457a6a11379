import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createDb, createDocRepository } from '@tandem/db';
import { addNode, CURRENT_SCHEMA_VERSION, documentName, readGraph } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startServer } from './start-server';

async function trpc<T>(url: string, procedure: string, input: unknown, cookie = '') {
  const response = await fetch(`${url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie },
    body: JSON.stringify(input),
  });
  const set = response.headers.getSetCookie().find((line) => line.startsWith('tandem_session='));
  const body = (await response.json()) as { result: { data: T } };
  return { data: body.result.data, cookie: set ? (set.split(';')[0] ?? '') : cookie };
}

describe('collab in the one-process server', () => {
  it('stores an edit made over /collab before it exits on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-collab-'));
    try {
      const server = await startServer({ TANDEM_DATA_DIR: dataDir });
      const signup = await trpc(server.url, 'auth.signup', {
        email: `${randomUUID()}@example.test`,
        name: 'Ada',
        password: 'correct horse battery',
      });
      const { cookie } = signup;
      const workspace = await trpc<{ id: string }>(server.url, 'workspaces.create', { name: 'W' }, cookie);
      const workflow = await trpc<{ id: string }>(
        server.url,
        'workflows.create',
        { workspaceId: workspace.data.id, name: 'F' },
        cookie,
      );
      const name = documentName(workflow.data.id, 'graph');
      const port = new URL(server.url).port;
      const websocket = new HocuspocusProviderWebsocket({
        url: `ws://127.0.0.1:${port}/collab?schemaVersion=${CURRENT_SCHEMA_VERSION}`,
        WebSocketPolyfill: WebSocket,
      });
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({
        websocketProvider: websocket,
        name,
        document: doc,
        token: cookie.replace('tandem_session=', ''),
      });
      provider.attach();
      const until = async (check: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!check()) {
          if (Date.now() > deadline) throw new Error('timed out');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      await until(() => provider.isSynced);
      addNode(doc, { id: 'kept', type: 'input', position: { x: 0, y: 0 } });
      await until(() => provider.unsyncedChanges === 0);
      const stopped = await server.stop();
      provider.destroy();
      websocket.destroy();
      expect(stopped.code, server.output()).toBe(0);
      expect(server.output()).toContain('"collab closed"');

      const database = await createDb({ dataDir: join(dataDir, 'pglite') });
      try {
        const loaded = await createDocRepository(database.db).load(name);
        const stored = new Y.Doc();
        for (const update of [loaded.state, ...loaded.updates]) if (update) Y.applyUpdate(stored, update);
        expect(readGraph(stored).nodes.map((node) => node.id)).toContain('kept');
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
