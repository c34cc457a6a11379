import { and, eq, lt, lte, ne } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { sessions, users } from '../schema/index';

export type Session = typeof sessions.$inferSelect;

/** The account fields a validated session carries (never the password hash). */
export type SessionUser = { id: string; email: string; name: string; color: string };

export interface NewSession {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  /** Times come from the caller's clock, so expiry is testable without waiting. */
  createdAt: Date;
  lastVerifiedAt: Date;
}

/**
 * Session rows. Token parsing, hashing, expiry and renewal are the auth layer's (`@tandem/api`);
 * this stores and finds rows by id.
 */
export function createSessionRepository(db: TandemDb) {
  return {
    async create(input: NewSession): Promise<Session> {
      const [row] = await db.insert(sessions).values(input).returning();
      if (!row) throw new Error('insert into sessions returned no row');
      return row;
    },

    /** The session and its user in one query, or null. */
    async getWithUser(id: string): Promise<{ session: Session; user: SessionUser } | null> {
      const [row] = await db
        .select({
          session: sessions,
          user: { id: users.id, email: users.email, name: users.name, color: users.color },
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, id));
      return row ?? null;
    },

    /** Moves `last_verified_at` forward (never back, so a slow concurrent request cannot shorten a session). */
    async touch(id: string, lastVerifiedAt: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ lastVerifiedAt })
        .where(and(eq(sessions.id, id), lt(sessions.lastVerifiedAt, lastVerifiedAt)));
    },

    /** Returns whether a session was deleted. */
    async delete(id: string): Promise<boolean> {
      const rows = await db.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
      return rows.length > 0;
    },

    /** Deletes every session of the user, except `except` when given; returns how many. */
    async deleteForUser(userId: string, options: { except?: string } = {}): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            options.except === undefined ? undefined : ne(sessions.id, options.except),
          ),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },

    /** Deletes sessions last verified at or before `before`; returns how many. */
    async deleteVerifiedBefore(before: Date): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(lte(sessions.lastVerifiedAt, before))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async listForUser(userId: string): Promise<Session[]> {
      return db.select().from(sessions).where(eq(sessions.userId, userId));
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
