import { randomUUID } from 'node:crypto';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import type { DocumentName } from '@tandem/workflow';
import type { WebSocket } from 'ws';
import { type CloseReason, closeCodeFor } from './close-codes';
import type { HandshakeGate } from './handshake-gate';
import type { CollabUser, Role } from './ports';

/** What Hocuspocus carries per document connection (`connection.context`). */
export type CollabContext = {
  /** The socket this connection arrived on; absent for server-side (direct) connections. */
  socket?: SocketSession;
  user?: CollabUser;
  role?: Role;
  document?: DocumentName;
  /** The credential that authenticated it, kept in memory only to re-check the session. */
  credential?: string;
};

/** An authenticated document connection, with its context fields known to be set. */
export type Identity = { socket: SocketSession; user: CollabUser; role: Role; document: DocumentName };

export function identityOf(context: CollabContext): Identity | null {
  const { socket, user, role, document } = context;
  return socket && user && role && document ? { socket, user, role, document } : null;
}

// After asking the peer to close, give it this long to answer before dropping the TCP connection.
const TERMINATE_AFTER_MS = 2_000;

// Hocuspocus does not export the class `handleConnection` returns.
type ClientConnection = ReturnType<Hocuspocus<CollabContext>['handleConnection']>;

/** One WebSocket: its user once known, its document connections, and how it ends. */
export class SocketSession {
  readonly id = randomUUID();
  readonly ws: WebSocket;
  user: CollabUser | null = null;
  /** Established document connections (added on Hocuspocus' `connected`, removed on close). */
  readonly documents = new Set<Connection<CollabContext>>();
  authFailures = 0;
  everAuthenticated = false;
  closed = false;
  /** This socket's handshake rules (held frames, first syncs); set once the socket is accepted. */
  handshake: HandshakeGate | null = null;
  private clientConnection: ClientConnection | null = null;
  private readonly onClosed: (session: SocketSession) => void;

  constructor(ws: WebSocket, onClosed: (session: SocketSession) => void) {
    this.ws = ws;
    this.onClosed = onClosed;
  }

  attach(clientConnection: ClientConnection): void {
    this.clientConnection = clientConnection;
  }

  /**
   * Closes the socket with a typed reason. Hocuspocus is told at once (not when the peer answers the
   * close frame), so no further frame is applied and its documents can be stored and unloaded.
   */
  close(reason: CloseReason): void {
    if (this.closed) return;
    this.closed = true;
    const code = closeCodeFor(reason);
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    setTimeout(() => this.ws.terminate(), TERMINATE_AFTER_MS).unref();
    this.clientConnection?.handleClose({ code, reason });
    this.onClosed(this);
  }

  /**
   * Sends a frame of the server's own (a loader's first SyncStep2); false when the socket is not open. The
   * promise resolves once the frame is handed to the kernel, or after `flushWithinMs`, whichever is first:
   * what the kernel does not take at once is written only when the event loop is next free.
   */
  send(frame: Uint8Array, flushWithinMs: number): { sent: boolean; flushed: Promise<void> } {
    if (this.closed || this.ws.readyState !== this.ws.OPEN)
      return { sent: false, flushed: Promise.resolve() };
    const flushed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, flushWithinMs);
      this.ws.send(frame, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { sent: true, flushed };
  }

  /** The peer closed (or the socket broke). */
  handlePeerClosed(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.clientConnection?.handleClose({ code, reason });
    this.onClosed(this);
  }
}
