import type { Document, Extension, Hocuspocus } from '@hocuspocus/server';
import { isTransactionOrigin } from '@hocuspocus/server';
import type { LoadedDoc } from '@tandem/db';
import { CURRENT_SCHEMA_VERSION, docSchemaVersion, parseDocumentName } from '@tandem/workflow';
import * as Y from 'yjs';
import { createAppendBatcher } from './append-batcher';
import { CollabError } from './close-codes';
import { encodeSyncFrame } from './frame';
import { createLimiter } from './limiter';
import { migrateOnLoad } from './migrate-on-load';
import type { CollabTiming, DurableWriteTiming } from './options';
import type { CollabLogger, DocStore } from './ports';

/** Hocuspocus' Sync message type and y-protocols' SyncStep2. */
const SYNC = 0;
const SYNC_STEP_2 = 1;

import type { CollabContext } from './session';
import { allContainedIn, applyStored, carriesUpdate, inspectUpdate, isContained } from './yjs-update';

type Entry = {
  document: Document;
  instance: Hocuspocus;
  /** Changed since the last successful compaction (or holding a local write that was never appended). */
  dirty: boolean;
  /** Bumped on every change, so a compaction knows whether changes arrived while it ran. */
  version: number;
  failures: number;
  retryTimer: NodeJS.Timeout | null;
  /** Compactions of one document run one after another. */
  queue: Promise<boolean>;
  /** For {@link isContained}; dropped whenever the document changes. */
  snapshot: { snapshot: Y.Snapshot | null };
  /** Appends of updates already applied (and broadcast) whose acknowledgement waits for them. */
  inflight: Set<Promise<unknown>>;
  /** An applied update's append failed for good: only a compaction (which stores memory) makes it durable. */
  undurable: boolean;
  /**
   * The state row as this server last loaded or stored it: memory holds it. A compaction that reads back
   * the same bytes need not decode them (70-100 ms for a 1 MB state) to know that.
   */
  knownState: Uint8Array | null;
};

function sameBytes(a: Uint8Array, b: Uint8Array | null): boolean {
  return b !== null && a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

export type PersistenceMetrics = {
  dirtyDocuments: number;
  failingDocuments: number;
  appends: number;
  appendFailures: number;
  compactions: number;
  compactionFailures: number;
  /** New clients sent a stored document by its loader, while the server decoded its own copy. */
  firstSyncsAnswered: number;
};

export type Persistence = {
  extension: Extension<CollabContext>;
  /** Stores a server-side write (already applied in memory); on failure the document stays dirty. */
  appendLocal(documentName: string, update: Uint8Array): Promise<void>;
  /** Compacts every dirty document, retrying failures until `deadline` (ms since epoch). */
  flushAll(deadline: number): Promise<{ stored: number; failed: number }>;
  metrics(): PersistenceMetrics;
  dispose(): void;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Durable documents. Every accepted update is appended to `doc_updates` in `beforeSync`, which Hocuspocus
 * awaits before it acknowledges the update (SyncStatus), so a client whose `unsyncedChanges` reached 0 has
 * its edit on disk. The update is applied (and so sent to readers, at once or at the end of the turn) before
 * its append is queued, so the database's latency is paid by the author's acknowledgement, not by everyone
 * else's view. Hocuspocus' debounced store compacts in the background: state + tail are read back from the
 * database and merged with memory, so a compaction can never drop an update it did not see (other
 * instances', in-flight appends). A failing compaction is retried with backoff and keeps the document
 * loaded (dirty) until it succeeds. A failed load throws, so
 * Hocuspocus neither serves nor stores the empty document (#382).
 */
export function createPersistence(options: {
  store: DocStore;
  timing: CollabTiming;
  logger: CollabLogger;
  onDurableWrite?: (timing: DurableWriteTiming) => void;
}): Persistence {
  const { store, timing, logger, onDurableWrite } = options;
  const batcher = createAppendBatcher(store);
  // Compactions read and rewrite whole documents; many documents going idle at once (a deploy, a
  // timeout wave) must not take every database connection (hocuspocus #1110).
  const compactions = createLimiter(timing.maxConcurrentCompactions);
  const entries = new Map<Document, Entry>();
  const counters = {
    appends: 0,
    appendFailures: 0,
    compactions: 0,
    compactionFailures: 0,
    firstSyncsAnswered: 0,
  };
  let disposed = false;

  async function appendDurably(documentName: string, update: Uint8Array): Promise<void> {
    let delay = timing.appendRetryInitialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await batcher.append(documentName, update);
        counters.appends++;
        return;
      } catch (error) {
        counters.appendFailures++;
        if (attempt >= timing.appendAttempts || disposed) {
          logger.error('collab append failed', { document: documentName, error: String(error) });
          throw new CollabError('unavailable', 'the update could not be stored', { cause: error });
        }
        await sleep(delay);
        delay *= 2;
      }
    }
  }

  async function load(documentName: string) {
    let delay = timing.appendRetryInitialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await store.load(documentName);
      } catch (error) {
        if (attempt >= 3) {
          logger.error('collab load failed', { document: documentName, error: String(error) });
          throw new CollabError('unavailable', 'the document could not be loaded', { cause: error });
        }
        await sleep(delay);
        delay *= 2;
      }
    }
  }

  async function compact(entry: Entry): Promise<boolean> {
    if (!entry.dirty) return true;
    const name = entry.document.name;
    const version = entry.version;
    const isGraph = parseDocumentName(name)?.kind === 'graph';
    // Memory as it is now: its update, and what a stored row must be within to be in it.
    const memory = Y.encodeStateAsUpdate(entry.document);
    const memorySnapshot = Y.snapshot(entry.document);
    const memoryStateVector = Y.encodeStateVector(entry.document);
    const memoryLayout = isGraph ? docSchemaVersion(entry.document) : null;
    try {
      const stored = await store.load(name);
      const state = stored.state && !sameBytes(stored.state, entry.knownState) ? [stored.state] : [];
      const rows = [...state, ...stored.updates];
      let compacted: { state: Uint8Array; stateVector: Uint8Array; layoutVersion: number | null };
      if (await allContainedIn(memorySnapshot, rows)) {
        // The usual case: this server accepted or loaded everything stored, so memory is the merge. Decoding
        // it all into a scratch document again blocked the event loop (every document on this server) for
        // milliseconds per hundred nodes.
        compacted = { state: memory, stateVector: memoryStateVector, layoutVersion: memoryLayout };
      } else {
        // Rows memory lacks (another instance's edits, appends that committed while this loaded): merge.
        const scratch = new Y.Doc();
        applyStored(scratch, [...rows, memory]);
        compacted = {
          state: Y.encodeStateAsUpdate(scratch),
          stateVector: Y.encodeStateVector(scratch),
          // The layout a graph is stored in, so a later load knows it is current without decoding it first.
          layoutVersion: isGraph ? docSchemaVersion(scratch) : null,
        };
        scratch.destroy();
      }
      await store.compact(
        name,
        compacted.state,
        compacted.stateVector,
        stored.clock,
        compacted.layoutVersion,
      );
      counters.compactions++;
      // A merged state may hold rows memory lacks (another instance's edits): only memory's own is known.
      entry.knownState = compacted.state === memory ? memory : null;
      // Memory as it was when this compaction began is stored; an update applied since (its append may
      // have failed) is not, so the document stays dirty and undurable until the next one.
      if (entry.version === version) {
        entry.dirty = false;
        entry.undurable = false;
      }
      entry.failures = 0;
      return true;
    } catch (error) {
      counters.compactionFailures++;
      entry.failures++;
      logger.warn('collab compaction failed; the document stays in memory', {
        document: name,
        failures: entry.failures,
        error: String(error),
      });
      scheduleRetry(entry);
      return false;
    }
  }

  function compactNow(entry: Entry): Promise<boolean> {
    entry.queue = entry.queue.then(() => compactions(() => compact(entry)));
    return entry.queue;
  }

  function scheduleRetry(entry: Entry): void {
    if (entry.retryTimer || disposed) return;
    const delay = Math.min(
      timing.compactRetryInitialMs * 2 ** Math.max(0, entry.failures - 1),
      timing.compactRetryMaxMs,
    );
    entry.retryTimer = setTimeout(async () => {
      entry.retryTimer = null;
      if (!entries.has(entry.document)) return;
      const ok = await compactNow(entry);
      // The unload Hocuspocus attempted while the store was failing was refused; try again now.
      if (!ok || entry.document.getConnectionsCount() > 0) return;
      try {
        await entry.instance.unloadDocument(entry.document);
      } catch (error) {
        logger.warn('collab unload after a retried store failed', {
          document: entry.document.name,
          error: String(error),
        });
      }
    }, delay);
    entry.retryTimer.unref();
  }

  async function awaitDurable(entry: Entry, connection: { context: CollabContext }): Promise<void> {
    if (entry.inflight.size > 0) await Promise.allSettled([...entry.inflight]);
    if (entry.undurable && !(await compactNow(entry))) {
      connection.context.socket?.close('unavailable');
      throw new CollabError('unavailable', 'the document could not be stored');
    }
  }

  function forget(document: Document): void {
    const entry = entries.get(document);
    if (entry?.retryTimer) clearTimeout(entry.retryTimer);
    entries.delete(document);
  }

  /**
   * A new client opening a document nobody has open waits for the server to decode it, then for the server
   * to encode it back, then decodes it itself. When the client that caused the load holds nothing yet and
   * the stored document is one compacted state in the current layout, that state is exactly what the
   * server's answer would contain: it is sent at once as the client's SyncStep2, and the client decodes it
   * while the server decodes its own copy. Returns the address answered and when the frame is on its way
   * (at most `firstSyncFlushMs`: a client that does not read holds up no one else waiting on this load
   * for longer), or null (the usual path).
   * Conditions: authenticated (loads run after `onAuthenticate`), no tail of updates (only compacted states
   * are sent as stored), and for a graph the layout recorded at compaction is current, so a migration can
   * never follow what the client was sent.
   */
  function answerFirstSync(
    context: CollabContext,
    documentName: string,
    stored: LoadedDoc,
  ): { address: string; flushed: Promise<void> } | null {
    const socket = context.socket;
    if (!socket?.handshake || !stored.state || stored.updates.length > 0) return null;
    const kind = parseDocumentName(documentName)?.kind;
    if (!kind || (kind === 'graph' && stored.layoutVersion !== CURRENT_SCHEMA_VERSION)) return null;
    const pending = socket.handshake.pendingFirstSync(documentName);
    if (!pending?.emptyStateVector) return null;
    const frame = encodeSyncFrame(pending.address, SYNC, SYNC_STEP_2, stored.state);
    const { sent, flushed } = socket.send(frame, timing.firstSyncFlushMs);
    if (!sent) return null;
    counters.firstSyncsAnswered++;
    return { address: pending.address, flushed };
  }

  const extension: Extension<CollabContext> = {
    extensionName: 'tandem-persistence',
    async onLoadDocument({ document, documentName, instance, context }) {
      const stored = await load(documentName);
      const updates = [...(stored.state ? [stored.state] : []), ...stored.updates];
      const handshake = context.socket?.handshake;
      if (handshake && stored.state && !handshake.pendingFirstSync(documentName))
        await handshake.firstSyncArrival(documentName, timing.firstSyncWaitMs);
      const firstSync = answerFirstSync(context, documentName, stored);
      // Decoding blocks this thread: the client's copy must be on its way before the server decodes its own.
      if (firstSync) await firstSync.flushed;
      const skipped = applyStored(document, updates);
      if (skipped > 0)
        logger.error('collab skipped unreadable stored updates', { document: documentName, skipped });
      // What the client was sent is exactly what was just applied: its SyncStep1 says so when it goes on.
      if (firstSync) context.socket?.handshake?.served(firstSync.address, Y.encodeStateVector(document));
      if (parseDocumentName(documentName)?.kind === 'graph') {
        const migration = migrateOnLoad(document, updates.length > 0);
        if (migration) await appendDurably(documentName, migration);
      }
      const snapshot: { snapshot: Y.Snapshot | null } = { snapshot: null };
      entries.set(document, {
        document,
        instance,
        dirty: false,
        version: 0,
        failures: 0,
        retryTimer: null,
        queue: Promise.resolve(true),
        snapshot,
        inflight: new Set(),
        undurable: false,
        knownState: stored.state,
      });
      document.on('update', () => {
        snapshot.snapshot = null;
      });
      document.on('destroy', () => forget(document));
    },

    async beforeSync({ type, payload, connection, document, documentName }) {
      if (!carriesUpdate(type) || connection.readOnly) return;
      const accepted = performance.now();
      const entry = entries.get(document);
      if (inspectUpdate(payload) !== 'content') {
        // An empty sync step from a reconnecting author whose edit the server already holds in memory: it is
        // acknowledged too, so not before that edit is stored.
        if (entry) await awaitDurable(entry, connection);
        return;
      }
      if (!entry) {
        await appendDurably(documentName, payload.slice());
        const ms = performance.now() - accepted;
        onDurableWrite?.({ acceptedMs: ms, storeMs: ms });
        return;
      }
      if (isContained(document, payload, entry.snapshot)) {
        // Nothing new (a reconnecting provider re-sending), but the edit may be one applied moments ago whose
        // append is still in flight or failed: acknowledge only once it is stored.
        await awaitDurable(entry, connection);
        return;
      }
      // Applied first, which sends it to the readers (inside the apply when it is the first change of the
      // event-loop turn, else at the end of the turn: patches/@hocuspocus__server@4.7.0.patch), so they never
      // wait for the database; then appended. An edit another client builds on this one can only arrive after
      // that send, so it is queued (and stored) after it. The author's acknowledgement (Hocuspocus sends it
      // after this hook, re-applying the update as a no-op) waits for the database.
      Y.applyUpdate(document, payload, { source: 'connection', connection });
      const handedToStorage = performance.now();
      const stored = appendDurably(documentName, payload.slice());
      entry.inflight.add(stored);
      try {
        await stored;
        const committed = performance.now();
        onDurableWrite?.({ acceptedMs: committed - accepted, storeMs: committed - handedToStorage });
      } catch (error) {
        // Applied but not stored: compaction (which stores memory) retries until the database is back; the
        // author, refused an acknowledgement, reconnects and re-sends, and is acknowledged after that store.
        entry.undurable = true;
        entry.dirty = true;
        scheduleRetry(entry);
        connection.context.socket?.close('unavailable');
        throw error;
      } finally {
        entry.inflight.delete(stored);
      }
    },

    async onChange({ document, transactionOrigin }) {
      // Updates relayed from another instance were stored by the instance that accepted them.
      if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'redis') return;
      const entry = entries.get(document);
      if (!entry) return;
      entry.dirty = true;
      entry.version++;
    },

    async onStoreDocument({ document }) {
      const entry = entries.get(document);
      if (entry) await compactNow(entry);
    },

    async beforeUnloadDocument({ document }) {
      const entry = entries.get(document);
      if (!entry?.dirty) return;
      if (!(await compactNow(entry))) throw new Error('store failing: keeping the document in memory');
    },
  };

  return {
    extension,

    async appendLocal(documentName, update) {
      try {
        await appendDurably(documentName, update);
      } catch (error) {
        // The write is live in memory; compaction (merging memory) will store it once the database is back.
        for (const entry of entries.values()) {
          if (entry.document.name === documentName) scheduleRetry(entry);
        }
        throw error;
      }
    },

    async flushAll(deadline) {
      let failed = 0;
      let stored = 0;
      await Promise.all(
        [...entries.values()].map(async (entry) => {
          if (!entry.dirty) return;
          for (;;) {
            if (await compactNow(entry)) {
              stored++;
              return;
            }
            if (Date.now() + timing.compactRetryInitialMs > deadline) {
              failed++;
              return;
            }
            await sleep(timing.compactRetryInitialMs);
          }
        }),
      );
      return { stored, failed };
    },

    metrics() {
      let dirtyDocuments = 0;
      let failingDocuments = 0;
      for (const entry of entries.values()) {
        if (entry.dirty) dirtyDocuments++;
        if (entry.failures > 0) failingDocuments++;
      }
      return { dirtyDocuments, failingDocuments, ...counters };
    },

    dispose() {
      disposed = true;
      for (const entry of entries.values()) if (entry.retryTimer) clearTimeout(entry.retryTimer);
    },
  };
}
