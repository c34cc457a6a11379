import { and, desc, eq, getTableColumns, gt, isNull } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { invitations } from '../schema/index';
import type { Role } from './workspaces';

export type Invitation = typeof invitations.$inferSelect;
/** An invitation without its token hash, for lists. */
export type InvitationSummary = Omit<Invitation, 'tokenHash'>;

export interface NewInvitation {
  workspaceId: string;
  tokenHash: Uint8Array;
  role: Role;
  /** When set, only the account with this (lower-cased) email may accept. */
  email?: string | null;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

const { tokenHash: _omitted, ...summaryColumns } = getTableColumns(invitations);

/**
 * Invitation links. Only a hash of the token is stored; a row is usable while it is neither accepted,
 * revoked nor expired. `markAccepted` is the single-use guard: it succeeds once per invitation.
 */
export function createInvitationRepository(db: TandemDb) {
  const open = (now: Date) =>
    and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

  return {
    async create(input: NewInvitation): Promise<InvitationSummary> {
      const [row] = await db.insert(invitations).values(input).returning(summaryColumns);
      if (!row) throw new Error('insert into invitations returned no row');
      return row;
    },

    /**
     * Finds an invitation by token hash, whatever its state. With `forUpdate` (inside a transaction)
     * the row stays locked until commit, so two people accepting one link are serialised.
     */
    async findByTokenHash(
      tokenHash: Uint8Array,
      options: { forUpdate?: boolean } = {},
    ): Promise<Invitation | null> {
      const query = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ?? null;
    },

    async get(id: string): Promise<InvitationSummary | null> {
      const [row] = await db.select(summaryColumns).from(invitations).where(eq(invitations.id, id));
      return row ?? null;
    },

    /** Invitations of a workspace that can still be accepted at `now`, newest first. */
    async listOpen(workspaceId: string, now: Date): Promise<InvitationSummary[]> {
      return db
        .select(summaryColumns)
        .from(invitations)
        .where(and(eq(invitations.workspaceId, workspaceId), open(now)))
        .orderBy(desc(invitations.createdAt), desc(invitations.id));
    },

    /** Marks the invitation used by `userId`; false when it was already used, revoked or has expired. */
    async markAccepted(id: string, userId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(invitations)
        .set({ acceptedBy: userId, acceptedAt: now })
        .where(and(eq(invitations.id, id), open(now)))
        .returning({ id: invitations.id });
      return rows.length > 0;
    },

    /** Revokes an invitation that is still open; returns it, or null when it was not open. */
    async revoke(id: string, now: Date): Promise<InvitationSummary | null> {
      const [row] = await db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.id, id), open(now)))
        .returning(summaryColumns);
      return row ?? null;
    },
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
