import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, HTTP_TEST_DATABASES, ok, openHarness } from './testing/harness';

type Me = { user: { id: string } | null };

describe.each(HTTP_TEST_DATABASES)('cross-site request refusal on $name', ({ adminUrl }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(adminUrl);
  });
  afterAll(() => h?.cleanup());

  /** A signed-in browser, and a raw POST of `auth.logout` with its cookie and the given headers. */
  async function signedIn() {
    const browser = h.client();
    await browser.signup();
    const logout = (headers: Record<string, string>) =>
      h.send(
        new Request('http://tandem.test/trpc/auth.logout', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `tandem_session=${browser.cookie}`,
            ...headers,
          },
          body: '{}',
        }),
        browser.address,
      );
    const stillSignedIn = async () => ok(await browser.query<Me>('auth.me')).user !== null;
    return { logout, stillSignedIn };
  }

  it.each([
    ['cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['none (typed into the address bar)', { 'sec-fetch-site': 'none' }],
    [
      'cross-site even with a matching Origin',
      { 'sec-fetch-site': 'cross-site', origin: 'http://tandem.test' },
    ],
    ['no fetch metadata and a foreign Origin', { origin: 'https://evil.example' }],
    ['no fetch metadata and Origin: null', { origin: 'null' }],
    ['no fetch metadata and no Origin', {}],
  ])('refuses a POST marked %s, before it runs', async (_label, headers) => {
    const { logout, stillSignedIn } = await signedIn();
    const response = await logout(headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/did not come from a Tandem page/) },
    });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await stillSignedIn()).toBe(true);
    expect(h.logLines.some((line) => line.includes('cross-site request refused'))).toBe(true);
  });

  it('accepts same-origin fetch metadata', async () => {
    const { logout, stillSignedIn } = await signedIn();
    expect((await logout({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await stillSignedIn()).toBe(false);
  });

  it('accepts a matching Origin where fetch metadata is absent (older browsers)', async () => {
    const { logout, stillSignedIn } = await signedIn();
    expect((await logout({ origin: 'http://tandem.test' })).status).toBe(200);
    expect(await stillSignedIn()).toBe(false);
  });

  it('runs no mutation on GET: state changes only through POST', async () => {
    const { stillSignedIn } = await signedIn();
    const browser = h.client();
    await browser.signup();
    const viaGet = await browser.query('auth.logout');
    expect(viaGet.status).toBe(405);
    expect(ok(await browser.query<Me>('auth.me')).user).not.toBeNull();
    expect(await stillSignedIn()).toBe(true);
  });

  it('lets queries through without fetch metadata (reads change nothing)', async () => {
    const response = await h.send(new Request('http://tandem.test/trpc/system.info'), '192.0.2.10');
    expect(response.status).toBe(200);
  });

  it('behind a trusted proxy, compares Origin with the forwarded host and marks the cookie Secure for forwarded https', async () => {
    const proxied = h.variant({ app: { trustedProxyHops: 1 } });
    const response = await proxied.send(
      new Request('http://10.0.0.2:3000/trpc/auth.signup', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://tandem.example.com',
          'x-forwarded-host': 'tandem.example.com',
          'x-forwarded-proto': 'https',
          'x-forwarded-for': '203.0.113.50',
        },
        body: JSON.stringify({
          email: `${randomUUID()}@example.test`,
          name: 'P',
          password: 'correct horse battery',
        }),
      }),
      '10.0.0.1',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
    // Without trust the same forwarded headers are ignored: the Origin does not match the socket's host.
    const direct = await h.send(
      new Request('http://10.0.0.2:3000/trpc/auth.logout', {
        method: 'POST',
        headers: { origin: 'https://tandem.example.com', 'x-forwarded-host': 'tandem.example.com' },
      }),
      '10.0.0.1',
    );
    expect(direct.status).toBe(403);
  });
});
