import { and, desc, eq, getTableColumns, isNull, lt, or } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { apiKeys } from '../schema/index';

export type ApiKey = typeof apiKeys.$inferSelect;
/** An API key without its hash: what lists and the web app see. */
export type ApiKeySummary = Omit<ApiKey, 'keyHash'>;

export interface NewApiKey {
  workspaceId: string;
  name: string;
  prefix: string;
  keyHash: Uint8Array;
  last4: string;
  createdBy: string;
  createdAt: Date;
}

const { keyHash: _omitted, ...summaryColumns } = getTableColumns(apiKeys);

/** Workspace API keys. Only a hash of each key is stored; `prefix` (unique) finds the row to verify against. */
export function createApiKeyRepository(db: TandemDb) {
  return {
    async create(input: NewApiKey): Promise<ApiKeySummary> {
      const [row] = await db.insert(apiKeys).values(input).returning(summaryColumns);
      if (!row) throw new Error('insert into api_keys returned no row');
      return row;
    },

    /** Every key of the workspace, revoked ones included, newest first. */
    async listForWorkspace(workspaceId: string): Promise<ApiKeySummary[]> {
      return db
        .select(summaryColumns)
        .from(apiKeys)
        .where(eq(apiKeys.workspaceId, workspaceId))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    async get(id: string): Promise<ApiKeySummary | null> {
      const [row] = await db.select(summaryColumns).from(apiKeys).where(eq(apiKeys.id, id));
      return row ?? null;
    },

    /** The full row (hash included) for verification, revoked or not. */
    async findByPrefix(prefix: string): Promise<ApiKey | null> {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      return row ?? null;
    },

    /** Revokes the key (idempotent: a second call keeps the first time); null when it does not exist. */
    async revoke(id: string, now: Date): Promise<ApiKeySummary | null> {
      await db
        .update(apiKeys)
        .set({ revokedAt: now })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
      return this.get(id);
    },

    /** Records a use; only moves `last_used_at` forward. */
    async markUsed(id: string, now: Date): Promise<void> {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now))));
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
