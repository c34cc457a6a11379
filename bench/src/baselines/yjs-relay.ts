import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';

/** Hocuspocus' envelope: every frame starts with the document name, then one of these types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;
const MESSAGE_SYNC_STATUS = 8;
const AUTH_TOKEN = 0;
const AUTH_AUTHENTICATED = 2;
/** y-protocols' sync message types. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** lib0's variable-length encoding, the little of it a relay needs (same bytes as y-protocols writes). */
class Writer {
  private chunks: Uint8Array[] = [];
  private head: number[] = [];
  uint(value: number): this {
    let rest = value;
    while (rest > 0x7f) {
      this.head.push(0x80 | (rest & 0x7f));
      rest = Math.floor(rest / 128);
    }
    this.head.push(rest);
    return this;
  }
  string(value: string): this {
    return this.uint8Array(textEncoder.encode(value));
  }
  uint8Array(value: Uint8Array): this {
    this.uint(value.length);
    this.chunks.push(Uint8Array.from(this.head), value);
    this.head = [];
    return this;
  }
  toUint8Array(): Uint8Array {
    this.chunks.push(Uint8Array.from(this.head));
    this.head = [];
    const out = new Uint8Array(this.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

class Reader {
  private position = 0;
  constructor(private readonly bytes: Uint8Array) {}
  uint(): number {
    let value = 0;
    let multiplier = 1;
    for (;;) {
      const byte = this.bytes[this.position++];
      if (byte === undefined) throw new Error('unexpected end of frame');
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
  }
  uint8Array(): Uint8Array {
    const length = this.uint();
    const view = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }
  string(): string {
    return textDecoder.decode(this.uint8Array());
  }
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

type Room = { doc: Y.Doc; sockets: Set<WebSocket> };

export type YjsRelay = { url: string; close(): Promise<void> };

export type RelayDurability = {
  /** Stores one update (the raw INSERT); the author is acknowledged once it resolves. */
  store(documentName: string, update: Uint8Array): Promise<void>;
  onDurableWrite(timing: { acceptedMs: number; storeMs: number }): void;
};

/**
 * The smallest server a Yjs editor needs, y-websocket style: one `ws` server, one Y.Doc per document,
 * every update applied to it and broadcast (encoded once) to every socket on the document. No auth, no
 * validation, no limits; no persistence unless `durability` is given (then each update is stored after its
 * broadcast and acknowledged after the store, nothing more). It speaks Hocuspocus' envelope (document-name prefix, a token
 * message answered with "authenticated", SyncStatus acks) only so that the very same
 * `@hocuspocus/provider` clients and wire encoding can be measured against it.
 */
export async function startYjsRelay(durability?: RelayDurability): Promise<YjsRelay> {
  const rooms = new Map<string, Room>();
  const http = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ server: http });

  function roomOf(name: string): Room {
    const existing = rooms.get(name);
    if (existing) return existing;
    const room: Room = { doc: new Y.Doc(), sockets: new Set() };
    room.doc.on('update', (update: Uint8Array) => {
      const frame = new Writer()
        .string(name)
        .uint(MESSAGE_SYNC)
        .uint(SYNC_UPDATE)
        .uint8Array(update)
        .toUint8Array();
      for (const socket of room.sockets) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    });
    rooms.set(name, room);
    return room;
  }

  wss.on('connection', (socket) => {
    const joined = new Set<Room>();
    let storing: Promise<void> = Promise.resolve();
    socket.on('message', (data: Buffer) => {
      if (data.byteLength <= 1) return; // connection-level pong
      const reader = new Reader(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const name = reader.string();
      const type = reader.uint();
      const room = roomOf(name);
      const send = (build: (writer: Writer) => Writer) =>
        socket.send(build(new Writer().string(name)).toUint8Array());
      switch (type) {
        case MESSAGE_AUTH: {
          if (reader.uint() !== AUTH_TOKEN) return;
          room.sockets.add(socket);
          joined.add(room);
          send((w) => w.uint(MESSAGE_AUTH).uint(AUTH_AUTHENTICATED).string('read-write'));
          return;
        }
        case MESSAGE_SYNC: {
          const syncType = reader.uint();
          const payload = reader.uint8Array();
          if (syncType === SYNC_STEP_1) {
            // As y-websocket: answer with what the client lacks, then ask for what we lack.
            send((w) =>
              w.uint(MESSAGE_SYNC).uint(SYNC_STEP_2).uint8Array(Y.encodeStateAsUpdate(room.doc, payload)),
            );
            send((w) => w.uint(MESSAGE_SYNC).uint(SYNC_STEP_1).uint8Array(Y.encodeStateVector(room.doc)));
            return;
          }
          if (!durability) {
            Y.applyUpdate(room.doc, payload, socket);
            send((w) => w.uint(MESSAGE_SYNC_STATUS).uint(1));
            return;
          }
          // Durable: applied and broadcast at once, stored, then acknowledged (one socket's writes in order).
          const accepted = performance.now();
          Y.applyUpdate(room.doc, payload, socket);
          const update = payload.slice();
          const stored = storing.then(async () => {
            const handed = performance.now();
            await durability.store(name, update);
            const committed = performance.now();
            durability.onDurableWrite({ acceptedMs: committed - accepted, storeMs: committed - handed });
            send((w) => w.uint(MESSAGE_SYNC_STATUS).uint(1));
          });
          storing = stored.catch(() => socket.terminate());
          return;
        }
        case MESSAGE_AWARENESS: {
          // Relayed as is to the document's other sockets.
          for (const other of room.sockets)
            if (other !== socket && other.readyState === WebSocket.OPEN) other.send(data);
          return;
        }
        case MESSAGE_QUERY_AWARENESS: {
          // An awareness update with no states.
          send((w) => w.uint(MESSAGE_AWARENESS).uint8Array(Uint8Array.of(0)));
          return;
        }
        default:
          return;
      }
    });
    socket.on('close', () => {
      for (const room of joined) room.sockets.delete(socket);
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/relay`,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      for (const room of rooms.values()) room.doc.destroy();
    },
  };
}
