import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import {
  type ApiServices,
  createApiServices,
  generateSecretKey,
  type PasswordHasher,
  type RateLimitConfig,
} from '@tandem/api';
import { openTestDatabase, type TestDatabase } from '@tandem/db';
import { type AppOptions, createApp } from '../app';
import { createLogger } from '../logger';

/** PGlite always; real Postgres as well when TEST_DATABASE_URL is set. */
export const HTTP_TEST_DATABASES: { name: string; adminUrl: string | undefined }[] = [
  { name: 'pglite', adminUrl: undefined },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', adminUrl: process.env.TEST_DATABASE_URL }] : []),
];

export const PASSWORD = 'correct horse battery staple';
const START = new Date('2030-01-01T09:00:00.000Z');

export type TrpcError = {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    path: string | null;
    issues: { path: string; message: string }[];
  };
};

/** One HTTP answer, parsed: `data` on success, `error` on failure (tRPC's non-batched shape). */
export type CallResult<T = unknown> = {
  status: number;
  headers: Headers;
  text: string;
  data: T | undefined;
  error: TrpcError | undefined;
};

export type ClientOptions = {
  /** The socket's peer address (random by default, so each client has its own rate-limit bucket). */
  address?: string;
  /** Base URL the request is sent to (https makes the cookie Secure). */
  origin?: string;
};

export type Harness = ReturnType<typeof buildHarness>;
export type HarnessOptions = {
  rateLimits?: Partial<RateLimitConfig>;
  app?: Partial<AppOptions>;
  passwords?: PasswordHasher;
};
export type TestClient = ReturnType<Harness['client']>;

let addressCounter = 0;
const nextAddress = () => {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

/**
 * A test file's server: a migrated database (PGlite, or a scratch Postgres database), the api services,
 * the Hono app with a clock the test moves, every log line and every response body kept for inspection.
 */
export async function openHarness(
  adminUrl: string | undefined,
  options: HarnessOptions = {},
): Promise<Harness> {
  const handle = await openTestDatabase(adminUrl ? { adminUrl } : {});
  // An empty web build folder: the app serves nothing from it and does not warn about a missing root.
  const webDist = mkdtempSync(join(tmpdir(), 'tandem-web-'));
  const cleanup = async () => {
    rmSync(webDist, { recursive: true, force: true });
    await handle.cleanup();
  };
  return buildHarness({ database: handle.database, cleanup, webDist }, options);
}

type HarnessResources = Pick<TestDatabase, 'database' | 'cleanup'> & { webDist: string };

function buildHarness(handle: HarnessResources, options: HarnessOptions) {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
  let now = START;
  const services: ApiServices = createApiServices({
    database: handle.database,
    secretKey: generateSecretKey(),
    logger,
    rateLimits: options.rateLimits,
    ...(options.passwords ? { passwords: options.passwords } : {}),
  });
  const app = createApp({ services, logger, webDist: handle.webDist, clock: () => now, ...options.app });
  const bodies: string[] = [];

  async function send(request: Request, address: string): Promise<Response> {
    // The bindings @hono/node-server would pass: only the socket's peer address is read.
    const bindings = { incoming: { socket: { remoteAddress: address } } } as unknown as HttpBindings;
    const response = await app.request(request, undefined, bindings);
    bodies.push(await response.clone().text());
    return response;
  }

  /** A browser: keeps the session cookie, sends same-origin fetch metadata, has its own address. */
  function client(clientOptions: ClientOptions = {}) {
    const address = clientOptions.address ?? nextAddress();
    const base = clientOptions.origin ?? 'http://tandem.test';
    let cookie: string | null = null;

    async function call<T>(
      path: string,
      init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> },
    ) {
      const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', ...init.headers };
      if (cookie !== null) headers.cookie = `tandem_session=${cookie}`;
      const response = await send(new Request(`${base}${path}`, { ...init, headers }), address);
      for (const line of response.headers.getSetCookie()) {
        const match = /^tandem_session=([^;]*);.*Max-Age=(\d+)/.exec(line);
        if (match) cookie = match[2] === '0' ? null : (match[1] ?? null);
      }
      const text = await response.text();
      const body = text ? (JSON.parse(text) as { result?: { data: T }; error?: TrpcError }) : {};
      return {
        status: response.status,
        headers: response.headers,
        text,
        data: body.result?.data,
        error: body.error,
      };
    }

    function query<T = unknown>(procedure: string, input?: unknown): Promise<CallResult<T>> {
      const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return call<T>(`/trpc/${procedure}${search}`, { method: 'GET' });
    }

    function mutation<T = unknown>(
      procedure: string,
      input?: unknown,
      headers: Record<string, string> = {},
    ): Promise<CallResult<T>> {
      return call<T>(`/trpc/${procedure}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        ...(input === undefined ? {} : { body: JSON.stringify(input) }),
      });
    }

    /** Signs up a new account (a unique email unless given) and keeps its session. */
    async function signup(fields: { email?: string; name?: string; password?: string } = {}) {
      const email = fields.email ?? `${randomUUID()}@example.test`;
      const result = await mutation<{ user: { id: string; email: string; name: string; color: string } }>(
        'auth.signup',
        { email, name: fields.name ?? 'Ada', password: fields.password ?? PASSWORD },
      );
      if (!result.data) throw new Error(`signup failed: ${result.text}`);
      return result.data.user;
    }

    return {
      address,
      get cookie() {
        return cookie;
      },
      set cookie(value: string | null) {
        cookie = value;
      },
      query,
      mutation,
      signup,
    };
  }

  return {
    app,
    services,
    repos: services.repos,
    /** The raw drizzle handle, for tests that inspect every table. */
    db: handle.database.db,
    logLines,
    bodies,
    send,
    client,
    now: () => now,
    setNow(date: Date) {
      now = date;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    /** Another server (own services, rate limits and app options) over the same database. */
    variant: (variantOptions: HarnessOptions) => buildHarness(handle, variantOptions),
    /** Closes (and on Postgres drops) the database: call once, on the harness that opened it. */
    cleanup: () => handle.cleanup(),
  };
}

/** Returns the data of a successful call, or fails the test with the response. */
export function ok<T>(result: CallResult<T>): T {
  if (result.status !== 200 || result.data === undefined) {
    throw new Error(`expected success, got ${result.status}: ${result.text}`);
  }
  return result.data;
}
