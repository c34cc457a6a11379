/**
 * Child process of the memory bench: holds the providers, so the bench process's heap holds only the
 * server side of each loaded document. Messages: parent → `{ open: string[] }` / `{ closeAll: true }`,
 * child → `{ opened: n }` / `{ closed: true }`.
 */
import { type BenchClient, connectClient, whenSynced } from './harness';

const url = process.argv[2];
if (!url || !process.send) throw new Error('usage: fork(memory-clients.ts, [collabUrl])');
const send = process.send.bind(process);
let clients: BenchClient[] = [];

process.on('message', async (message: { open?: string[]; closeAll?: boolean; exit?: boolean }) => {
  if (message.open) {
    // One socket per document, as one person with one workflow open.
    const opened = message.open.map((name) => connectClient({ url, name }));
    clients.push(...opened);
    await Promise.all(opened.map((client) => whenSynced(client.provider)));
    send({ opened: opened.length });
  }
  if (message.closeAll) {
    for (const client of clients) client.destroy();
    clients = [];
    send({ closed: true });
  }
  if (message.exit) process.exit(0);
});
send({ ready: true });
