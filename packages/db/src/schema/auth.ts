import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from './columns';

/** Accounts. `email` is stored lower-cased (enforced by a check constraint) and unique. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    color: text('color').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Sessions as in the Lucia guide: the token is `<id>.<secret>`; only a SHA-256 of the secret is stored.
 * A session expires after a period of inactivity, computed by the auth layer from `last_verified_at`
 * (refreshed at most hourly); the index serves the sweep that deletes expired sessions.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: bytea('secret_hash').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastVerifiedAt: timestamptz('last_verified_at').notNull().defaultNow(),
  },
  (t) => [
    index('sessions_user_id_idx').on(t.userId),
    index('sessions_last_verified_at_idx').on(t.lastVerifiedAt),
  ],
);
