import { createSessionService } from '@tandem/api';
import { CollabEnvError, parseCollabEnv, startStandalone } from '@tandem/collab';
import { createRepositories } from '@tandem/db';
import { z } from 'zod';
import { collabAuth } from './collab';
import { createLogger } from './logger';

const logLevel = z.enum(['debug', 'info', 'warn', 'error']);

/**
 * The collaboration server as a process of its own, for a scaled-out deployment: several of these (and of
 * `main.ts`) on one PostgreSQL (`DATABASE_URL`), joined by Redis (`REDIS_URL`), with a proxy sending
 * `/collab` here. It authenticates sockets exactly as the one-process server does (sessions and memberships
 * through the api), so it lives with the server's composition roots: collab may not import the api.
 */
async function main(): Promise<void> {
  let env: ReturnType<typeof parseCollabEnv>;
  try {
    env = parseCollabEnv(process.env);
  } catch (error) {
    if (!(error instanceof CollabEnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const level = logLevel.safeParse(process.env.TANDEM_LOG_LEVEL || 'info');
  if (!level.success) {
    console.error('Invalid environment: TANDEM_LOG_LEVEL must be one of debug, info, warn, error');
    process.exit(1);
  }
  if (env.TANDEM_COLLAB_DEV_AUTH) {
    console.error('Invalid environment: TANDEM_COLLAB_DEV_AUTH is for collab’s test entry only; unset it.');
    process.exit(1);
  }
  const logger = createLogger({ level: level.data });

  const standalone = await startStandalone(
    env,
    (database) => {
      const repos = createRepositories(database.db);
      return collabAuth({ repos, sessions: createSessionService(repos) }, () => new Date());
    },
    logger,
  );
  logger.info('collab listening', {
    port: standalone.port,
    db: standalone.database.driver,
    redis: Boolean(env.REDIS_URL),
  });

  // A stray rejection inside a dependency must not take every document down with it.
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

main().catch((error: unknown) => {
  console.error('collab failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
