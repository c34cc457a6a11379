import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

const PREFIX = 'tandem:';

/** The IndexedDB database keeping a document's offline copy, per user so accounts never share one. */
export function localStoreName(userId: string, documentName: string): string {
  return `${PREFIX}${userId}:${documentName}`;
}

/** Keeps `doc` in IndexedDB: edits made offline survive a reload and merge on reconnect. */
export function persistLocally(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === 'undefined') return null;
  return new IndexeddbPersistence(name, doc);
}

/** Deletes every offline copy (on log out). Browsers without `indexedDB.databases()` keep them. */
export async function clearLocalDocuments(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  try {
    const databases = await indexedDB.databases();
    await Promise.all(
      databases
        .map((database) => database.name)
        .filter((name): name is string => typeof name === 'string' && name.startsWith(PREFIX))
        .map(
          (name) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = () => resolve();
              request.onerror = () => resolve();
              request.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // Clearing is best effort: the server still decides who may read a document.
  }
}
