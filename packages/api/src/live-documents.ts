import type { DocRepository } from '@tandem/db';
import { documentName } from '@tandem/workflow';
import * as Y from 'yjs';

/**
 * The live graph document of a workflow (`workflow:<id>`), as the collaboration server holds it. Reads see
 * every acknowledged edit, including ones not yet compacted into the database; a write is ONE transaction
 * (one update, one undo step for clients) and resolves once it is stored.
 */
export type LiveDocuments = {
  withGraph<T>(workflowId: string, fn: (doc: Y.Doc) => T): Promise<T>;
};

const ORIGIN = Symbol('tandem/api');

/**
 * The fallback when no collaboration server runs in this process (tests over `app.request`, tools): the
 * stored state plus its update log, and a write appended as one update. Never use it while a collab server
 * has the document open: that server would not see the write until it reloads.
 */
export function storedLiveDocuments(docs: Pick<DocRepository, 'load' | 'append'>): LiveDocuments {
  return {
    async withGraph(workflowId, fn) {
      const name = documentName(workflowId, 'graph');
      const loaded = await docs.load(name);
      const doc = new Y.Doc();
      try {
        if (loaded.state) Y.applyUpdate(doc, loaded.state);
        for (const update of loaded.updates) Y.applyUpdate(doc, update);
        const updates: Uint8Array[] = [];
        doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === ORIGIN) updates.push(update);
        });
        const value = doc.transact(() => fn(doc), ORIGIN);
        if (updates.length > 0) await docs.append(name, Y.mergeUpdates(updates));
        return value;
      } finally {
        doc.destroy();
      }
    },
  };
}
