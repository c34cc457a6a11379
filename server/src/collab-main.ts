import { createSessionService } from '@tandem/api';
import { CollabEnvError, parseCollabEnv, runStandaloneProcess } from '@tandem/collab';
import { createRepositories } from '@tandem/db';
import { collabAuth } from './collab';
import { createLogger } from './logger';

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
  if (env.TANDEM_COLLAB_DEV_AUTH) {
    console.error('Invalid environment: TANDEM_COLLAB_DEV_AUTH is for collab’s test entry only; unset it.');
    process.exit(1);
  }
  await runStandaloneProcess(
    env,
    (database) => {
      const repos = createRepositories(database.db);
      return collabAuth({ repos, sessions: createSessionService(repos) }, () => new Date());
    },
    createLogger({ level: env.TANDEM_LOG_LEVEL }),
  );
}

main().catch((error: unknown) => {
  console.error('collab failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
