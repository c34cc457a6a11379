import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { shutdownGracefully } from './shutdown';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

function get(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function listen(handlerDelayMs: number): Promise<number> {
  const created = createServer((_req, res) => {
    setTimeout(() => res.end('done'), handlerDelayMs);
  });
  server = created;
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return (created.address() as AddressInfo).port;
}

describe('shutdownGracefully', () => {
  it('lets an in-flight request finish, refuses new ones, then runs the steps in order', async () => {
    const port = await listen(300);
    const inFlight = get(port);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const order: string[] = [];
    const stopping = shutdownGracefully(
      server as Server,
      [
        {
          name: 'flush',
          run: async () => {
            order.push('flush');
          },
        },
        {
          name: 'database',
          run: async () => {
            order.push('database');
          },
        },
      ],
      { deadlineMs: 5_000, onStepError: () => undefined },
    );
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'done' });
    await expect(stopping).resolves.toEqual({ forced: false });
    expect(order).toEqual(['flush', 'database']);
  });

  it('cuts a request that outlives the deadline and still runs the steps', async () => {
    const port = await listen(60_000);
    const stuck = get(port).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    let closedDb = false;
    const result = await shutdownGracefully(
      server as Server,
      [
        {
          name: 'database',
          run: async () => {
            closedDb = true;
          },
        },
      ],
      { deadlineMs: 200, onStepError: () => undefined },
    );
    expect(result.forced).toBe(true);
    expect(closedDb).toBe(true);
    expect(await stuck).toBeInstanceOf(Error);
  });

  it('reports a failing step and goes on with the next', async () => {
    await listen(0);
    const failed: string[] = [];
    let closedDb = false;
    await shutdownGracefully(
      server as Server,
      [
        { name: 'flush', run: () => Promise.reject(new Error('disk full')) },
        {
          name: 'database',
          run: async () => {
            closedDb = true;
          },
        },
      ],
      { deadlineMs: 1_000, onStepError: (name) => failed.push(name) },
    );
    expect(failed).toEqual(['flush']);
    expect(closedDb).toBe(true);
  });
});
