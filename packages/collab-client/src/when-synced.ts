import type { HocuspocusProvider } from '@hocuspocus/provider';

/**
 * Resolves once the provider has had the server's SyncStep2 and every local change is acknowledged (with
 * Tandem's collab server: stored). Rejects after `timeoutMs`, naming the document.
 */
export function whenSynced(provider: HocuspocusProvider, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${provider.configuration.name} not synced after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const check = () => {
      if (provider.isSynced && provider.unsyncedChanges === 0) {
        clearTimeout(timer);
        provider.off('synced', check);
        provider.off('unsyncedChanges', check);
        resolve();
      }
    };
    provider.on('synced', check);
    provider.on('unsyncedChanges', check);
    check();
  });
}
