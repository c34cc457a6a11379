import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { docStates, docUpdates } from '../schema/index';

export interface LoadedDoc {
  /** The compacted state, or null when the doc was never compacted. */
  state: Uint8Array | null;
  /** Updates appended after `state` was compacted, oldest first. */
  updates: Uint8Array[];
  /** Id of the newest update reflected in `state` + `updates` (0 for an empty doc): pass it to `compact`. */
  clock: number;
}

/** Two-key advisory locks live apart from one-key ones; this class id keeps doc locks apart from others. */
const DOC_LOCK_CLASS = 0x7464_6f63; // 'tdoc'

/**
 * Durable storage of Yjs documents: a compacted state plus an append-only log of updates.
 * Merging updates is the collab layer's job; this only stores bytes.
 *
 * Invariant: for one doc, update ids become visible in increasing order (appends to a doc are
 * serialised by an advisory lock held until commit), so a `load` never sees update n+1 without n,
 * and `compact(..., uptoId)` never deletes an update the caller did not merge.
 */
export function createDocRepository(db: TandemDb) {
  return {
    /** Appends one update and returns its id. */
    async appendUpdate(docName: string, update: Uint8Array): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${DOC_LOCK_CLASS}, hashtext(${docName}))`);
        const [row] = await tx
          .insert(docUpdates)
          .values({ docName, update })
          .returning({ id: docUpdates.id });
        if (!row) throw new Error('insert into doc_updates returned no row');
        return row.id;
      });
    },

    /** Reads the state and the updates after it from one snapshot. */
    async load(docName: string): Promise<LoadedDoc> {
      return db.transaction(
        async (tx) => {
          const [stored] = await tx
            .select({ state: docStates.state, clock: docStates.clock })
            .from(docStates)
            .where(eq(docStates.docName, docName));
          const compactedClock = stored?.clock ?? 0;
          const rows = await tx
            .select({ id: docUpdates.id, update: docUpdates.update })
            .from(docUpdates)
            .where(and(eq(docUpdates.docName, docName), gt(docUpdates.id, compactedClock)))
            .orderBy(asc(docUpdates.id));
          return {
            state: stored?.state ?? null,
            updates: rows.map((row) => row.update),
            clock: rows.at(-1)?.id ?? compactedClock,
          };
        },
        { isolationLevel: 'repeatable read' },
      );
    },

    /**
     * Stores `mergedState` (state + every update with id <= `uptoId`) and deletes those updates, in
     * one transaction. Updates appended meanwhile have larger ids and stay. A compaction older than
     * the stored one (smaller `uptoId`) does not overwrite it. Returns whether the state was written.
     */
    async compact(
      docName: string,
      mergedState: Uint8Array,
      stateVector: Uint8Array,
      uptoId: number,
    ): Promise<boolean> {
      return db.transaction(async (tx) => {
        const written = await tx
          .insert(docStates)
          .values({ docName, state: mergedState, stateVector, clock: uptoId })
          .onConflictDoUpdate({
            target: docStates.docName,
            set: { state: mergedState, stateVector, clock: uptoId, updatedAt: sql`now()` },
            setWhere: sql`${docStates.clock} < ${uptoId}`,
          })
          .returning({ docName: docStates.docName });
        await tx.delete(docUpdates).where(and(eq(docUpdates.docName, docName), lte(docUpdates.id, uptoId)));
        return written.length > 0;
      });
    },
  };
}

export type DocRepository = ReturnType<typeof createDocRepository>;
