import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type Database } from './client';

export interface TestDatabase {
  database: Database;
  /** The scratch database's URL on Postgres (to open more connections to it); null on PGlite. */
  url: string | null;
  /** Closes the connection and, on Postgres, drops the scratch database. */
  cleanup(): Promise<void>;
}

/**
 * A database a test file owns: in-memory PGlite, or — when `adminUrl` (a test's
 * `TEST_DATABASE_URL`) is given — a freshly created `tandem_test_<random>` database on that server,
 * dropped by `cleanup`. Migrated unless `migrate: false`.
 */
export async function openTestDatabase(
  options: { adminUrl?: string; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const { adminUrl, migrate = true } = options;
  if (adminUrl === undefined) {
    const database = await createDb();
    if (migrate) await database.migrate();
    return { database, url: null, cleanup: () => database.close() };
  }

  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const cleanup = async () => {
    try {
      await database?.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  };
  try {
    database = await createDb({ databaseUrl: url.toString() });
    if (migrate) await database.migrate();
    return { database, url: url.toString(), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
