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
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0 ? 'empty' : 'content';
  } catch {
    return 'malformed';
  }
}

/**
 * Whether everything `update` carries (structs and deletions) is already in `doc`. Such an update needs no
 * row: what is in memory is on disk (client updates are appended before they are applied, loads come from
 * disk, server-side writes are appended or kept dirty). The struct check is cheap and settles new content;
 * only a fully known update pays for the delete-set comparison, against a snapshot the caller caches
 * until the document changes.
 */
export function isContained(doc: Y.Doc, update: Uint8Array, cache: { snapshot: Y.Snapshot | null }): boolean {
  const { structs } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (Y.getState(doc.store, struct.id.client) < struct.id.clock + struct.length) return false;
  }
  cache.snapshot ??= Y.snapshot(doc);
  return Y.snapshotContainsUpdate(cache.snapshot, update);
}

/**
 * Applies stored updates one by one. One that throws (it could only have been stored by a bug, since
 * ingress refuses undecodable ones) is skipped and reported instead of making the document unloadable.
 */
export function applyStored(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  let skipped = 0;
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update);
      } catch {
        skipped++;
      }
    }
  });
  return skipped;
}
