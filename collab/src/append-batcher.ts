import * as Y from 'yjs';
import type { DocStore } from './ports';

export type AppendBatcher = {
  /** Resolves once `update` is committed (possibly merged with concurrent ones). */
  append(documentName: string, update: Uint8Array): Promise<void>;
};

type Waiter = { update: Uint8Array; resolve: () => void; reject: (error: unknown) => void };

/**
 * Group commit per document: while one append is in flight, updates from other connections queue up and
 * go to the database as one merged update. Yjs updates merge losslessly, so every waiter's update is in
 * the committed row it is told about; throughput no longer caps at one transaction per update.
 */
export function createAppendBatcher(store: DocStore): AppendBatcher {
  const queues = new Map<string, Waiter[]>();

  async function drain(documentName: string, queue: Waiter[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      const first = batch[0];
      const merged =
        batch.length === 1 && first ? first.update : Y.mergeUpdates(batch.map((waiter) => waiter.update));
      try {
        await store.append(documentName, merged);
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    queues.delete(documentName);
  }

  return {
    append(documentName, update) {
      return new Promise<void>((resolve, reject) => {
        const existing = queues.get(documentName);
        if (existing) {
          existing.push({ update, resolve, reject });
          return;
        }
        const queue: Waiter[] = [{ update, resolve, reject }];
        queues.set(documentName, queue);
        void drain(documentName, queue);
      });
    },
  };
}
