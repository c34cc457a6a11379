import { and, asc, eq, sql } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { type CREDENTIAL_PROVIDERS, credentials } from '../schema/index';

export type CredentialProvider = (typeof CREDENTIAL_PROVIDERS)[number];
/** A stored credential, encrypted parts included: only the code that decrypts should hold one. */
export type StoredCredential = typeof credentials.$inferSelect;
/** What may be shown: no ciphertext, iv or tag. */
export type CredentialSummary = Omit<StoredCredential, 'ciphertext' | 'iv' | 'authTag'>;

export interface CredentialInput {
  workspaceId: string;
  name: string;
  provider: CredentialProvider;
  baseUrl: string | null;
  ciphertext: Uint8Array;
  iv: Uint8Array;
  authTag: Uint8Array;
  last4: string;
  createdBy: string | null;
}

const summaryColumns = {
  id: credentials.id,
  workspaceId: credentials.workspaceId,
  provider: credentials.provider,
  name: credentials.name,
  baseUrl: credentials.baseUrl,
  last4: credentials.last4,
  createdBy: credentials.createdBy,
  createdAt: credentials.createdAt,
  updatedAt: credentials.updatedAt,
};

/** Provider credentials per workspace, as ciphertext produced by the api layer; `(workspace, name)` is unique. */
export function createCredentialRepository(db: TandemDb) {
  return {
    /** Inserts, or replaces the credential of that name in the workspace (keeping its id and creator). */
    async upsert(input: CredentialInput): Promise<CredentialSummary> {
      const [row] = await db
        .insert(credentials)
        .values(input)
        .onConflictDoUpdate({
          target: [credentials.workspaceId, credentials.name],
          set: {
            provider: input.provider,
            baseUrl: input.baseUrl,
            ciphertext: input.ciphertext,
            iv: input.iv,
            authTag: input.authTag,
            last4: input.last4,
            updatedAt: sql`now()`,
          },
        })
        .returning(summaryColumns);
      if (!row) throw new Error('upsert into credentials returned no row');
      return row;
    },

    /** The workspace's credentials by name, without their secrets. */
    async list(workspaceId: string): Promise<CredentialSummary[]> {
      return db
        .select(summaryColumns)
        .from(credentials)
        .where(eq(credentials.workspaceId, workspaceId))
        .orderBy(asc(credentials.name));
    },

    async get(id: string): Promise<CredentialSummary | null> {
      const [row] = await db.select(summaryColumns).from(credentials).where(eq(credentials.id, id));
      return row ?? null;
    },

    /** The encrypted row, for decryption by the run worker. */
    async getStored(workspaceId: string, name: string): Promise<StoredCredential | null> {
      const [row] = await db
        .select()
        .from(credentials)
        .where(and(eq(credentials.workspaceId, workspaceId), eq(credentials.name, name)));
      return row ?? null;
    },

    /** Returns whether a credential was deleted. */
    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(credentials)
        .where(eq(credentials.id, id))
        .returning({ id: credentials.id });
      return rows.length > 0;
    },
  };
}

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
