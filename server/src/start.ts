import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { type ApiServices, createApiServices, type RateLimitConfig, storedLiveDocuments } from '@tandem/api';
import type { CollabServer } from '@tandem/collab';
import { createDocRepository, type Database } from '@tandem/db';
import { type Clock, systemClock } from '@tandem/engine';
import { createSafeHttpClient, createWorkerCodeSandbox, parseAllowList } from '@tandem/engine/node';
import { createApp } from './app';
import { collabOrigins, liveDocumentsVia, mountCollab } from './collab';
import type { ServerEnv } from './env';
import { createExperimentDriver, type ExperimentDriver } from './experiments/experiment-driver';
import type { Logger } from './logger';
import { createInProcessDispatcher, createPgBossDispatcher, type RunDispatcher } from './runs/dispatch';
import { createRunWorker, type RunWorker } from './runs/run-worker';
import { shutdownGracefully } from './shutdown';

const SHUTDOWN_DEADLINE_MS = 8_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export type TandemConfig = Pick<
  ServerEnv,
  | 'PORT'
  | 'HOST'
  | 'DATABASE_URL'
  | 'REDIS_URL'
  | 'TANDEM_TRUST_PROXY'
  | 'TANDEM_HTTP_ALLOW'
  | 'TANDEM_PUBLIC_URL'
  | 'TANDEM_RUN_CONCURRENCY'
  | 'TANDEM_RUN_WORKERS'
  | 'TANDEM_RUN_LEASE_MS'
  | 'OPENAI_API_KEY'
  | 'ANTHROPIC_API_KEY'
  | 'OPENAI_BASE_URL'
> &
  // Unset: the engine's defaults (tests leave them out).
  Partial<Pick<ServerEnv, 'TANDEM_RUN_NODE_TIMEOUT_MS' | 'TANDEM_RUN_TIMEOUT_MS'>>;

export type RunningTandem = {
  server: Server;
  port: number;
  url: string;
  services: ApiServices;
  collab: CollabServer;
  worker: RunWorker;
  dispatcher: RunDispatcher;
  experiments: ExperimentDriver;
  /** Stops the worker, collab (storing every document), the http server, the sandbox, then the database. */
  stop(): Promise<{ forced: boolean }>;
};

/**
 * The one-process composition: the Hono app, collab on `/collab` of the same port, the run worker and its
 * dispatcher (pg-boss on Postgres, in-process on PGlite). `main.ts` calls it with the parsed env; tests call it
 * with an in-memory database on port 0.
 */
export async function startTandem(options: {
  config: TandemConfig;
  database: Database;
  secretKey: Uint8Array;
  logger: Logger;
  webDist: string;
  clock?: Clock;
  rateLimits?: Partial<RateLimitConfig>;
  /** Worker overrides for tests (poll interval). */
  pollMs?: number;
  /** How often the experiment driver advances experiments (default 500 ms). */
  experimentPollMs?: number;
}): Promise<RunningTandem> {
  const { config, database, logger } = options;
  // The api reads and writes live documents through collab once it runs (it starts once the port is known).
  let collab: CollabServer | null = null;
  const liveDocuments = liveDocumentsVia(() => collab, storedLiveDocuments(createDocRepository(database.db)));
  // Requests reach the queue only after listen, when the dispatcher is set.
  let dispatcher: RunDispatcher | null = null;
  const services = createApiServices({
    database,
    secretKey: options.secretKey,
    logger,
    liveDocuments,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    runQueue: {
      enqueue: (run) => dispatcher?.enqueue(run) ?? Promise.resolve(),
      cancel: (runId) => dispatcher?.cancel(runId),
    },
  });
  const app = createApp({
    services,
    logger,
    webDist: options.webDist,
    trustedProxyHops: config.TANDEM_TRUST_PROXY,
  });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }) as Server;
  // Node closes an idle keep-alive socket after 5 s; a client (or proxy) that reuses it at that moment, or
  // while a busy event loop runs the timer late, gets ECONNRESET on a request the server never read. Idle
  // sockets are cheap: keep them longer than common proxies' 60 s idle timeout, so the proxy closes first.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  await new Promise<void>((ready, fail) => {
    if (server.listening) ready();
    server.once('listening', () => ready());
    server.once('error', fail);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  const liveCollab = mountCollab({
    server,
    db: database.db,
    services,
    allowedOrigins: collabOrigins({
      host: config.HOST,
      port,
      ...(config.TANDEM_PUBLIC_URL ? { publicUrl: config.TANDEM_PUBLIC_URL } : {}),
    }),
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    logger,
  });
  collab = liveCollab;

  const codeSandbox = createWorkerCodeSandbox();
  const llmDefaults = {
    ...(config.OPENAI_API_KEY ? { openaiApiKey: config.OPENAI_API_KEY } : {}),
    ...(config.ANTHROPIC_API_KEY ? { anthropicApiKey: config.ANTHROPIC_API_KEY } : {}),
    ...(config.OPENAI_BASE_URL ? { openaiBaseUrl: config.OPENAI_BASE_URL } : {}),
  };
  const experiments = createExperimentDriver({
    services,
    llmDefaults,
    progress: liveCollab.runsWriter,
    logger,
    pollMs: options.experimentPollMs ?? 500,
  });
  const worker = createRunWorker({
    services,
    runsWriter: liveCollab.runsWriter,
    llmDefaults,
    onExperimentRunEnded: () => experiments.wake(),
    http: createSafeHttpClient({ allow: parseAllowList(config.TANDEM_HTTP_ALLOW?.join(',')) }),
    code: codeSandbox,
    clock: options.clock ?? systemClock,
    logger,
    leaseMs: config.TANDEM_RUN_LEASE_MS,
    maxPerWorkspace: config.TANDEM_RUN_CONCURRENCY,
    maxConcurrent: Math.max(1, config.TANDEM_RUN_WORKERS),
    pollMs: options.pollMs ?? Math.max(100, Math.floor(config.TANDEM_RUN_LEASE_MS / 3)),
    limits: {
      ...(config.TANDEM_RUN_NODE_TIMEOUT_MS ? { nodeTimeoutMs: config.TANDEM_RUN_NODE_TIMEOUT_MS } : {}),
      ...(config.TANDEM_RUN_TIMEOUT_MS ? { runTimeoutMs: config.TANDEM_RUN_TIMEOUT_MS } : {}),
    },
  });
  const runDispatcher = config.DATABASE_URL
    ? createPgBossDispatcher({
        databaseUrl: config.DATABASE_URL,
        worker,
        maxPerWorkspace: config.TANDEM_RUN_CONCURRENCY,
        maxConcurrent: Math.max(1, config.TANDEM_RUN_WORKERS),
        logger,
      })
    : createInProcessDispatcher(worker);
  if (config.TANDEM_RUN_WORKERS > 0) await runDispatcher.start();
  dispatcher = runDispatcher;
  experiments.start();

  let stopping: Promise<{ forced: boolean }> | null = null;
  async function shutdown(): Promise<{ forced: boolean }> {
    const step = async (name: string, run: () => Promise<void>) => {
      try {
        await run();
      } catch (error) {
        logger.error('shutdown step failed', { step: name, error: String(error) });
      }
    };
    // Runs still going after the worker's deadline keep their stored events; their lease lapses and a
    // worker resumes them (here after the next start, or on another instance).
    await step('experiments', () => experiments.stop());
    await step('run worker', () => runDispatcher.stop());
    // Collab closes its sockets (which would otherwise hold the http server open) and stores every document
    // it holds, before the database goes.
    await step('collab', async () => {
      logger.info('collab closed', await liveCollab.close());
    });
    return shutdownGracefully(
      server,
      [
        { name: 'code sandbox', run: () => codeSandbox.close() },
        { name: 'database', run: () => database.close() },
      ],
      {
        deadlineMs: SHUTDOWN_DEADLINE_MS,
        onStepError: (name, error) =>
          logger.error('shutdown step failed', { step: name, error: String(error) }),
      },
    );
  }

  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    services,
    collab: liveCollab,
    worker,
    dispatcher: runDispatcher,
    experiments,
    stop() {
      stopping ??= shutdown();
      return stopping;
    },
  };
}
