import type * as Y from 'yjs';
import { z } from 'zod';

/**
 * Live progress of a workflow's experiments on `workflow:<id>:runs` (beside `runs`, in the document only the
 * server writes): `experiments` Y.Map<experimentId, ExperimentProgress>, each value replaced whole. Every
 * collaborator watching the workflow sees "done / total, ETA" move without polling. Bounded to the most
 * recently updated experiments; Postgres keeps the trials.
 */
const EXPERIMENTS_ROOT = 'experiments';

export const experimentProgressSchema = z.object({
  experimentId: z.string().min(1),
  name: z.string(),
  kind: z.enum(['dataset', 'canary']),
  status: z.enum(['draft', 'running', 'completed', 'cancelled']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  failedRuns: z.number().int().nonnegative(),
  /** Estimated milliseconds left at the pace so far; null before the first result or once finished. */
  etaMs: z.number().nonnegative().nullable(),
  updatedAt: z.string(),
});
export type ExperimentProgress = z.infer<typeof experimentProgressSchema>;

function root(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(EXPERIMENTS_ROOT);
}

/** Records an experiment's progress and keeps the `maxExperiments` most recently updated. Server only. */
export function writeExperimentProgress(
  doc: Y.Doc,
  progress: ExperimentProgress,
  maxExperiments: number,
): void {
  doc.transact(() => {
    const map = root(doc);
    map.set(progress.experimentId, { ...progress });
    if (map.size <= maxExperiments) return;
    const entries = [...map.entries()].map(([id, value]) => {
      const parsed = experimentProgressSchema.safeParse(value);
      return { id, updatedAt: parsed.success ? parsed.data.updatedAt : '' };
    });
    entries.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
    for (const { id } of entries.slice(0, map.size - maxExperiments)) map.delete(id);
  });
}

/** Every experiment's progress, most recently updated first; malformed entries are skipped. Never throws. */
export function readExperimentProgress(doc: Y.Doc): ExperimentProgress[] {
  let map: Y.Map<unknown>;
  try {
    map = root(doc);
  } catch {
    return [];
  }
  const out: ExperimentProgress[] = [];
  for (const value of map.values()) {
    const parsed = experimentProgressSchema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** Calls `listener` after every change to the experiments' progress; returns the unsubscribe. */
export function observeExperimentProgress(doc: Y.Doc, listener: () => void): () => void {
  let map: Y.Map<unknown>;
  try {
    map = root(doc);
  } catch {
    return () => {};
  }
  const observer = (): void => listener();
  map.observe(observer);
  return () => map.unobserve(observer);
}
