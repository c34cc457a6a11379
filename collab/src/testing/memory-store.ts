import type { LoadedDoc } from '@tandem/db';
import * as Y from 'yjs';
import type { DocStore } from '../ports';

type Failure = 'append' | 'load' | 'compact';
type Held = 'append' | 'compact' | 'load';

/**
 * An in-memory DocStore with the repository's semantics (ids grow, `compact` keeps a newer state and deletes
 * merged updates), plus switches to make operations fail or wait — the failing store the tests inject.
 */
export type MemoryStore = DocStore & {
  /** The repository's `appendUpdate` (with the row id), for tests that seed a store. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  /** Make the next `count` calls of `operation` fail (Infinity: until `heal`). */
  fail(operation: Failure, count?: number): void;
  heal(): void;
  /** Appends (or compactions, or loads) wait until `release` is called. */
  hold(operation?: Held): void;
  release(): void;
  calls: Record<Failure, number>;
  loadsOf(docName: string): number;
  updateCount(docName: string): number;
  stateOf(docName: string): Uint8Array | null;
  /** The document as a fresh load from this store would build it. */
  docOf(docName: string): Y.Doc;
};

export function createMemoryStore(): MemoryStore {
  let nextId = 1;
  const updates = new Map<string, { id: number; update: Uint8Array }[]>();
  const states = new Map<string, { state: Uint8Array; clock: number; layoutVersion: number | null }>();
  const failures: Record<Failure, number> = { append: 0, load: 0, compact: 0 };
  const calls: Record<Failure, number> = { append: 0, load: 0, compact: 0 };
  let gate: { operation: Held; promise: Promise<void>; open: () => void } | null = null;
  const loads = new Map<string, number>();

  function maybeFail(operation: Failure): void {
    calls[operation]++;
    if (failures[operation] > 0) {
      failures[operation]--;
      throw new Error(`injected ${operation} failure`);
    }
  }

  async function load(docName: string): Promise<LoadedDoc> {
    loads.set(docName, (loads.get(docName) ?? 0) + 1);
    if (gate?.operation === 'load') await gate.promise;
    maybeFail('load');
    const stored = states.get(docName);
    const clock = stored?.clock ?? 0;
    const tail = (updates.get(docName) ?? []).filter((row) => row.id > clock);
    return {
      state: stored ? stored.state.slice() : null,
      layoutVersion: stored?.layoutVersion ?? null,
      updates: tail.map((row) => row.update.slice()),
      clock: tail.at(-1)?.id ?? clock,
    };
  }

  async function appendUpdate(docName: string, update: Uint8Array): Promise<number> {
    if (gate?.operation === 'append') await gate.promise;
    maybeFail('append');
    const id = nextId++;
    const list = updates.get(docName) ?? [];
    list.push({ id, update: update.slice() });
    updates.set(docName, list);
    return id;
  }

  return {
    calls,
    appendUpdate,
    async append(docName, update) {
      await appendUpdate(docName, update);
    },
    load,
    async compact(docName, mergedState, _stateVector, uptoId, layoutVersion = null) {
      if (gate?.operation === 'compact') await gate.promise;
      maybeFail('compact');
      const stored = states.get(docName);
      const written = !stored || stored.clock < uptoId;
      if (written) states.set(docName, { state: mergedState.slice(), clock: uptoId, layoutVersion });
      updates.set(
        docName,
        (updates.get(docName) ?? []).filter((row) => row.id > uptoId),
      );
      return written;
    },
    fail(operation, count = Number.POSITIVE_INFINITY) {
      failures[operation] = count;
    },
    heal() {
      failures.append = 0;
      failures.load = 0;
      failures.compact = 0;
    },
    hold(operation = 'append') {
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { operation, promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
    loadsOf: (docName) => loads.get(docName) ?? 0,
    updateCount: (docName) => updates.get(docName)?.length ?? 0,
    stateOf: (docName) => states.get(docName)?.state ?? null,
    docOf(docName) {
      const doc = new Y.Doc();
      const stored = states.get(docName);
      if (stored) Y.applyUpdate(doc, stored.state);
      for (const row of updates.get(docName) ?? [])
        if (row.id > (stored?.clock ?? 0)) Y.applyUpdate(doc, row.update);
      return doc;
    },
  };
}
