import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { bytea, timestamptz } from './columns';
import { workspaces } from './workspaces';

/** Workspace API keys for the HTTP trigger; `prefix` finds the row, `key_hash` verifies the key. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: bytea('key_hash').notNull(),
    last4: text('last4').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    index('api_keys_workspace_id_idx').on(t.workspaceId),
  ],
);

/** Providers a credential can be for (the `mock` provider needs none). */
export const CREDENTIAL_PROVIDERS = ['openai', 'anthropic', 'openai-compatible'] as const;

/**
 * Provider credentials, encrypted by the server (AES-256-GCM: `ciphertext`, `iv`, `auth_tag`; the
 * additional data binds each ciphertext to its workspace, name, provider and base URL, so a ciphertext
 * copied into another row fails to decrypt). Plaintext never reaches this table; `last4` is what the UI shows.
 */
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: CREDENTIAL_PROVIDERS }).notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url'),
    ciphertext: bytea('ciphertext').notNull(),
    iv: bytea('iv').notNull(),
    authTag: bytea('auth_tag').notNull(),
    last4: text('last4').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credentials_workspace_id_name_key').on(t.workspaceId, t.name),
    check('credentials_provider_check', sql`${t.provider} in ('openai', 'anthropic', 'openai-compatible')`),
  ],
);
