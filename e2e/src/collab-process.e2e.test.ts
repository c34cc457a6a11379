import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createDb, createDocRepository, openTestDatabase } from '@tandem/db';
import { addNode, CURRENT_SCHEMA_VERSION, connect, documentName, readGraph } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { httpBrowser } from './helpers/http-browser';
import { startServer } from './start-server';

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!postgresUrl || !redisUrl)
  console.info(
    'collab process beside the app on PostgreSQL + Redis skipped: TEST_DATABASE_URL or REDIS_URL unset',
  );

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

type CollabProcess = {
  port: number;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
};

/** `pnpm collab` (server/src/collab-main.ts) on a free port; resolves once it says it listens. */
async function startCollabProcess(env: Record<string, string>): Promise<CollabProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/collab-main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REDIS_URL: '', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collab did not start in 30 s:\n${output}`)), 30_000);
    child.stdout?.on('data', () => {
      const line = output.split('\n').find((candidate) => candidate.includes('"collab listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`collab exited with ${code}:\n${output}`)));
  });
  return {
    port,
    child,
    output: () => output,
    stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

type Client = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  refusals: string[];
  destroy(): void;
};

function openClient(port: number, name: string, token: string): Client {
  const websocket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/collab?schemaVersion=${CURRENT_SCHEMA_VERSION}`,
    WebSocketPolyfill: WebSocket,
  });
  const doc = new Y.Doc();
  const refusals: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: websocket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
  });
  provider.attach();
  return {
    doc,
    provider,
    refusals,
    destroy() {
      provider.destroy();
      websocket.destroy();
    },
  };
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const synced = (client: Client) => client.provider.isSynced && client.provider.unsyncedChanges === 0;
const tokenOf = (cookie: string) => cookie.replace('tandem_session=', '');

/** Ada owns a workspace with one workflow; Eve has an account but no membership. */
async function seedAccounts(appUrl: string) {
  const ada = httpBrowser(appUrl);
  await ada.mutation('auth.signup', {
    email: `${randomUUID()}@example.test`,
    name: 'Ada',
    password: 'correct horse battery',
  });
  const workspace = await ada.mutation<{ id: string }>('workspaces.create', { name: 'W' });
  const workflow = await ada.mutation<{ id: string }>('workflows.create', {
    workspaceId: workspace.id,
    name: 'F',
  });
  const eve = httpBrowser(appUrl);
  await eve.mutation('auth.signup', {
    email: `${randomUUID()}@example.test`,
    name: 'Eve',
    password: 'correct horse battery',
  });
  return { ada: tokenOf(ada.cookie), eve: tokenOf(eve.cookie), ada$: ada, workflowId: workflow.id };
}

describe('collab as a process of its own (pnpm collab)', () => {
  it('authenticates with the app’s sessions, refuses a non-member, and stores edits it acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-collab-process-'));
    try {
      // Accounts are made through the app, which is then stopped: PGlite serves one process at a time.
      const app = await startServer({ TANDEM_DATA_DIR: dataDir });
      const { ada, eve, workflowId } = await seedAccounts(app.url);
      expect((await app.stop()).code).toBe(0);

      const collab = await startCollabProcess({ TANDEM_DATA_DIR: dataDir });
      const name = documentName(workflowId, 'graph');
      const owner = openClient(collab.port, name, ada);
      const stranger = openClient(collab.port, name, eve);
      const forged = openClient(collab.port, name, 'not-a-session');
      try {
        await until(() => synced(owner), 'the owner to sync');
        addNode(owner.doc, { id: 'from-process', type: 'input', position: { x: 0, y: 0 } });
        await until(() => synced(owner), 'the edit to be acknowledged');
        await until(() => stranger.refusals.length > 0 && forged.refusals.length > 0, 'both refusals');
        expect(stranger.refusals).toEqual(['forbidden']);
        expect(forged.refusals).toEqual(['unauthorized']);
        expect(stranger.doc.getMap('nodes').size).toBe(0);
      } finally {
        for (const client of [owner, stranger, forged]) client.destroy();
      }
      expect(await collab.stop()).toBe(0);
      expect(collab.output()).not.toContain(ada);

      const database = await createDb({ dataDir: join(dataDir, 'pglite') });
      try {
        const stored = await createDocRepository(database.db).load(name);
        const doc = new Y.Doc();
        for (const update of [...(stored.state ? [stored.state] : []), ...stored.updates])
          Y.applyUpdate(doc, update);
        expect(readGraph(doc).nodes.map((node) => node.id)).toContain('from-process');
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!postgresUrl || !redisUrl)(
    'serves the same workflow as the app server beside it, live, over PostgreSQL and Redis',
    async () => {
      const scratch = await openTestDatabase({ adminUrl: postgresUrl as string, migrate: false });
      const shared = { DATABASE_URL: scratch.url as string, REDIS_URL: redisUrl as string };
      const app = await startServer(shared);
      let collab: CollabProcess | null = null;
      const clients: Client[] = [];
      try {
        collab = await startCollabProcess(shared);
        const { ada, ada$, workflowId } = await seedAccounts(app.url);
        const name = documentName(workflowId, 'graph');
        const onCollab = openClient(collab.port, name, ada);
        const onApp = openClient(Number(new URL(app.url).port), name, ada);
        clients.push(onCollab, onApp);
        await until(() => synced(onCollab) && synced(onApp), 'both clients to sync');
        addNode(onCollab.doc, { id: 'via-collab', type: 'input', position: { x: 0, y: 0 } });
        await until(() => onApp.doc.getMap('nodes').has('via-collab'), 'the app’s client to see it (Redis)');
        addNode(onApp.doc, { id: 'via-app', type: 'output', position: { x: 200, y: 0 } });
        await until(() => onCollab.doc.getMap('nodes').has('via-app'), 'the collab client to see it (Redis)');
        connect(onCollab.doc, { source: 'via-collab', target: 'via-app' });
        await until(() => synced(onCollab) && synced(onApp), 'the edits to be acknowledged');
        // A version saved through the app holds what was edited on the other process.
        const saved = await ada$.mutation<{ version: { id: string } }>('versions.create', {
          workflowId,
          name: 'both',
        });
        const version = await ada$.query<{
          definition: { nodes: { id: string }[]; edges: { source: string }[] };
        }>('versions.get', { workflowId, versionId: saved.version.id });
        expect(version.definition.nodes.map((node) => node.id).sort()).toEqual(['via-app', 'via-collab']);
        expect(version.definition.edges.map((edge) => edge.source)).toEqual(['via-collab']);
      } finally {
        for (const client of clients) client.destroy();
        if (collab) expect(await collab.stop()).toBe(0);
        await app.stop();
        await scratch.cleanup();
      }
    },
  );
});
