import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDatabase } from '@tandem/db';
import { describe, expect, it } from 'vitest';
import { runServerToExit, startServer } from './start-server';

type Health = { ok: boolean; db: string; migrations: { applied: number; pending: number } };
const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as Health;

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) console.info('server on real Postgres skipped: TEST_DATABASE_URL is not set');

describe('the one-process server', () => {
  it('starts on embedded PGlite in its data dir, keeps data across restarts and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-data-'));
    try {
      const first = await startServer({ TANDEM_DATA_DIR: dataDir });
      const before = await health(first.url);
      expect(before).toMatchObject({ ok: true, db: 'pglite', migrations: { pending: 0 } });
      const stopped = await first.stop();
      expect(stopped.code, first.output()).toBe(0);
      expect(stopped.ms).toBeLessThan(10_000);
      expect(first.output()).toContain('"stopped"');
      expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(0);

      // A second start reopens the same database: nothing to migrate, same applied count.
      const second = await startServer({ TANDEM_DATA_DIR: dataDir });
      expect(await health(second.url)).toMatchObject({ ok: true, migrations: before.migrations });
      expect((await second.stop()).code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with an env var of the wrong shape, naming it and creating nothing', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'tandem-bad-env-')), 'data');
    const { code, output } = await runServerToExit({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root@localhost/tandem',
      TANDEM_DATA_DIR: dataDir,
    });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT: must be a port number/);
    expect(output).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(existsSync(dataDir)).toBe(false);
  });

  it.skipIf(!postgresUrl)(
    'runs on real PostgreSQL when DATABASE_URL is set, migrating on start',
    async () => {
      const scratch = await openTestDatabase({ adminUrl: postgresUrl as string, migrate: false });
      try {
        const server = await startServer({ DATABASE_URL: scratch.url as string });
        const onPostgres = await health(server.url);
        expect(onPostgres).toMatchObject({ ok: true, db: 'postgres', migrations: { pending: 0 } });
        expect(onPostgres.migrations.applied).toBeGreaterThan(0);
        expect((await server.stop()).code).toBe(0);
      } finally {
        await scratch.cleanup();
      }
    },
  );
});
