import type { CollabAuth, CollabLogger, DocStore } from './ports';

export type CollabLimits = {
  /** Largest WebSocket frame accepted; ws refuses bigger ones while reading the header. */
  maxFrameBytes: number;
  /** Token bucket per socket, over every frame. */
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** A socket must authenticate one document within this time. */
  authTimeoutMs: number;
  /** Refused authentications per socket before the socket is closed. */
  maxAuthFailures: number;
  /** Documents one socket may have open at once. */
  maxDocumentsPerSocket: number;
  /** Pre-authentication buffering (Hocuspocus queues frames until a document is authenticated). */
  maxUnauthenticatedQueueBytes: number;
  maxUnauthenticatedQueueMessages: number;
  maxPendingDocuments: number;
  /** Serialised awareness state per client; read-only connections get the smaller cap. */
  maxAwarenessBytes: number;
  maxReadOnlyAwarenessBytes: number;
  /** Awareness client ids one connection may introduce. */
  maxAwarenessClientsPerConnection: number;
  /** Open sockets per process; further upgrades get HTTP 503. */
  maxConnections: number;
  /** Update frames a socket sends before a document's handshake are held (see handshake-gate.ts), up to this. */
  maxHeldBytes: number;
  /** Held frames are passed on anyway after this long without a handshake SyncStep2. */
  handshakeTimeoutMs: number;
  /** Idle timeout of an authenticated socket (providers send awareness every 15 s). */
  idleTimeoutMs: number;
};

export type CollabTiming = {
  /** Hocuspocus' store debounce: how long after the last change a document is compacted. */
  compactDebounceMs: number;
  compactMaxDebounceMs: number;
  /** Failed compactions are retried from `compactRetryInitialMs`, doubling up to `compactRetryMaxMs`. */
  compactRetryInitialMs: number;
  compactRetryMaxMs: number;
  /** Compactions running at once across all documents. */
  maxConcurrentCompactions: number;
  /** Attempts (with doubling delays from `appendRetryInitialMs`) before an append is given up. */
  appendAttempts: number;
  appendRetryInitialMs: number;
  /** How often open connections' sessions and roles are re-checked. */
  revalidateIntervalMs: number;
  /** How long a server-side writer keeps a document open after its last write. */
  directIdleMs: number;
  /** Delay between a graph change and re-checking it for schema problems. */
  problemsDebounceMs: number;
  /**
   * Longest a load waits for the stored state it sent a new client to leave the socket before decoding its
   * own copy (others waiting on the same load wait too).
   */
  firstSyncFlushMs: number;
  /** Longest a load waits for the SyncStep1 of the client that caused it, if that has not been read yet. */
  firstSyncWaitMs: number;
  /** Longest `close()` keeps retrying failed stores before giving up. */
  closeTimeoutMs: number;
};

export type CollabServerOptions = {
  auth: CollabAuth;
  store: DocStore;
  /** WebSocket path (default `/collab`). */
  path?: string;
  /**
   * Origins allowed to open a socket (exact, e.g. `https://tandem.example.com`). Unset: only the request's
   * own host. A request without `Origin` (not a browser, so no ambient cookies) is always allowed.
   */
  allowedOrigins?: readonly string[];
  /** Joins several collab instances through `@hocuspocus/extension-redis`. */
  redis?: { url: string; prefix?: string };
  limits?: Partial<CollabLimits>;
  timing?: Partial<CollabTiming>;
  /** The runs document keeps the newest `maxRuns` runs and at most `maxEventsPerRun` events each. */
  runs?: { maxRuns?: number; maxEventsPerRun?: number };
  logger?: CollabLogger;
  /** Instance name for logs. */
  name?: string;
  /** Called once per client update that needed a row, when its append committed: for metrics (and `bench/`). */
  onDurableWrite?: (timing: DurableWriteTiming) => void;
};

export type DurableWriteTiming = {
  /** From the server accepting the update (`beforeSync`, before it is applied and broadcast) to its row committed. */
  acceptedMs: number;
  /** From the update being handed to storage (the group-commit batcher), after its broadcast, to its row committed. */
  storeMs: number;
};

export const DEFAULT_LIMITS: CollabLimits = {
  maxFrameBytes: 1024 * 1024,
  messagesPerSecond: 300,
  messageBurst: 600,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  authTimeoutMs: 10_000,
  maxAuthFailures: 20,
  maxDocumentsPerSocket: 30,
  maxUnauthenticatedQueueBytes: 256 * 1024,
  maxUnauthenticatedQueueMessages: 200,
  maxPendingDocuments: 10,
  maxAwarenessBytes: 16 * 1024,
  maxReadOnlyAwarenessBytes: 2 * 1024,
  maxAwarenessClientsPerConnection: 4,
  maxConnections: 10_000,
  maxHeldBytes: 8 * 1024 * 1024,
  handshakeTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
};

export const DEFAULT_TIMING: CollabTiming = {
  compactDebounceMs: 2_000,
  compactMaxDebounceMs: 10_000,
  compactRetryInitialMs: 500,
  compactRetryMaxMs: 30_000,
  maxConcurrentCompactions: 4,
  appendAttempts: 5,
  appendRetryInitialMs: 100,
  revalidateIntervalMs: 3_000,
  directIdleMs: 5_000,
  problemsDebounceMs: 250,
  firstSyncFlushMs: 20,
  firstSyncWaitMs: 5,
  closeTimeoutMs: 10_000,
};

/** Warnings and errors as JSON lines on stderr; info is dropped unless the caller passes a logger. */
export const DEFAULT_LOGGER: CollabLogger = {
  info: () => {},
  warn: (message, fields) => console.error(JSON.stringify({ level: 'warn', message, ...fields })),
  error: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
};
