import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';

export type StateFetch = {
  /** SELECT of the stored state, sent over an already open socket, applied to a fresh Y.Doc. */
  open(docName: string): Promise<Y.Doc>;
  close(): Promise<void>;
};

/**
 * The least any server must do to open a stored document: one WebSocket round trip (request → the stored
 * state bytes) around one SELECT, and one `Y.applyUpdate` of those bytes into the client's empty doc.
 */
export async function startStateFetch(select: (docName: string) => Promise<Uint8Array>): Promise<StateFetch> {
  const http = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    socket.on('message', async (data: Buffer) => {
      socket.send(await select(data.toString('utf8')));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  client.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  return {
    open(docName) {
      return new Promise<Y.Doc>((resolve) => {
        client.once('message', (data: Buffer) => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          resolve(doc);
        });
        client.send(docName);
      });
    },
    async close() {
      client.terminate();
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
