import type { Envelope } from './frame';

const AUTH = 2;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

type DocumentState = { synced: boolean; held: Uint8Array[]; bytes: number; timer: NodeJS.Timeout | null };

export type HandshakeGate = {
  /** Forwards the frame now, or holds it until the document's handshake is through. */
  pass(envelope: Envelope, frame: Uint8Array): void;
  dispose(): void;
};

/**
 * Holds a client's Update frames for a document until its handshake SyncStep2 has been passed on.
 *
 * A provider that was offline queued every edit as its own message and flushes that queue right after it
 * is authenticated, while it has already reset its `unsyncedChanges` to 1 for the handshake. If those
 * stale frames went first, their acknowledgements would count the new handshake down to 0 before the
 * SyncStep2 carrying the rest of the client's state was stored — `unsyncedChanges === 0` would no longer
 * mean "on disk" — and thousands of one-edit appends would stall the document after every restart.
 * Held until after the SyncStep2 (which contains all of them), they are redundant, acknowledged without
 * a database write, and only once the SyncStep2 is durable. A client that never sends a SyncStep2 (not a
 * Hocuspocus provider) gets its frames passed on after `timeoutMs`; past `maxHeldBytes` further held
 * frames are dropped, which only delays that client's count reaching 0 until its next sync.
 */
export function createHandshakeGate(
  forward: (frame: Uint8Array) => void,
  options: { maxHeldBytes: number; timeoutMs: number },
): HandshakeGate {
  const documents = new Map<string, DocumentState>();
  let heldBytes = 0;

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

  function stateOf(name: string): DocumentState {
    let state = documents.get(name);
    if (!state) {
      state = { synced: false, held: [], bytes: 0, timer: null };
      documents.set(name, state);
    }
    return state;
  }

  return {
    pass(envelope, frame) {
      // Session-aware providers address `name\0session`; one handshake per address.
      const address = envelope.documentName;
      if (envelope.type === AUTH) {
        // A new (re)authentication starts a new handshake for this document.
        const previous = documents.get(address);
        if (previous) {
          if (previous.timer) clearTimeout(previous.timer);
          heldBytes -= previous.bytes;
        }
        documents.set(address, { synced: false, held: [], bytes: 0, timer: null });
        forward(frame);
        return;
      }
      const state = stateOf(address);
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
    dispose() {
      for (const state of documents.values()) if (state.timer) clearTimeout(state.timer);
      documents.clear();
      heldBytes = 0;
    },
  };
}
