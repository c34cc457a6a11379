import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { type CollabNotice, CURRENT_SCHEMA_VERSION, parseNotice } from '@tandem/workflow';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type CollabServer, createCollabServer } from '../collab-server';
import type { CollabServerOptions } from '../options';
import type { CollabLogger } from '../ports';
import { createStaticAuth, type StaticAuth } from '../static-auth';

export const SILENT: CollabLogger = { info: () => {}, warn: () => {}, error: () => {} };

export const USERS = {
  alice: { id: 'u-alice', name: 'Alice', color: '#e11d48' },
  bob: { id: 'u-bob', name: 'Bob', color: '#2563eb' },
  vic: { id: 'u-vic', name: 'Vic', color: '#16a34a' },
  eve: { id: 'u-eve', name: 'Eve', color: '#9333ea' },
} as const;

/** alice owns, bob edits, vic views every workflow of "their" workspace; eve belongs to another one (`wf-eve`). */
export function createTestAuth(): StaticAuth {
  return createStaticAuth({
    tokens: { 'tok-alice': USERS.alice, 'tok-bob': USERS.bob, 'tok-vic': USERS.vic, 'tok-eve': USERS.eve },
    roles: {
      [USERS.alice.id]: { '*': 'owner' },
      [USERS.bob.id]: { '*': 'editor' },
      [USERS.vic.id]: { '*': 'viewer' },
      [USERS.eve.id]: { 'wf-eve': 'owner' },
    },
  });
}

let workflowCounter = 0;
/** A workflow id no other test uses. */
export function freshWorkflowId(): string {
  workflowCounter++;
  return `wf-${process.pid}-${workflowCounter}`;
}

export type TestCollab = {
  collab: CollabServer;
  http: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
};

/** A collab server on an http server on port 0, as the one-process server mounts it. */
export async function startCollab(
  options: Pick<CollabServerOptions, 'auth' | 'store'> & Partial<CollabServerOptions>,
): Promise<TestCollab> {
  const collab = createCollabServer({ logger: SILENT, ...options });
  const http = createServer((_request, response) => response.writeHead(404).end());
  http.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    collab,
    http,
    port,
    url: collabUrl(port),
    async stop() {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export function collabUrl(port: number, schemaVersion: number = CURRENT_SCHEMA_VERSION): string {
  return `ws://127.0.0.1:${port}/collab?schemaVersion=${schemaVersion}`;
}

/** A `ws` class that sends extra headers (cookie, origin) on the upgrade, as a browser would. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export type TestSocket = {
  websocket: HocuspocusProviderWebsocket;
  closes: { code: number; reason: string }[];
  destroy(): void;
};

export function openSocket(url: string, options: { headers?: Record<string, string> } = {}): TestSocket {
  const closes: { code: number; reason: string }[] = [];
  const websocket = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: options.headers ? webSocketWithHeaders(options.headers) : WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 400,
    factor: 1.5,
    jitter: false,
    onClose: ({ event }) => closes.push({ code: event.code, reason: event.reason }),
  });
  return { websocket, closes, destroy: () => websocket.destroy() };
}

export type TestClient = {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  socket: TestSocket;
  authFailures: string[];
  notices: CollabNotice[];
  /** Per-document closes sent by the server (the provider reports them with code 1000). */
  documentCloses: string[];
  destroy(): void;
};

/** A real provider on `socket` (or its own), attached. */
export function connectClient(options: {
  url?: string;
  socket?: TestSocket;
  name: string;
  token: string | (() => string);
  doc?: Y.Doc;
  headers?: Record<string, string>;
  /** The provider's batching window for outgoing updates (off by default, as in the web app). */
  flushDelay?: number;
}): TestClient {
  const socket = options.socket ?? openSocket(options.url ?? '', { headers: options.headers ?? {} });
  const doc = options.doc ?? new Y.Doc();
  const authFailures: string[] = [];
  const notices: CollabNotice[] = [];
  const documentCloses: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket.websocket,
    name: options.name,
    document: doc,
    token: options.token,
    ...(options.flushDelay ? { flushDelay: options.flushDelay } : {}),
    onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
    onStateless: ({ payload }) => {
      const notice = parseNotice(payload);
      if (notice) notices.push(notice);
    },
    onClose: ({ event }) => {
      if (event.code === 1000) documentCloses.push(event.reason);
    },
  });
  provider.attach();
  return {
    provider,
    doc,
    socket,
    authFailures,
    notices,
    documentCloses,
    destroy() {
      provider.destroy();
      if (!options.socket) socket.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until the provider is synced and every local change is acknowledged. */
export function waitSynced(client: TestClient, timeoutMs = 5_000): Promise<void> {
  return waitFor(
    () => client.provider.isSynced && client.provider.unsyncedChanges === 0,
    `${client.provider.configuration.name} to be synced`,
    timeoutMs,
  );
}
