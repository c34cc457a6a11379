/**
 * Child process of the cold-open bench: holds both clients, so the servers (collab and the state-fetch
 * baseline, in the bench process) and the clients decoding a stored state run on different cores, as they
 * do when the client is a browser on another machine. Both opens are timed on this process's clock.
 * Messages: parent → `ColdOpenClientsRequest` (once), then `ColdOpenRequest` per open; child → `ColdOpenReply`.
 */
import type { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type BenchClient, connectClient, openSocket, whenSynced } from './harness';

export type ColdOpenClientsRequest = {
  /** The collab server; `keepName` is the other document the open socket already shows. */
  collabUrl: string;
  keepName: string;
  /** The state-fetch baseline server (bench/src/baselines/state-fetch.ts). */
  baselineUrl: string;
};
/** `measured`: a new provider on the open collab socket; `baseline`: the doc name over the state-fetch socket. */
export type ColdOpenRequest = { open: 'measured' | 'baseline'; name: string };
/** `ready` once both sockets are open (and the keep provider synced); per open, its time and the nodes seen. */
export type ColdOpenReply = { ready: true } | Opened | { error: string };

/**
 * One open's time and the nodes it showed. Baseline opens also time, outside the open, the client's decode
 * of the same bytes into a bare doc and into a doc with an `update` listener (what a provider's doc has: Yjs
 * then encodes every applied transaction again for the listener).
 */
type Opened = { ms: number; nodes: number; applyMs?: number; listenerApplyMs?: number };

let collabUrl = '';
let socket: HocuspocusProviderWebsocket | null = null;
let keep: BenchClient | null = null;
let baseline: WebSocket | null = null;

async function start(request: ColdOpenClientsRequest): Promise<void> {
  collabUrl = request.collabUrl;
  // An open, authenticated socket (as a tab that already shows another document).
  socket = openSocket(collabUrl);
  keep = connectClient({ url: collabUrl, name: request.keepName, socket });
  await whenSynced(keep.provider);
  const client = new WebSocket(request.baselineUrl);
  client.binaryType = 'nodebuffer';
  baseline = client;
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
}

/** A new provider for `name` on the open socket, until its first `synced` with the server's state. */
async function openMeasured(name: string): Promise<Opened> {
  const open = socket;
  if (!open) throw new Error('cold-open clients are not started');
  return new Promise<Opened>((resolve) => {
    const start = performance.now();
    const doc = new Y.Doc();
    const client = connectClient({ url: collabUrl, name, socket: open, doc });
    client.provider.on('synced', ({ state }: { state: boolean }) => {
      if (!state) return;
      const ms = performance.now() - start;
      const nodes = doc.getMap('nodes').size;
      client.provider.destroy();
      doc.destroy();
      resolve({ ms, nodes });
    });
  });
}

/** The baseline: the doc name sent over the open socket, the reply applied to an empty Y.Doc. */
async function openBaseline(name: string): Promise<Opened> {
  const client = baseline;
  if (!client) throw new Error('cold-open clients are not started');
  return new Promise<Opened>((resolve, reject) => {
    const onClose = (code: number, reason: Buffer) =>
      reject(new Error(`state-fetch socket closed (${code} ${reason.toString('utf8')})`));
    client.once('close', onClose);
    const start = performance.now();
    client.once('message', (data: Buffer) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const doc = new Y.Doc();
      const applyStart = performance.now();
      Y.applyUpdate(doc, bytes);
      const end = performance.now();
      client.off('close', onClose);
      const nodes = doc.getMap('nodes').size;
      doc.destroy();
      const listening = new Y.Doc();
      listening.on('update', () => {});
      const listenerStart = performance.now();
      Y.applyUpdate(listening, bytes);
      const listenerApplyMs = performance.now() - listenerStart;
      listening.destroy();
      resolve({ ms: end - start, nodes, applyMs: end - applyStart, listenerApplyMs });
    });
    client.send(name);
  });
}

if (!process.send) throw new Error('cold-open-clients.ts runs as a child process (fork)');
const send = process.send.bind(process);
const fail = (error: unknown) =>
  send({ error: error instanceof Error ? error.message : String(error) } satisfies ColdOpenReply);
process.on('message', (message: ColdOpenClientsRequest | ColdOpenRequest) => {
  if ('collabUrl' in message) start(message).then(() => send({ ready: true } satisfies ColdOpenReply), fail);
  else
    (message.open === 'measured' ? openMeasured(message.name) : openBaseline(message.name)).then(
      (reply) => send(reply satisfies ColdOpenReply),
      fail,
    );
});
process.on('disconnect', () => {
  keep?.destroy();
  socket?.destroy();
  baseline?.terminate();
  process.exit(0);
});
