import * as Y from 'yjs';

/** y-protocols sync steps that carry an update (SyncStep1 carries a state vector). */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export function carriesUpdate(syncType: number): boolean {
  return syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE;
}

export type UpdateShape = 'malformed' | 'empty' | 'content';

/**
 * Decodes an update completely (structs and delete set) without applying it. An update that does not
 * decode is refused before it is stored, so it can never poison a later load; an empty one (a client
 * with nothing new answering the server's SyncStep1) needs no row.
 */
export function inspectUpdate(update: Uint8Array): UpdateShape {
  const decoded = decodeOnce(update);
  if (!decoded) return 'malformed';
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0 ? 'empty' : 'content';
}

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
const decodedUpdates = new WeakMap<Uint8Array, DecodedUpdate | null>();

/**
 * Hocuspocus hands every `beforeSync` hook the same payload array, and validation and persistence each need
 * its decoded form: decoding once per payload takes a decode off every edit's path to its readers.
 */
function decodeOnce(update: Uint8Array): DecodedUpdate | null {
  let decoded = decodedUpdates.get(update);
  if (decoded === undefined) {
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      decoded = null;
    }
    decodedUpdates.set(update, decoded);
  }
  return decoded;
}

/**
 * Whether everything `update` carries (structs and deletions) is already in `doc`. Such an update needs no
 * row: what is in memory is on disk (client updates are appended before they are applied, loads come from
 * disk, server-side writes are appended or kept dirty). The struct check is cheap and settles new content;
 * only a fully known update pays for the delete-set comparison, against a snapshot the caller caches
 * until the document changes.
 */
export function isContained(doc: Y.Doc, update: Uint8Array, cache: { snapshot: Y.Snapshot | null }): boolean {
  const decoded = decodeOnce(update);
  if (!decoded) throw new TypeError('undecodable Yjs update');
  for (const struct of decoded.structs) {
    if (Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length) return false;
  }
  cache.snapshot ??= Y.snapshot(doc);
  return Y.snapshotContainsUpdate(cache.snapshot, update);
}

/**
 * Whether every row is within `snapshot` (see {@link isContained}). Each row is decoded, ~25 µs for an edit's
 * row, so a compaction's few hundred rows would hold the event loop (every document on this server) for
 * several milliseconds; the check hands the loop back whenever it has run `sliceMs`, so a live edit waits
 * for one slice, or one row when a row takes longer (a large state row: compaction skips the one it
 * stored itself). Rows are never changed meanwhile, and the snapshot is the caller's, taken before.
 */
export async function allContainedIn(
  snapshot: Y.Snapshot,
  rows: readonly Uint8Array[],
  sliceMs = 1,
): Promise<boolean> {
  let sliceStart = performance.now();
  for (const row of rows) {
    if (!Y.snapshotContainsUpdate(snapshot, row)) return false;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return true;
}

/**
 * Applies stored updates one by one. One that throws (it could only have been stored by a bug, since
 * ingress refuses undecodable ones) is skipped and reported instead of making the document unloadable.
 */
export function applyStored(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  let skipped = 0;
  withoutUpdateEvents(doc, () =>
    doc.transact(() => {
      for (const update of updates) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          skipped++;
        }
      }
    }),
  );
  return skipped;
}

/**
 * Runs `fn` with the document's `update`/`updateV2` listeners detached. Yjs encodes a transaction's update
 * only when something listens (it checks `doc._observers`, as here), and a load has no use for it: nobody is
 * connected yet and Hocuspocus wires its change handling after the load. For a 5,000-node workflow that
 * encode cost about 40 ms of every cold open.
 */
function withoutUpdateEvents(doc: Y.Doc, fn: () => void): void {
  const observers = (doc as unknown as { _observers: Map<string, unknown> })._observers;
  const detached = (['update', 'updateV2'] as const).flatMap((name) => {
    const listeners = observers.get(name);
    observers.delete(name);
    return listeners === undefined ? [] : [[name, listeners] as const];
  });
  try {
    fn();
  } finally {
    for (const [name, listeners] of detached) observers.set(name, listeners);
  }
}
