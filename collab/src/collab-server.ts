import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Redis } from '@hocuspocus/extension-redis';
import { type Extension, Hocuspocus } from '@hocuspocus/server';
import IORedis from 'ioredis';
import type * as Y from 'yjs';
import { createAuthExtension } from './auth';
import { createDirectDocuments } from './direct-documents';
import { type CollabServerOptions, DEFAULT_LIMITS, DEFAULT_LOGGER, DEFAULT_TIMING } from './options';
import { createPersistence, type PersistenceMetrics } from './persistence';
import { createPresence } from './presence';
import { createRevalidator } from './revalidate';
import { createRunsWriter, type RunsWriter } from './runs-writer';
import type { CollabContext, SocketSession } from './session';
import { createUpgradeHandler } from './upgrade';
import { createValidation } from './validation';

export type CollabMetrics = PersistenceMetrics & {
  /** Open WebSockets. */
  sockets: number;
  /** Hocuspocus' count: distinct sockets with a document open, plus server-side (direct) connections. */
  connections: number;
  loadedDocuments: number;
};

export type CollabServer = {
  hocuspocus: Hocuspocus<CollabContext>;
  /** For a Node http server's `upgrade` event: takes `/collab` (returns true), leaves anything else. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Runs `fn` as one transaction on the live document and resolves once it is stored (e.g. restore). */
  withDocument<T>(documentName: string, fn: (doc: Y.Doc) => T): Promise<T>;
  runsWriter: RunsWriter;
  /** Re-checks sessions and roles of open connections now (only `userId`'s when given). */
  revalidate(userId?: string): Promise<void>;
  metrics(): CollabMetrics;
  /** Refuses new sockets, closes open ones (1001), stores every dirty document, then releases Redis. */
  close(): Promise<{ stored: number; failed: number }>;
};

/** The collaboration server as a library: wire `handleUpgrade` into an http server and call `close` on exit. */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const logger = options.logger ?? DEFAULT_LOGGER;
  const sessions = new Set<SocketSession>();

  const persistence = createPersistence({
    store: options.store,
    timing,
    logger,
    ...(options.onDurableWrite ? { onDurableWrite: options.onDurableWrite } : {}),
  });
  const validation = createValidation({ problemsDebounceMs: timing.problemsDebounceMs, logger });
  const extensions: Extension[] = [
    createAuthExtension({ auth: options.auth, limits, logger }),
    validation.extension,
    persistence.extension,
    createPresence(limits),
  ];
  if (options.redis) {
    const url = options.redis.url;
    extensions.push(
      new Redis({
        createClient: () => new IORedis(url, { maxRetriesPerRequest: 3 }),
        prefix: options.redis.prefix ?? 'tandem:collab',
      }),
    );
  }

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: options.name ?? null,
    quiet: true,
    extensions,
    debounce: timing.compactDebounceMs,
    maxDebounce: timing.compactMaxDebounceMs,
    timeout: limits.idleTimeoutMs,
    unloadImmediately: true,
    maxUnauthenticatedQueueSize: limits.maxUnauthenticatedQueueBytes,
    maxUnauthenticatedQueueMessages: limits.maxUnauthenticatedQueueMessages,
    maxPendingDocuments: limits.maxPendingDocuments,
  });

  const upgrade = createUpgradeHandler({
    hocuspocus,
    sessions,
    path: options.path ?? '/collab',
    allowedOrigins: options.allowedOrigins,
    limits,
    logger,
  });
  const direct = createDirectDocuments({ hocuspocus, persistence, idleMs: timing.directIdleMs });
  const revalidator = createRevalidator({
    auth: options.auth,
    sessions,
    intervalMs: timing.revalidateIntervalMs,
    logger,
  });
  const runsWriter = createRunsWriter(direct, {
    maxRuns: options.runs?.maxRuns ?? 50,
    maxEventsPerRun: options.runs?.maxEventsPerRun ?? 2_000,
  });
  let closing: Promise<{ stored: number; failed: number }> | null = null;

  async function shutdown(): Promise<{ stored: number; failed: number }> {
    const deadline = Date.now() + timing.closeTimeoutMs;
    upgrade.stopAccepting();
    revalidator.stop();
    for (const session of [...sessions]) session.close('going-away');
    await direct.close();
    // Hocuspocus' debounced stores run our compaction; run them now instead of after the debounce.
    hocuspocus.flushPendingStores();
    const result = await persistence.flushAll(deadline);
    if (result.failed > 0) logger.error('collab closed with documents not compacted', result);
    persistence.dispose();
    validation.dispose();
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
    await upgrade.close();
    return result;
  }

  return {
    hocuspocus,
    handleUpgrade: (request, socket, head) => upgrade.handleUpgrade(request, socket, head),
    withDocument: (documentName, fn) => direct.withDocument(documentName, fn),
    runsWriter,
    revalidate: (userId) => revalidator.revalidate(userId),
    metrics: () => ({
      sockets: sessions.size,
      connections: hocuspocus.getConnectionsCount(),
      loadedDocuments: hocuspocus.getDocumentsCount(),
      ...persistence.metrics(),
    }),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
