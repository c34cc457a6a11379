/**
 * Child process of the durable-write bench: holds one writer per server URL, so the servers (in the bench
 * process) do only server work while an edit is stored, as they do when the author is someone's browser.
 * Messages: parent → `AckWritersRequest` (once), then `{ edit, writer }` per edit; child → `AckWritersReply`.
 */
import { documentName, moveNode } from '@tandem/workflow';
import { type BenchClient, connectClient, whenSynced, workflowDoc } from './harness';

export type AckWritersRequest = { urls: string[]; nodes: number };
export type AckEditRequest = { edit: number; writer: number };
/** `ready` once every writer is synced; per edit, the author's wait (edit to acknowledged) and the update. */
export type AckWritersReply = { ready: true } | { ms: number; update: number[] } | { error: string };

type Writer = { client: BenchClient; last: Uint8Array | null };

let writers: Writer[] = [];
let nodes = 0;

async function open(request: AckWritersRequest): Promise<void> {
  nodes = request.nodes;
  writers = [];
  for (const [i, url] of request.urls.entries()) {
    const name = documentName(`bench-durable-${process.pid}-${i}`, 'graph');
    const client = connectClient({ url, name, doc: workflowDoc(nodes) });
    const writer: Writer = { client, last: null };
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== client.provider) writer.last = update;
    });
    writers.push(writer);
    await whenSynced(client.provider);
  }
}

async function edit(request: AckEditRequest): Promise<{ ms: number; update: number[] }> {
  const writer = writers[request.writer];
  if (!writer) throw new Error(`no writer ${request.writer}`);
  writer.last = null;
  const start = performance.now();
  moveNode(writer.client.doc, `n-${request.edit % (nodes - 2)}`, { x: request.edit, y: request.edit });
  await whenSynced(writer.client.provider);
  const ms = performance.now() - start;
  const update: Uint8Array | null = writer.last;
  if (!update) throw new Error('the edit produced no update');
  return { ms, update: Array.from(update) };
}

if (!process.send) throw new Error('ack-writers.ts runs as a child process (fork)');
const send = process.send.bind(process);
const fail = (error: unknown) =>
  send({ error: error instanceof Error ? error.message : String(error) } satisfies AckWritersReply);
process.on('message', (message: AckWritersRequest | AckEditRequest) => {
  if ('urls' in message) open(message).then(() => send({ ready: true } satisfies AckWritersReply), fail);
  else edit(message).then((reply) => send(reply satisfies AckWritersReply), fail);
});
process.on('disconnect', () => {
  for (const writer of writers) writer.client.destroy();
  process.exit(0);
});
