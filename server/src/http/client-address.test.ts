import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, requestHost, servedOverHttps } from './client-address';

function probe(trustedProxyHops: number) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.all('*', (c) =>
    c.json({
      address: clientAddress(c, { trustedProxyHops }),
      https: servedOverHttps(c, { trustedProxyHops }),
      host: requestHost(c, { trustedProxyHops }),
    }),
  );
  return async (headers: Record<string, string>, socket = '10.0.0.1', url = 'http://tandem.test/') => {
    const bindings = { incoming: { socket: { remoteAddress: socket } } } as unknown as HttpBindings;
    const response = await app.request(url, { headers }, bindings);
    return (await response.json()) as { address: string; https: boolean; host: string };
  };
}

describe('what a request says about its client', () => {
  it('believes only the socket when no proxy is trusted', async () => {
    const ask = probe(0);
    const spoofed = {
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
    };
    expect(await ask(spoofed)).toEqual({ address: '10.0.0.1', https: false, host: 'tandem.test' });
    expect(await ask({}, '10.0.0.1', 'https://tandem.test/')).toMatchObject({ https: true });
  });

  it('takes the address the outermost trusted proxy saw', async () => {
    // client 203.0.113.9 → proxy A (adds the client) → proxy B (adds A) → Tandem (socket: B)
    const chain = { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.5' };
    expect((await probe(1)(chain, '10.0.0.6')).address).toBe('10.0.0.5');
    expect((await probe(2)(chain, '10.0.0.6')).address).toBe('203.0.113.9');
    // A client prepending a fake entry does not move the answer.
    expect((await probe(2)({ 'x-forwarded-for': 'forged, 203.0.113.9, 10.0.0.5' }, '10.0.0.6')).address).toBe(
      '203.0.113.9',
    );
    // Fewer entries than proxies: the leftmost one.
    expect((await probe(3)({ 'x-forwarded-for': '203.0.113.9' }, '10.0.0.6')).address).toBe('203.0.113.9');
  });

  it('believes a trusted proxy about https and the host', async () => {
    const ask = probe(1);
    expect(
      await ask({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'Tandem.Example.com' }),
    ).toMatchObject({
      https: true,
      host: 'tandem.example.com',
    });
  });

  it('falls back to "unknown" without a socket', async () => {
    const app = new Hono();
    app.get('*', (c) => c.text(clientAddress(c, { trustedProxyHops: 0 })));
    expect(await (await app.request('/')).text()).toBe('unknown');
  });
});
