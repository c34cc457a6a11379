import { type Envelope, encodeSyncFrame, readSyncPayload } from './frame';

const AUTH = 2;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** A client's SyncStep1 held until Hocuspocus has established its document connection. */
type HeldSyncStep1 = { frame: Uint8Array; envelope: Envelope; emptyStateVector: boolean };

type DocumentState = {
  synced: boolean;
  held: Uint8Array[];
  bytes: number;
  timer: NodeJS.Timeout | null;
  /** Hocuspocus has a connection for this address (its `connected` hook ran, and it has not closed). */
  established: boolean;
  firstSync: HeldSyncStep1[];
  firstSyncTimer: NodeJS.Timeout | null;
  /** What the document's loader already sent this client (a state vector), if it answered the first sync. */
  served: Uint8Array | null;
};

/** A first SyncStep1 waiting on this socket, for the loader of its document. */
export type PendingFirstSync = { address: string; emptyStateVector: boolean };

export type HandshakeGate = {
  /** Forwards the frame now, or holds it until the document's handshake is through. */
  pass(envelope: Envelope, frame: Uint8Array): void;
  /** Hocuspocus established the connection at `address`: its held SyncStep1 goes on. */
  established(address: string): void;
  /** The connection at `address` closed: a new one starts with a new handshake. */
  closed(address: string): void;
  /** The one address of `documentName` whose first SyncStep1 is held on this socket, or null. */
  pendingFirstSync(documentName: string): PendingFirstSync | null;
  /**
   * Resolves once a first SyncStep1 of `documentName` is held, or after `withinMs`. A provider sends it right
   * after its Auth, but the two may arrive in separate reads, after a load that needed no I/O.
   */
  firstSyncArrival(documentName: string, withinMs: number): Promise<void>;
  /**
   * The loader sent the client at `address` the document up to `stateVector`: the held SyncStep1 is passed
   * on saying so, and Hocuspocus answers it with only what came after.
   */
  served(address: string, stateVector: Uint8Array): void;
  dispose(): void;
};

/** A state vector of no clients: a provider that holds nothing yet. */
function isEmptyStateVector(stateVector: Uint8Array | null): boolean {
  return stateVector !== null && stateVector.length === 1 && stateVector[0] === 0;
}

/** Session-aware providers address `name\0session` (one handshake per address); others the plain name. */
function documentNameOf(address: string): string {
  const separator = address.indexOf('\0');
  return separator === -1 ? address : address.slice(0, separator);
}

/**
 * The per-socket handshake rules that Hocuspocus' own message handling lacks.
 *
 * 1. Update frames are held until the document's handshake SyncStep2 has been passed on. A provider that was
 *    offline queued every edit as its own message and flushes that queue right after it is authenticated,
 *    while it has already reset its `unsyncedChanges` to 1 for the handshake. If those stale frames went
 *    first, their acknowledgements would count the new handshake down to 0 before the SyncStep2 carrying the
 *    rest of the client's state was stored — `unsyncedChanges === 0` would no longer mean "on disk" — and
 *    thousands of one-edit appends would stall the document after every restart. Held until after the
 *    SyncStep2 (which contains all of them), they are redundant, acknowledged without a database write, and
 *    only once the SyncStep2 is durable. A client that never sends a SyncStep2 (not a Hocuspocus provider)
 *    gets its frames passed on after `timeoutMs`; past `maxHeldBytes` further held frames are dropped, which
 *    only delays that client's count reaching 0 until its next sync.
 * 2. A SyncStep1 sent before its document connection is established is held until it is (Hocuspocus would
 *    queue it anyway), so the loader of a document can answer a new client itself: it sends the stored state
 *    as the SyncStep2 while the server is still decoding its own copy (`served`), and the held SyncStep1 then
 *    goes on carrying that state vector, so Hocuspocus sends only what is newer. Held frames go on after
 *    `timeoutMs` whatever happens.
 */
export function createHandshakeGate(
  forward: (frame: Uint8Array) => void,
  options: { maxHeldBytes: number; timeoutMs: number },
): HandshakeGate {
  const documents = new Map<string, DocumentState>();
  let heldBytes = 0;
  /** Loaders waiting for a document's first SyncStep1 on this socket. */
  const arrivals = new Map<string, Set<() => void>>();

  function announceFirstSync(documentName: string): void {
    const waiting = arrivals.get(documentName);
    arrivals.delete(documentName);
    for (const wake of waiting ?? []) wake();
  }

  function newState(): DocumentState {
    return {
      synced: false,
      held: [],
      bytes: 0,
      timer: null,
      established: false,
      firstSync: [],
      firstSyncTimer: null,
      served: null,
    };
  }

  function clearTimers(state: DocumentState): void {
    if (state.timer) clearTimeout(state.timer);
    if (state.firstSyncTimer) clearTimeout(state.firstSyncTimer);
    state.timer = null;
    state.firstSyncTimer = null;
  }

  function release(state: DocumentState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    state.synced = true;
    const held = state.held;
    state.held = [];
    heldBytes -= state.bytes;
    state.bytes = 0;
    for (const frame of held) forward(frame);
  }

  function releaseFirstSync(address: string, state: DocumentState): void {
    if (state.firstSyncTimer) clearTimeout(state.firstSyncTimer);
    state.firstSyncTimer = null;
    const held = state.firstSync;
    state.firstSync = [];
    const served = state.served;
    state.served = null;
    for (const [i, step] of held.entries()) {
      // Only the step the loader answered says what the client has now; any other goes on as sent.
      if (i === 0 && served && step.emptyStateVector)
        forward(encodeSyncFrame(address, step.envelope.type, SYNC_STEP_1, served));
      else forward(step.frame);
    }
  }

  function stateOf(address: string): DocumentState {
    let state = documents.get(address);
    if (!state) {
      state = newState();
      documents.set(address, state);
    }
    return state;
  }

  return {
    pass(envelope, frame) {
      const address = envelope.documentName;
      if (envelope.type === AUTH) {
        // A new (re)authentication starts a new handshake for this address, unless Hocuspocus already
        // has the connection (then the Auth goes to it and no new connection is set up).
        const previous = documents.get(address);
        if (previous && !previous.established) {
          clearTimers(previous);
          heldBytes -= previous.bytes;
          for (const step of previous.firstSync) forward(step.frame);
          documents.set(address, newState());
        } else if (!previous) documents.set(address, newState());
        forward(frame);
        return;
      }
      const state = stateOf(address);
      if (envelope.syncStep === SYNC_STEP_1 && !state.established) {
        state.firstSync.push({
          frame,
          envelope,
          emptyStateVector: isEmptyStateVector(readSyncPayload(frame, envelope)),
        });
        if (!state.firstSyncTimer) {
          state.firstSyncTimer = setTimeout(() => releaseFirstSync(address, state), options.timeoutMs);
          state.firstSyncTimer.unref();
        }
        announceFirstSync(documentNameOf(address));
        return;
      }
      if (envelope.syncStep === SYNC_STEP_2) {
        forward(frame);
        if (!state.synced) release(state);
        return;
      }
      if (envelope.syncStep !== SYNC_UPDATE || state.synced) {
        forward(frame);
        return;
      }
      if (heldBytes + frame.byteLength > options.maxHeldBytes) return;
      state.held.push(frame);
      state.bytes += frame.byteLength;
      heldBytes += frame.byteLength;
      if (!state.timer) {
        state.timer = setTimeout(() => release(state), options.timeoutMs);
        state.timer.unref();
      }
    },
    established(address) {
      const state = stateOf(address);
      state.established = true;
      releaseFirstSync(address, state);
    },
    closed(address) {
      const state = documents.get(address);
      if (!state) return;
      clearTimers(state);
      heldBytes -= state.bytes;
      documents.delete(address);
    },
    pendingFirstSync(documentName) {
      let found: PendingFirstSync | null = null;
      for (const [address, state] of documents) {
        if (documentNameOf(address) !== documentName) continue;
        const first = state.firstSync[0];
        if (state.established || !first || state.served) continue;
        // Two providers of one document on one socket: neither gets the shortcut.
        if (found) return null;
        found = { address, emptyStateVector: first.emptyStateVector };
      }
      return found;
    },
    firstSyncArrival(documentName, withinMs) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(wake, withinMs);
        function wake() {
          clearTimeout(timer);
          arrivals.get(documentName)?.delete(wake);
          resolve();
        }
        const waiting = arrivals.get(documentName) ?? new Set<() => void>();
        waiting.add(wake);
        arrivals.set(documentName, waiting);
      });
    },
    served(address, stateVector) {
      const state = documents.get(address);
      if (state && !state.established) state.served = stateVector;
    },
    dispose() {
      for (const state of documents.values()) clearTimers(state);
      documents.clear();
      for (const documentName of [...arrivals.keys()]) announceFirstSync(documentName);
      heldBytes = 0;
    },
  };
}
