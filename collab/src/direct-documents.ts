import type { Hocuspocus, LocalTransactionOrigin } from '@hocuspocus/server';
import { parseDocumentName } from '@tandem/workflow';
import * as Y from 'yjs';
import { CollabError } from './close-codes';
import type { Persistence } from './persistence';
import type { CollabContext } from './session';

// Hocuspocus exports only the interface of the class `openDirectConnection` returns.
type DirectConnection = Awaited<ReturnType<Hocuspocus<CollabContext>['openDirectConnection']>>;
type Handle = { connection: Promise<DirectConnection>; users: number; idle: NodeJS.Timeout | null };

export type DirectDocuments = {
  withDocument<T>(documentName: string, fn: (doc: Y.Doc) => T): Promise<T>;
  close(): Promise<void>;
};

/**
 * Server-side writes into live documents (restore, the runs writer). `fn` runs as ONE transaction on the
 * document every client is editing (loaded from the database if nobody is), so clients see it at once
 * (and, with Redis, clients of other instances too); the promise resolves once the write is appended to
 * the database. Documents stay open for `idleMs` after the last write, so a stream of run events does
 * not reload and recompact the document per batch.
 */
export function createDirectDocuments(options: {
  hocuspocus: Hocuspocus<CollabContext>;
  persistence: Persistence;
  idleMs: number;
}): DirectDocuments {
  const handles = new Map<string, Handle>();
  let closed = false;

  function acquire(documentName: string): Handle {
    let handle = handles.get(documentName);
    if (!handle) {
      const connection = options.hocuspocus.openDirectConnection(documentName, {});
      handle = { connection, users: 0, idle: null };
      handles.set(documentName, handle);
      // A failed load must not stay cached: the next write tries again.
      connection.catch(() => {
        if (handles.get(documentName) === handle) handles.delete(documentName);
      });
    }
    if (handle.idle) clearTimeout(handle.idle);
    handle.idle = null;
    handle.users++;
    return handle;
  }

  function release(documentName: string, handle: Handle): void {
    handle.users--;
    if (handle.users > 0 || closed) return;
    handle.idle = setTimeout(() => {
      if (handle.users > 0 || handles.get(documentName) !== handle) return;
      handles.delete(documentName);
      void handle.connection.then((connection) => connection.disconnect()).catch(() => {});
    }, options.idleMs);
    handle.idle.unref();
  }

  return {
    async withDocument<T>(documentName: string, fn: (doc: Y.Doc) => T): Promise<T> {
      if (closed) throw new CollabError('going-away');
      if (!parseDocumentName(documentName)) throw new CollabError('unknown-document');
      const handle = acquire(documentName);
      try {
        const connection = await handle.connection;
        const document = connection.document;
        if (!document) throw new CollabError('going-away');
        const origin: LocalTransactionOrigin = { source: 'local', context: { server: true } };
        const updates: Uint8Array[] = [];
        const capture = (update: Uint8Array, updateOrigin: unknown) => {
          if (updateOrigin === origin) updates.push(update);
        };
        document.on('update', capture);
        let outcome: { ok: true; value: T } | { ok: false; error: unknown };
        try {
          outcome = { ok: true, value: document.transact(() => fn(document), origin) };
        } catch (error) {
          // Yjs has no rollback: whatever `fn` changed before it threw is live, so it is stored too.
          outcome = { ok: false, error };
        } finally {
          document.off('update', capture);
        }
        if (updates.length > 0) await options.persistence.appendLocal(documentName, Y.mergeUpdates(updates));
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      } finally {
        release(documentName, handle);
      }
    },

    async close() {
      closed = true;
      const open = [...handles.values()];
      handles.clear();
      await Promise.all(
        open.map(async (handle) => {
          if (handle.idle) clearTimeout(handle.idle);
          try {
            await (await handle.connection).disconnect();
          } catch {
            // A load that failed has nothing to disconnect.
          }
        }),
      );
    },
  };
}
