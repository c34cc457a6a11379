import { eq } from 'drizzle-orm';
import type { TandemDb } from '../client';
import { EmailTakenError, isUniqueViolation } from '../errors';
import { users } from '../schema/index';

export type User = typeof users.$inferSelect;

export interface NewUser {
  /** Chosen by the caller when something derived from it (the presence colour) is stored with the row. */
  id?: string;
  email: string;
  name: string;
  passwordHash: string;
  color: string;
}

/** Normalises an email the way the `users` table stores it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createUserRepository(db: TandemDb) {
  return {
    /** Creates an account; throws {@link EmailTakenError} when the lower-cased email is taken. */
    async create(input: NewUser): Promise<User> {
      const email = normaliseEmail(input.email);
      try {
        const [row] = await db
          .insert(users)
          .values({ ...input, email })
          .returning();
        if (!row) throw new Error('insert into users returned no row');
        return row;
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError(email, { cause: error });
        throw error;
      }
    },

    /** Case-insensitive lookup. */
    async findByEmail(email: string): Promise<User | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, normaliseEmail(email)));
      return row ?? null;
    },

    async findById(id: string): Promise<User | null> {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },

    /** Replaces the stored password hash; returns false when the user does not exist. */
    async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ passwordHash })
        .where(eq(users.id, id))
        .returning({ id: users.id });
      return rows.length > 0;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
