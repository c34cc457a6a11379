import { EnvError, parseCollabEnv } from './env';
import { runStandaloneProcess } from './standalone';
import { createStaticAuth } from './static-auth';

const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
const logger = { info: log('info'), warn: log('warn'), error: log('error') };

async function main(): Promise<void> {
  let env: ReturnType<typeof parseCollabEnv>;
  try {
    env = parseCollabEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // The real auth (sessions + memberships) belongs to packages/api, which collab may not import: the
  // production collab process is the server's composition root for it (server/src/collab-main.ts, `pnpm
  // collab`). This entry runs collab with a static test table only.
  const devAuth = env.TANDEM_COLLAB_DEV_AUTH;
  if (!devAuth) {
    console.error(
      'TANDEM_COLLAB_DEV_AUTH is required by this test entry; run the collab process with `pnpm collab` (server/src/collab-main.ts).',
    );
    process.exit(1);
  }
  await runStandaloneProcess(env, () => createStaticAuth(devAuth), logger);
}

main().catch((error: unknown) => {
  console.error('collab failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
