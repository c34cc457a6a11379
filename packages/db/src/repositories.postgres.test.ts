import { describe, expect, it } from 'vitest';
import { createDb } from './client';
import { defineRepositoryContract } from './contract/repositories.contract';
import { openTestDatabase } from './testing';

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl)
  console.info('[@tandem/db] TEST_DATABASE_URL is unset: skipping the repository contract on Postgres');

describe.skipIf(!adminUrl)('postgres', () => {
  // Each run creates its own `tandem_test_<random>` database and drops it afterwards.
  defineRepositoryContract('postgres', () => openTestDatabase({ adminUrl, migrate: false }));

  it('lets several processes migrate one database at once', async () => {
    const scratch = await openTestDatabase({ adminUrl, migrate: false });
    const others = await Promise.all(
      [1, 2].map(() => createDb({ databaseUrl: scratch.url ?? '', maxConnections: 2 })),
    );
    try {
      const states = await Promise.all([scratch.database, ...others].map((database) => database.migrate()));
      expect(new Set(states.map((state) => JSON.stringify(state))).size).toBe(1);
      expect(states[0]).toMatchObject({ pending: 0 });
    } finally {
      await Promise.all(others.map((database) => database.close()));
      await scratch.cleanup();
    }
  });
});
