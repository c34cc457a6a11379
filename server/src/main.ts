import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApiServices } from '@tandem/api';
import { createDb } from '@tandem/db';
import { createApp } from './app';
import { EnvError, parseEnv } from './env';
import { createLogger } from './logger';
import { loadSecretKey } from './secret-key';
import { shutdownGracefully } from './shutdown';

const SHUTDOWN_DEADLINE_MS = 8_000;
/** How often sessions that died of inactivity are deleted (they are refused anyway; this reclaims rows). */
const SESSION_SWEEP_EVERY_MS = 3_600_000;

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger({ level: env.TANDEM_LOG_LEVEL });
  const dataDir = resolve(env.TANDEM_DATA_DIR);
  // Before the database: a missing or broken key stops the start before anything is migrated.
  const secretKey = await loadSecretKey({ fromEnv: env.TANDEM_SECRET_KEY, dataDir, logger });
  const database = await createDb(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(dataDir, 'pglite') },
  );
  await database.migrate();
  const services = createApiServices({ database, secretKey, logger });

  const sweepSessions = () =>
    services.sessions
      .deleteExpiredSessions(new Date())
      .catch((error: unknown) => logger.error('session sweep failed', { error: String(error) }));
  void sweepSessions();
  const sweeper = setInterval(sweepSessions, SESSION_SWEEP_EVERY_MS);
  sweeper.unref();

  const webDist = env.TANDEM_WEB_DIST
    ? resolve(env.TANDEM_WEB_DIST)
    : fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
  const app = createApp({ services, logger, webDist, trustedProxyHops: env.TANDEM_TRUST_PROXY });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
    logger.info('tandem listening', {
      url: `http://${shownHost}:${info.port}`,
      port: info.port,
      db: database.driver,
      dataDir: database.driver === 'pglite' ? dataDir : null,
    });
  }) as Server;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(sweeper);
    const { forced } = await shutdownGracefully(server, [{ name: 'database', run: () => database.close() }], {
      deadlineMs: SHUTDOWN_DEADLINE_MS,
      onStepError: (name, error) =>
        logger.error('shutdown step failed', { step: name, error: String(error) }),
    });
    logger.info('stopped', { forced });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Tandem failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
