import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpRequestError } from '../errors';
import type { HttpRequest } from '../ports';
import { createSafeHttpClient, parseAllowList, type Resolver } from './safe-http';

const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function request(url: string, overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'GET',
    url,
    headers: {},
    timeoutMs: 2_000,
    maxBodyBytes: 1_000,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<HttpRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpRequestError);
  return error as HttpRequestError;
}

describe('createSafeHttpClient', () => {
  it('refuses private and loopback IP literals in every spelling', async () => {
    const client = createSafeHttpClient();
    for (const url of [
      'http://127.0.0.1/',
      'http://10.0.0.5/',
      'http://192.168.0.1:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/', // decimal 127.0.0.1
      'http://0x7f000001/', // hex
      'http://017700000001/', // octal
      'http://0177.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      const error = await refusal(client.request(request(url)));
      expect(error.kind, url).toBe('refused');
    }
  });

  it('refuses localhost names, with or without the trailing dot', async () => {
    const client = createSafeHttpClient();
    for (const url of [
      'http://localhost/',
      'http://localhost./',
      'http://LOCALHOST:3000/',
      'http://app.localhost/',
    ]) {
      expect((await refusal(client.request(request(url)))).kind, url).toBe('refused');
    }
  });

  it('refuses a public-looking name that resolves to loopback, checking at connect time', async () => {
    const port = await serve((_req, res) => res.end('secret'));
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const client = createSafeHttpClient({ resolve });
    const error = await refusal(client.request(request(`http://rebind.example:${port}/`)));
    expect(error.kind).toBe('refused');
    expect(error.message).toContain('127.0.0.1');
  });

  it('refuses a name with any forbidden address among its answers', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    const error = await refusal(createSafeHttpClient({ resolve }).request(request('http://mixed.example/')));
    expect(error.kind).toBe('refused');
  });

  it('reaches an allow-listed host:port, and refuses a redirect to a loopback port that is not listed', async () => {
    const forbiddenPort = await serve((_req, res) => res.end('internal'));
    const allowedPort = await serve((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${forbiddenPort}/` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    const client = createSafeHttpClient({ allow: parseAllowList(`127.0.0.1:${allowedPort}, example.test`) });
    const ok = await client.request(request(`http://127.0.0.1:${allowedPort}/`));
    expect(ok).toMatchObject({ status: 200, body: 'hello' });
    const error = await refusal(client.request(request(`http://127.0.0.1:${allowedPort}/redirect`)));
    expect(error.kind).toBe('refused');
    expect(error.message).toContain(`127.0.0.1`);
  });

  it('follows allowed redirects up to the limit, dropping credentials across origins', async () => {
    let seenAuth: string | undefined = 'unset';
    const target = await serve((req, res) => {
      seenAuth = req.headers.authorization;
      res.end('landed');
    });
    const hops = await serve((req, res) => {
      const n = Number(req.url?.slice(1) ?? 0);
      res.writeHead(302, { location: n >= 3 ? `http://127.0.0.1:${target}/` : `/${n + 1}` });
      res.end();
    });
    const client = createSafeHttpClient({ allow: ['127.0.0.1'] });
    const response = await client.request(
      request(`http://127.0.0.1:${hops}/0`, { headers: { Authorization: 'Bearer x' } }),
    );
    expect(response).toMatchObject({ status: 200, body: 'landed', url: `http://127.0.0.1:${target}/` });
    expect(seenAuth).toBeUndefined();
    const looping = await serve((_req, res) => {
      res.writeHead(301, { location: '/again' });
      res.end();
    });
    expect((await refusal(client.request(request(`http://127.0.0.1:${looping}/`)))).kind).toBe(
      'too_many_redirects',
    );
  });

  it('caps the body size while streaming, even without a content-length', async () => {
    const port = await serve((_req, res) => {
      res.write('x'.repeat(800));
      res.write('x'.repeat(800));
      res.end();
    });
    const client = createSafeHttpClient({ allow: [`127.0.0.1:${port}`] });
    expect((await refusal(client.request(request(`http://127.0.0.1:${port}/`)))).kind).toBe('too_large');
  });

  it('times out a slow server', async () => {
    const port = await serve(() => undefined); // never answers
    const client = createSafeHttpClient({ allow: [`127.0.0.1:${port}`] });
    const started = performance.now();
    const error = await refusal(client.request(request(`http://127.0.0.1:${port}/`, { timeoutMs: 150 })));
    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('refuses non-http schemes', async () => {
    const client = createSafeHttpClient();
    expect((await refusal(client.request(request('file:///etc/passwd')))).kind).toBe('invalid_url');
  });
});
