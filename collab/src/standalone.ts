import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createDb, createDocRepository, type Database } from '@tandem/db';
import { type CollabServer, createCollabServer } from './collab-server';
import type { CollabEnv } from './env';
import type { CollabAuth, CollabLogger } from './ports';

export type Standalone = {
  collab: CollabServer;
  http: Server;
  database: Database;
  port: number;
  stop(): Promise<void>;
};

/**
 * collab as its own process: the database (Postgres with DATABASE_URL, else PGlite in the data dir — one
 * process only, so not beside a server using the same dir), an http server answering `/healthz` and
 * upgrading `/collab`, optional Redis scale-out. `authFor` builds the sessions-and-roles port over the
 * opened database (the composition root passes the api's; collab's own entry, tests only, a static table).
 */
export async function startStandalone(
  env: CollabEnv,
  authFor: (database: Database) => CollabAuth,
  logger: CollabLogger,
): Promise<Standalone> {
  const database = await createDb(
    env.DATABASE_URL
      ? { databaseUrl: env.DATABASE_URL }
      : { dataDir: resolve(env.TANDEM_DATA_DIR, 'pglite') },
  );
  await database.migrate();
  const collab = createCollabServer({
    auth: authFor(database),
    store: createDocRepository(database.db),
    logger,
    ...(env.TANDEM_COLLAB_ALLOWED_ORIGINS ? { allowedOrigins: env.TANDEM_COLLAB_ALLOWED_ORIGINS } : {}),
    ...(env.REDIS_URL ? { redis: { url: env.REDIS_URL } } : {}),
  });
  const http = createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(collab.metrics()));
      return;
    }
    response.writeHead(404).end();
  });
  http.on('upgrade', (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((ready) => http.listen(env.PORT, env.HOST, ready));
  const port = (http.address() as AddressInfo).port;
  return {
    collab,
    http,
    database,
    port,
    async stop() {
      http.close();
      const result = await collab.close();
      http.closeAllConnections();
      await database.close();
      logger.info('collab stopped', result);
    },
  };
}

/**
 * `startStandalone` as the whole process: says where it listens, keeps a stray rejection from taking every
 * document down, and stores everything before exiting on SIGTERM / SIGINT.
 */
export async function runStandaloneProcess(
  env: CollabEnv,
  authFor: (database: Database) => CollabAuth,
  logger: CollabLogger,
): Promise<void> {
  const standalone = await startStandalone(env, authFor, logger);
  logger.info('collab listening', {
    port: standalone.port,
    db: standalone.database.driver,
    redis: Boolean(env.REDIS_URL),
  });
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { reason: String(reason) }),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('collab shutting down', { signal });
    await standalone.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
