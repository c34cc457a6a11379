import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, is } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, PgliteSession } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type MigrationState, readMigrationState } from './migrations';
import { pgliteByteaCodec } from './pglite-bytea';
import * as schema from './schema/index';

export type Schema = typeof schema;

/** The drizzle handle the repositories take; the same type whichever driver is underneath. */
export type TandemDb = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction on a {@link TandemDb}. */
export type TandemTx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type Driver = 'pglite' | 'postgres';

/**
 * Whether `db` (the database or a transaction) runs on embedded PGlite: one connection in one process, where
 * statements are already serialised and Postgres-only locking is unnecessary.
 */
export function isPglite(db: TandemDb): boolean {
  return is((db as unknown as { session: unknown }).session, PgliteSession);
}

export interface CreateDbOptions {
  /** A `postgres://` URL: use postgres.js against that server. Unset: embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (created with its parents if missing). Unset: in-memory. Ignored with `databaseUrl`. */
  dataDir?: string;
  /** postgres.js pool size (default 10). */
  maxConnections?: number;
}

export interface Database {
  db: TandemDb;
  driver: Driver;
  /** Applies pending migrations (a no-op when there are none) and returns the resulting state. */
  migrate(): Promise<MigrationState>;
  migrationState(): Promise<MigrationState>;
  /** Closes the connection pool / PGlite instance; an open PGlite keeps Node alive. */
  close(): Promise<void>;
}

/** The committed drizzle-kit output, found beside this package's sources. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Separates the migration lock from any other advisory lock; an arbitrary constant. */
const MIGRATION_LOCK_KEY = 7_461_636;

/**
 * Opens the database: postgres.js when `databaseUrl` is given, else PGlite (on disk at `dataDir`,
 * or in memory). Both get the same schema, migrations and repositories. Migrations are not applied
 * here: call `migrate()`.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  if (options.databaseUrl !== undefined)
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = new PGlite({ ...pgliteByteaCodec, ...(dataDir === undefined ? {} : { dataDir }) });
  await client.waitReady;
  const db = drizzlePglite({ client, schema });
  return {
    db,
    driver: 'pglite',
    async migrate() {
      // PGlite is one connection in one process: nothing else can migrate at the same time.
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return readMigrationState(db, MIGRATIONS_FOLDER);
    },
    migrationState: () => readMigrationState(db, MIGRATIONS_FOLDER),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  return {
    db,
    driver: 'postgres',
    async migrate() {
      // Several server processes may start at once; drizzle's migrator does not lock, so hold a
      // session advisory lock on one dedicated connection while migrating.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: lockClient }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end();
      }
      return readMigrationState(db, MIGRATIONS_FOLDER);
    },
    migrationState: () => readMigrationState(db, MIGRATIONS_FOLDER),
    close: () => client.end(),
  };
}
