import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServices, createApiServices, generateSecretKey } from '@tandem/api';
import { openTestDatabase, type TestDatabase } from '@tandem/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { createLogger } from './logger';

let webDist: string;
let logLines: string[];
let database: TestDatabase;
let services: ApiServices;

beforeAll(async () => {
  database = await openTestDatabase();
  services = createApiServices({
    database: database.database,
    secretKey: generateSecretKey(),
    logger: createLogger({ level: 'error', write: () => {} }),
  });
});
afterAll(() => database?.cleanup());

function makeApp(db: ApiServices['db'] = services.db, maxBodyBytes?: number) {
  logLines = [];
  const logger = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
  return createApp({
    services: { ...services, db },
    logger,
    webDist,
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
  });
}

const trpcPost = (path: string, input: unknown) =>
  new Request(`http://localhost/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(input),
  });

beforeEach(() => {
  webDist = mkdtempSync(join(tmpdir(), 'tandem-web-'));
});
afterEach(() => rmSync(webDist, { recursive: true, force: true }));

describe('GET /healthz', () => {
  it('reports the database driver and migration state', async () => {
    const response = await makeApp().request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      db: 'pglite',
      migrations: await services.db.migrationState(),
    });
  });

  it('is not ok while migrations are pending', async () => {
    const app = makeApp({
      driver: 'postgres',
      migrationState: async () => ({ applied: 0, pending: 2, latest: null }),
    });
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ok: false, db: 'postgres' });
  });

  it('answers 503 without the driver error when the database is down', async () => {
    const app = makeApp({
      driver: 'postgres',
      migrationState: () => Promise.reject(new Error('connect ECONNREFUSED postgres://admin:hunter2@db')),
    });
    const response = await app.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('hunter2');
  });
});

describe('/trpc', () => {
  it('runs a query through the mounted router', async () => {
    const response = await makeApp().request('/trpc/system.info');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: unknown } };
    expect(body.result.data).toEqual({ db: 'pglite', migrations: await services.db.migrationState() });
  });

  it('answers an input of the wrong shape with 400 and the fields it names', async () => {
    const response = await makeApp().request(trpcPost('auth.signup', { email: 'not an email', name: '' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { message: string; data: { issues: { path: string }[] } };
    };
    expect(body.error.message).toMatch(/not valid/);
    expect(body.error.data.issues.map((issue) => issue.path).sort()).toEqual(['email', 'name', 'password']);
  });

  it('answers a malformed JSON body with 400 and keeps serving', async () => {
    const app = makeApp();
    const response = await app.request(
      new Request('http://localhost/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: '{"email":',
      }),
    );
    expect(response.status).toBe(400);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const response = await makeApp(services.db, 1024).request(
      trpcPost('auth.login', { email: 'x'.repeat(4096) }),
    );
    expect(response.status).toBe(413);
  });

  it('hides an unexpected failure behind a generic message and logs it', async () => {
    const app = makeApp({
      driver: 'pglite',
      migrationState: () => Promise.reject(new Error('disk on fire')),
    });
    const response = await app.request('/trpc/system.info');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('disk on fire');
    expect(text).toMatch(/Something went wrong/);
    expect(logLines.join('\n')).toContain('disk on fire');
  });

  it('answers an unknown procedure with 404', async () => {
    expect((await makeApp().request('/trpc/nope.nothing')).status).toBe(404);
  });
});

describe('the web app', () => {
  it('serves built files and falls back to index.html for client routes', async () => {
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log(1)');
    const app = makeApp();
    const asset = await app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const deepLink = await app.request('/w/123');
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');
  });

  it('says how to build the app when there is no build', async () => {
    const response = await makeApp().request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/pnpm start/);
  });

  it('answers unknown API paths with JSON 404, not the app', async () => {
    const response = await makeApp().request('/api/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringMatching(/No API route/) },
    });
  });
});
