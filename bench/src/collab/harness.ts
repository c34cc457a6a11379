import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import {
  type CollabAuth,
  type CollabLimits,
  type CollabServer,
  type CollabServerOptions,
  type CollabUser,
  createCollabServer,
  type DocStore,
} from '@tandem/collab';
import { TandemProvider, whenSynced } from '@tandem/collab-client';
import { createDocRepository, openTestDatabase, type TestDatabase } from '@tandem/db';
import {
  addNode,
  CURRENT_SCHEMA_VERSION,
  connect,
  createWorkflowDoc,
  docSchemaVersion,
} from '@tandem/workflow';
import postgres from 'postgres';
import WebSocket from 'ws';
import * as Y from 'yjs';

const USER: CollabUser = { id: 'u-bench', name: 'Bench', color: '#2563eb' };
export const TOKEN = 'tok-bench';

/** One user who edits every workflow: the bench measures the document path, not membership lookups. */
export const BENCH_AUTH: CollabAuth = {
  async authenticate(token) {
    return token === TOKEN ? USER : null;
  },
  async roleFor() {
    return 'editor';
  },
};

/**
 * The per-socket rate limits are raised so the bench's paced edits are never refused; the token bucket is
 * still evaluated on every frame, so its cost stays in the measured path.
 */
export const BENCH_LIMITS: Partial<CollabLimits> = {
  messagesPerSecond: 1_000_000,
  messageBurst: 1_000_000,
  bytesPerSecond: 1024 ** 3,
  byteBurst: 1024 ** 3,
  maxDocumentsPerSocket: 1_000,
  maxFrameBytes: 16 * 1024 * 1024,
};

/** Always-succeeding in-memory DocStore: collab's own cost without a database (diagnostic). */
export function nullStore(): DocStore {
  return {
    append: async () => {},
    load: async () => ({ state: null, layoutVersion: null, updates: [], clock: 0 }),
    compact: async () => true,
  };
}

export type BenchCollab = { collab: CollabServer; url: string; stop(): Promise<void> };

/** `createCollabServer` on its own http server on port 0, as the one-process server mounts it. */
export async function startCollab(
  store: DocStore,
  observe: Pick<CollabServerOptions, 'onDurableWrite'> = {},
): Promise<BenchCollab> {
  const collab = createCollabServer({
    ...observe,
    auth: BENCH_AUTH,
    store,
    limits: BENCH_LIMITS,
    logger: { info: () => {}, warn: () => {}, error: (message, fields) => console.error(message, fields) },
  });
  const http: Server = createServer((_request, response) => response.writeHead(404).end());
  http.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    collab,
    url: `ws://127.0.0.1:${port}/collab?schemaVersion=${CURRENT_SCHEMA_VERSION}`,
    async stop() {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export function openSocket(url: string): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 400,
    factor: 1.5,
    jitter: false,
  });
}

export type BenchClient = { provider: HocuspocusProvider; doc: Y.Doc; destroy(): void };

/** A real provider for `name` on `socket` (one socket per client unless one is given), attached. */
export function connectClient(options: {
  url: string;
  name: string;
  socket?: HocuspocusProviderWebsocket;
  doc?: Y.Doc;
}): BenchClient {
  const socket = options.socket ?? openSocket(options.url);
  const doc = options.doc ?? new Y.Doc();
  // The app's provider (apps/web/src/collab/open-workflow.ts).
  const provider = new TandemProvider({
    websocketProvider: socket,
    name: options.name,
    document: doc,
    token: TOKEN,
  });
  provider.attach();
  return {
    provider,
    doc,
    destroy() {
      provider.destroy();
      if (!options.socket) socket.destroy();
    },
  };
}

export { whenSynced };

/** A chain of `size` template nodes between an input and an output, each with an edge to the next. */
export function workflowDoc(size: number): Y.Doc {
  const doc = createWorkflowDoc({ name: `bench workflow of ${size}` });
  doc.transact(() => {
    let previous = addNode(doc, { id: 'n-input', type: 'input', position: { x: 0, y: 0 } });
    for (let i = 0; i < size - 2; i++) {
      const id = addNode(doc, {
        id: `n-${i}`,
        type: 'template',
        position: { x: (i + 1) * 200, y: (i % 7) * 40 },
        config: { template: `step ${i}: {{nodes.${previous}.output}}` },
      });
      connect(doc, { source: previous, target: id });
      previous = id;
    }
    const output = addNode(doc, { id: 'n-output', type: 'output', position: { x: size * 200, y: 0 } });
    connect(doc, { source: previous, target: output });
  });
  return doc;
}

/** One database to bench against, with the raw driver beside the repository the collab server uses. */
export type BenchStore = {
  kind: 'pglite' | 'postgres';
  store: DocStore;
  /** One INSERT of `bytes` into doc_updates through the raw driver (postgres.js, or PGlite's own query). */
  rawInsert(docName: string, bytes: Uint8Array): Promise<void>;
  /** SELECT of the compacted state through the raw driver. */
  rawSelectState(docName: string): Promise<Uint8Array>;
  /** Stores `doc` compacted (doc_states row, no log), as a document that went idle is. */
  seedCompacted(docName: string, doc: Y.Doc): Promise<void>;
  close(): Promise<void>;
};

type PgliteClient = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
};

/** In-memory PGlite, or a scratch database on the Postgres at `adminUrl` (dropped on close). */
export async function openStore(adminUrl?: string): Promise<BenchStore> {
  const test: TestDatabase = await openTestDatabase(adminUrl ? { adminUrl } : {});
  const repo = createDocRepository(test.database.db);
  const seedCompacted = async (docName: string, doc: Y.Doc) => {
    // As collab's compaction stores a graph: with the layout it is in.
    await repo.compact(
      docName,
      Y.encodeStateAsUpdate(doc),
      Y.encodeStateVector(doc),
      0,
      docSchemaVersion(doc),
    );
  };
  if (test.url === null) {
    const client = (test.database.db as unknown as { $client: PgliteClient }).$client;
    return {
      kind: 'pglite',
      store: repo,
      async rawInsert(docName, bytes) {
        await client.query('insert into doc_updates (doc_name, update) values ($1, $2)', [docName, bytes]);
      },
      async rawSelectState(docName) {
        const { rows } = await client.query<{ state: Uint8Array }>(
          'select state from doc_states where doc_name = $1',
          [docName],
        );
        const state = rows[0]?.state;
        if (!state) throw new Error(`no state for ${docName}`);
        return state;
      },
      seedCompacted,
      close: () => test.cleanup(),
    };
  }
  const sql = postgres(test.url, { max: 4, onnotice: () => {} });
  return {
    kind: 'postgres',
    store: repo,
    async rawInsert(docName, bytes) {
      await sql`insert into doc_updates (doc_name, update) values (${docName}, ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)})`;
    },
    async rawSelectState(docName) {
      const [row] = await sql<
        { state: Uint8Array }[]
      >`select state from doc_states where doc_name = ${docName}`;
      if (!row) throw new Error(`no state for ${docName}`);
      return row.state;
    },
    seedCompacted,
    async close() {
      await sql.end();
      await test.cleanup();
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
