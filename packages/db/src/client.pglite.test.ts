import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from './client';
import { createRepositories } from './repositories/index';

describe('createDb with PGlite on disk', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'tandem-db-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates missing parent directories and keeps data across close and reopen', async () => {
    const dataDir = path.join(root, 'nested', 'deeper', 'pglite');
    const first = await createDb({ dataDir });
    expect(first.driver).toBe('pglite');
    const migrated = await first.migrate();
    expect(migrated.pending).toBe(0);
    const user = await createRepositories(first.db).users.create({
      email: 'Persist@Example.test',
      name: 'P',
      passwordHash: 'h',
      color: '#123456',
    });
    const docId = await createRepositories(first.db).docs.appendUpdate('workflow:x', Uint8Array.from([7, 8]));
    await first.close();

    const reopened = await createDb({ dataDir });
    try {
      expect(await reopened.migrationState()).toEqual(migrated);
      expect(await reopened.migrate()).toEqual(migrated);
      const repos = createRepositories(reopened.db);
      expect(await repos.users.findByEmail('persist@example.test')).toEqual(user);
      expect(await repos.docs.load('workflow:x')).toEqual({
        state: null,
        layoutVersion: null,
        updates: [Uint8Array.from([7, 8])],
        clock: docId,
      });
    } finally {
      await reopened.close();
    }
  });
});
