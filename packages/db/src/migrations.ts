import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export interface MigrationState {
  /** Migrations in the folder that the database has applied. */
  applied: number;
  /** Migrations in the folder not applied yet. */
  pending: number;
  /** Tag of the newest applied migration (e.g. `0000_init`), or null when none is. */
  latest: string | null;
}

interface JournalEntry {
  tag: string;
  when: number;
}

function readJournal(migrationsFolder: string): JournalEntry[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  if (typeof raw !== 'object' || raw === null || !('entries' in raw) || !Array.isArray(raw.entries)) {
    throw new Error(`Malformed drizzle journal in ${migrationsFolder}`);
  }
  return raw.entries.map((entry: unknown): JournalEntry => {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !('tag' in entry) ||
      !('when' in entry) ||
      typeof entry.tag !== 'string' ||
      typeof entry.when !== 'number'
    ) {
      throw new Error(`Malformed drizzle journal entry in ${migrationsFolder}`);
    }
    return { tag: entry.tag, when: entry.when };
  });
}

/**
 * Compares the folder's journal with drizzle's bookkeeping table. drizzle's migrator applies every
 * migration whose `when` is newer than the newest applied one, so "applied" means `when <= newest`.
 */
export async function readMigrationState<TSchema extends Record<string, unknown>>(
  db: PgDatabase<PgQueryResultHKT, TSchema>,
  migrationsFolder: string,
): Promise<MigrationState> {
  const journal = readJournal(migrationsFolder);
  const exists = firstRow(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  );
  let newest: number | null = null;
  if (exists?.t) {
    const row = firstRow(
      await db.execute(sql`select max(created_at)::text as newest from drizzle.__drizzle_migrations`),
    );
    newest = typeof row?.newest === 'string' ? Number(row.newest) : null;
  }
  const applied = newest === null ? [] : journal.filter((entry) => entry.when <= newest);
  return {
    applied: applied.length,
    pending: journal.length - applied.length,
    latest: applied.at(-1)?.tag ?? null,
  };
}

/** `execute` returns an array on postgres.js and `{ rows }` on PGlite. */
function firstRow(result: unknown): Record<string, unknown> | undefined {
  const rows: unknown = Array.isArray(result)
    ? result
    : typeof result === 'object' && result !== null && 'rows' in result
      ? result.rows
      : undefined;
  if (!Array.isArray(rows)) throw new Error('Unexpected result shape from db.execute');
  const first: unknown = rows[0];
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}
