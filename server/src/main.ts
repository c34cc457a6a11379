import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@tandem/db';
import { EnvError, parseEnv } from './env';
import { createLogger } from './logger';
import { loadSecretKey } from './secret-key';
import { startTandem } from './start';

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

  const webDist = env.TANDEM_WEB_DIST
    ? resolve(env.TANDEM_WEB_DIST)
    : fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
  const tandem = await startTandem({ config: env, database, secretKey, logger, webDist });

  const sweepSessions = () =>
    tandem.services.sessions
      .deleteExpiredSessions(new Date())
      .catch((error: unknown) => logger.error('session sweep failed', { error: String(error) }));
  void sweepSessions();
  const sweeper = setInterval(sweepSessions, SESSION_SWEEP_EVERY_MS);
  sweeper.unref();

  logger.info('tandem listening', {
    url: tandem.url,
    port: tandem.port,
    db: database.driver,
    dataDir: database.driver === 'pglite' ? dataDir : null,
    runQueue: tandem.dispatcher.kind,
    worker: tandem.worker.workerId,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(sweeper);
    const { forced } = await tandem.stop();
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
