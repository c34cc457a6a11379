import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { generateSecretKey } from '@tandem/api';
import { openTestDatabase } from '@tandem/db';
import { CURRENT_SCHEMA_VERSION } from '@tandem/workflow';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createLogger } from '../logger';
import { type RunningTandem, startTandem, type TandemConfig } from '../start';
import { PASSWORD } from './harness';

export type Stack = RunningTandem & {
  logLines: string[];
  /** A browser-like tRPC caller keeping its session cookie. */
  browser(): Browser;
  cleanup(): Promise<void>;
};

export type Browser = ReturnType<typeof browserFor>;

function browserFor(url: string) {
  let cookie: string | null = null;
  async function call<T>(
    path: string,
    init: RequestInit,
  ): Promise<{
    status: number;
    data?: T;
    error?: { message: string; data: { code: string; issues: { path: string; message: string }[] } };
  }> {
    const headers = new Headers(init.headers);
    headers.set('sec-fetch-site', 'same-origin');
    if (cookie) headers.set('cookie', `tandem_session=${cookie}`);
    const response = await fetch(`${url}${path}`, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const match = /^tandem_session=([^;]*);.*Max-Age=(\d+)/.exec(line);
      if (match) cookie = match[2] === '0' ? null : (match[1] ?? null);
    }
    const body = (await response.json()) as { result?: { data: T }; error?: never };
    return { status: response.status, data: body.result?.data, error: body.error };
  }
  const browser = {
    get token() {
      return cookie;
    },
    query: <T>(procedure: string, input?: unknown) =>
      call<T>(
        `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        { method: 'GET' },
      ),
    mutation: <T>(procedure: string, input?: unknown) =>
      call<T>(`/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      }),
    /** The data of a successful call, or a thrown error with the answer. */
    async ok<T>(kind: 'query' | 'mutation', procedure: string, input?: unknown): Promise<T> {
      const result =
        kind === 'query'
          ? await browser.query<T>(procedure, input)
          : await browser.mutation<T>(procedure, input);
      if (result.status !== 200 || result.data === undefined)
        throw new Error(`${procedure} failed with ${result.status}: ${JSON.stringify(result.error)}`);
      return result.data;
    },
    async signup(name = 'Ada') {
      const data = await browser.ok<{ user: { id: string } }>('mutation', 'auth.signup', {
        email: `${randomUUID()}@example.test`,
        name,
        password: PASSWORD,
      });
      return data.user;
    },
    /** A workspace of the signed-in user with one workflow in it. */
    async newWorkflow(name = 'Flow') {
      const workspace = await browser.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'Team' });
      const workflow = await browser.ok<{ id: string }>('mutation', 'workflows.create', {
        workspaceId: workspace.id,
        name,
      });
      return { workspaceId: workspace.id, workflowId: workflow.id };
    },
  };
  return browser;
}

export const STACK_DATABASES: { name: string; adminUrl: string | undefined }[] = [
  { name: 'pglite', adminUrl: undefined },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', adminUrl: process.env.TEST_DATABASE_URL }] : []),
];

/**
 * The whole one-process server (app, collab, run worker) on port 0 over a test file's own database, as
 * `main.ts` composes it. On Postgres runs go through pg-boss, on PGlite through the in-process dispatcher.
 */
export async function openStack(
  adminUrl: string | undefined,
  overrides: Partial<TandemConfig> & { pollMs?: number } = {},
): Promise<Stack> {
  const handle = await openTestDatabase(adminUrl ? { adminUrl } : {});
  const webDist = mkdtempSync(join(tmpdir(), 'tandem-web-'));
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
  const { pollMs, ...config } = overrides;
  const tandem = await startTandem({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      TANDEM_TRUST_PROXY: 0,
      TANDEM_RUN_CONCURRENCY: 4,
      TANDEM_RUN_WORKERS: 4,
      TANDEM_RUN_LEASE_MS: 3_000,
      ...(handle.url ? { DATABASE_URL: handle.url } : {}),
      ...config,
    },
    database: handle.database,
    secretKey: generateSecretKey(),
    logger,
    webDist,
    pollMs: pollMs ?? 100,
    // Every test signs up many accounts from one address.
    rateLimits: {
      signupPerAddress: { limit: 10_000, windowMs: 60_000 },
      loginPerAddress: { limit: 10_000, windowMs: 60_000 },
    },
  });
  return {
    ...tandem,
    logLines,
    browser: () => browserFor(`http://127.0.0.1:${tandem.port}`),
    async cleanup() {
      await tandem.stop();
      rmSync(webDist, { recursive: true, force: true });
      // stop() closed the database; on Postgres the scratch database is dropped here.
      await handle.cleanup().catch(() => undefined);
    },
  };
}

export type DocClient = {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  authFailures: string[];
  destroy(): void;
};

/** A real `@hocuspocus/provider` over `ws` on the stack's `/collab`, authenticated by a session token. */
export function connectDoc(port: number, name: string, token: string, doc = new Y.Doc()): DocClient {
  const websocket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/collab?schemaVersion=${CURRENT_SCHEMA_VERSION}`,
    WebSocketPolyfill: WebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 400,
  });
  const authFailures: string[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider: websocket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
  });
  provider.attach();
  return {
    provider,
    doc,
    authFailures,
    destroy() {
      provider.destroy();
      websocket.destroy();
    },
  };
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const synced = (client: DocClient) =>
  waitFor(
    () => client.provider.isSynced && client.provider.unsyncedChanges === 0,
    `${client.provider.configuration.name} to sync`,
  );
