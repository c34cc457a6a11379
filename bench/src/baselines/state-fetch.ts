import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export type StateFetchServer = {
  /** `ws://` address: send a document name as a text frame, get its stored state as one binary frame. */
  url: string;
  close(): Promise<void>;
};

/**
 * The least any server must do to open a stored document: one WebSocket round trip (request → the stored
 * state bytes) around one SELECT; the client then does one `Y.applyUpdate` of those bytes into its empty
 * doc. This is the server half, run in the bench process beside the collab server; the client half (an
 * already open socket, the doc name sent, the reply applied to a fresh Y.Doc) lives in the same child
 * process as the measured provider (bench/src/collab/cold-open-clients.ts), so both decode on the same CPU.
 * A failed SELECT is logged and closes the asking socket with 1011, so the client fails instead of waiting.
 */
export async function startStateFetchServer(
  select: (docName: string) => Promise<Uint8Array>,
): Promise<StateFetchServer> {
  const http = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const docName = data.toString('utf8');
      select(docName).then(
        (state) => socket.send(state),
        (error: unknown) => {
          console.error(`state-fetch: SELECT of ${docName} failed`, error);
          socket.close(1011, 'SELECT failed');
        },
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/`,
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
