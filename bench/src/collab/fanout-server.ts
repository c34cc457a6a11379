/**
 * Child process of the fan-out bench: one server (the relay, or collab with or without a database) in a
 * process of its own. In one process, what a server does on its own time (a wave of presence renewals, a
 * compaction, a garbage collection) held up the edits of the others in flight meanwhile (the relay's
 * forwarding of 200 renewals to 200 sockets each blocked that process for 80-160 ms); on separate machines
 * it would not. Messages: parent → `FanOutServerRequest`, child → `FanOutServerReply`.
 */
import { startYjsRelay } from '../baselines/yjs-relay';
import { benchEnv } from '../bench-env';
import { nullStore, openStore, startCollab } from './harness';

export type FanOutServerKind = 'relay' | 'collab' | 'collab-without-database';

export type FanOutServerRequest = { start: FanOutServerKind } | { stop: true };

export type FanOutServerReply =
  | { url: string; store: 'pglite' | 'postgres' | 'none' }
  | { stopped: true }
  | { error: string };

let stop: (() => Promise<void>) | null = null;

async function start(kind: FanOutServerKind): Promise<FanOutServerReply> {
  if (stop) throw new Error('this child already runs a server');
  if (kind === 'relay') {
    const relay = await startYjsRelay();
    stop = () => relay.close();
    return { url: relay.url, store: 'none' };
  }
  if (kind === 'collab-without-database') {
    const server = await startCollab(nullStore());
    stop = () => server.stop();
    return { url: server.url, store: 'none' };
  }
  // The production store: PostgreSQL when the bench has one (a scratch database of this child's), else PGlite.
  const store = await openStore(benchEnv().TEST_DATABASE_URL);
  try {
    const server = await startCollab(store.store);
    stop = async () => {
      try {
        await server.stop();
      } finally {
        await store.close();
      }
    };
    return { url: server.url, store: store.kind };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function handle(request: FanOutServerRequest): Promise<FanOutServerReply> {
  if ('start' in request) return start(request.start);
  await stop?.();
  stop = null;
  return { stopped: true };
}

if (!process.send) throw new Error('fanout-server.ts runs as a child process (fork)');
const send = process.send.bind(process);
process.on('message', (request: FanOutServerRequest) => {
  handle(request).then(
    (reply) => send(reply),
    (error: unknown) =>
      send({ error: error instanceof Error ? error.message : String(error) } satisfies FanOutServerReply),
  );
});
// The bench process going away ends the server with it, dropping its scratch database when it can.
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 5_000).unref();
  void (stop?.() ?? Promise.resolve()).finally(() => process.exit(0));
});
