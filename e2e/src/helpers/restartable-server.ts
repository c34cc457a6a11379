import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@tandem/db';
import { httpBrowser } from './http-browser';

/**
 * The environment of a server that a test kills and starts again on the same data: its own data dir, a
 * fixed secret key (sessions and credentials survive the restart), short leases, and a scratch Postgres
 * database when `postgresUrl` is given. `cleanup` removes both.
 */
export async function restartableServerEnv(options: {
  postgresUrl: string | null;
  extra?: Record<string, string>;
}): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-restart-'));
  const scratch = options.postgresUrl
    ? await openTestDatabase({ adminUrl: options.postgresUrl, migrate: false })
    : null;
  return {
    env: {
      TANDEM_DATA_DIR: dataDir,
      TANDEM_RUN_LEASE_MS: '1000',
      TANDEM_SECRET_KEY: 'a'.repeat(64),
      ...(scratch?.url ? { DATABASE_URL: scratch.url } : {}),
      ...options.extra,
    },
    async cleanup() {
      await scratch?.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new account with a workspace whose OpenAI-compatible credential points at a fake model server. */
export async function signUpWithFakeModel(url: string, fakeBaseUrl: string) {
  const user = httpBrowser(url);
  await user.mutation('auth.signup', {
    email: `${randomUUID()}@example.test`,
    name: 'Crash',
    password: 'correct horse battery',
  });
  const workspace = await user.mutation<{ id: string }>('workspaces.create', { name: 'Crash' });
  await user.mutation('credentials.set', {
    workspaceId: workspace.id,
    provider: 'openai-compatible',
    baseUrl: fakeBaseUrl,
    apiKey: 'sk-fake-key-for-a-crash-test',
  });
  return { user, workspaceId: workspace.id };
}
