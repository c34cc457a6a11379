import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { readEnvelope } from './frame';
import { createHandshakeGate } from './handshake-gate';
import type { CollabLimits } from './options';
import { originAllowed } from './origin';
import type { CollabLogger } from './ports';
import { createTokenBucket } from './rate-limit';
import { type CollabContext, SocketSession } from './session';

export type UpgradeHandler = {
  /** Takes the upgrade when it is for the collab path and returns true; false leaves the socket alone. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Refuses new sockets from now on. */
  stopAccepting(): void;
  close(): Promise<void>;
};

function rejectUpgrade(socket: Duplex, status: 403 | 503, text: string): void {
  // Destroy only once the response is flushed, or the client sees a reset instead of the status.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The fetch-style Request Hocuspocus wants, built from Node's upgrade request. */
function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i];
    const value = request.rawHeaders[i + 1];
    if (name === undefined || value === undefined) continue;
    try {
      headers.append(name, value);
    } catch {
      // A header the fetch Headers class refuses carries nothing collab reads.
    }
  }
  const path = request.url ?? '/';
  const webRequest = new Request(`http://${request.headers.host ?? 'localhost'}${path}`, { headers });
  // Hocuspocus re-reads the query (its `requestParameters`) for every hook payload of every message; from an
  // absolute URL that is a full URL parse per hook, from the path (how Node's own requests carry it) a plain
  // query-string split.
  Object.defineProperty(webRequest, 'url', { value: path });
  return webRequest;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The WebSocket side of the server: path and origin checks, the frame size cap (ws `maxPayload`, enforced
 * before a frame is buffered), per-socket rate limits, the pre-authentication deadline and malformed-frame
 * refusal, then hand-off to `hocuspocus.handleConnection`, which in v4 is fed messages and close by us.
 */
export function createUpgradeHandler(options: {
  hocuspocus: Hocuspocus<CollabContext>;
  sessions: Set<SocketSession>;
  path: string;
  allowedOrigins: readonly string[] | undefined;
  limits: CollabLimits;
  logger: CollabLogger;
}): UpgradeHandler {
  const { hocuspocus, sessions, limits, logger } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
  });
  let accepting = true;

  function accept(ws: WebSocket, request: IncomingMessage): void {
    const session = new SocketSession(ws, (closed) => sessions.delete(closed));
    sessions.add(session);
    const connection = hocuspocus.handleConnection(ws, toWebRequest(request), { socket: session });
    session.attach(connection);
    const gate = createHandshakeGate((frame) => connection.handleMessage(frame), {
      maxHeldBytes: limits.maxHeldBytes,
      timeoutMs: limits.handshakeTimeoutMs,
    });
    session.handshake = gate;
    const messages = createTokenBucket(limits.messagesPerSecond, limits.messageBurst);
    const bytes = createTokenBucket(limits.bytesPerSecond, limits.byteBurst);
    const authDeadline = setTimeout(() => {
      if (!session.everAuthenticated) session.close('unauthorized');
    }, limits.authTimeoutMs);
    authDeadline.unref();

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (session.closed) return;
      const frame = toBytes(data);
      if (!messages.take() || !bytes.take(frame.byteLength)) {
        session.close('rate-limited');
        return;
      }
      if (!isBinary) {
        session.close('malformed-message');
        return;
      }
      const envelope = readEnvelope(frame);
      if (envelope.ok === 'ignore') return;
      if (!envelope.ok) {
        session.close('malformed-message');
        return;
      }
      gate.pass(envelope.envelope, frame);
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearTimeout(authDeadline);
      gate.dispose();
      session.handlePeerClosed(code, reason.toString());
    });
    // ws reports an oversized frame (and socket errors) here after closing with 1009; without a
    // listener the 'error' event would throw and take the process down.
    ws.on('error', (error: Error) => {
      logger.info('collab socket error', { socket: session.id, error: error.message });
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== options.path) return false;
      if (!accepting || sessions.size >= limits.maxConnections) {
        rejectUpgrade(socket, 503, 'Service Unavailable');
        return true;
      }
      if (!originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)) {
        logger.warn('collab upgrade from a foreign origin refused', {
          origin: request.headers.origin ?? null,
        });
        rejectUpgrade(socket, 403, 'Forbidden');
        return true;
      }
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request));
      return true;
    },
    stopAccepting() {
      accepting = false;
    },
    close() {
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
