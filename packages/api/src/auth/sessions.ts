import type { Repositories, SessionUser } from '@tandem/db';
import { hashToken, randomToken, TOKEN_ALPHABET, tokenMatches } from './tokens';

/** Name of the cookie carrying the session token (the collab server reads the same cookie). */
export const SESSION_COOKIE_NAME = 'tandem_session';

const HOUR_MS = 3_600_000;
/** A session nobody used for this long is dead (the Lucia guide's inactivity timeout). */
export const SESSION_INACTIVITY_TIMEOUT_MS = 10 * 24 * HOUR_MS;
/** `last_verified_at` is written at most this often, not on every request. */
export const SESSION_RENEWAL_INTERVAL_MS = HOUR_MS;

// id: 15 random bytes (120 bits, 24 chars); secret: 32 random bytes (52 chars). Only the secret is hashed.
const ID_BYTES = 15;
const SECRET_BYTES = 32;
const TOKEN_PATTERN = new RegExp(`^([${TOKEN_ALPHABET}]{24})\\.([${TOKEN_ALPHABET}]{52})$`);

export type SessionInfo = {
  id: string;
  userId: string;
  createdAt: Date;
  lastVerifiedAt: Date;
  /** When the session dies if it is not used again. */
  expiresAt: Date;
};

export type ValidatedSession = {
  session: SessionInfo;
  user: SessionUser;
  /** This validation moved `lastVerifiedAt`: a cookie carrying the token should get the new expiry. */
  renewed: boolean;
};

function info(row: { id: string; userId: string; createdAt: Date; lastVerifiedAt: Date }): SessionInfo {
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    lastVerifiedAt: row.lastVerifiedAt,
    expiresAt: new Date(row.lastVerifiedAt.getTime() + SESSION_INACTIVITY_TIMEOUT_MS),
  };
}

/**
 * Sessions as in the Lucia guide ("Basic" + "Inactivity timeout"): a token `<id>.<secret>`, SHA-256 of the
 * secret stored, compared in constant time; a session dies after 10 days without use, and use refreshes it
 * at most hourly. Every time comes from the caller (`now`), so expiry is tested with a fake clock.
 */
export function createSessionService(repos: Pick<Repositories, 'sessions'>) {
  return {
    /** Starts a session; the token is returned once and never stored. */
    async createSession(userId: string, now: Date): Promise<{ token: string; session: SessionInfo }> {
      const id = randomToken(ID_BYTES);
      const secret = randomToken(SECRET_BYTES);
      const row = await repos.sessions.create({
        id,
        userId,
        secretHash: hashToken(secret),
        createdAt: now,
        lastVerifiedAt: now,
      });
      return { token: `${id}.${secret}`, session: info(row) };
    },

    /**
     * The session and user a token stands for at `now`, or null when the token is malformed, unknown,
     * wrong or expired (an expired session is deleted). An unknown id and a wrong secret do the same work.
     */
    async validateSessionToken(token: string, now: Date): Promise<ValidatedSession | null> {
      const match = TOKEN_PATTERN.exec(token);
      if (!match?.[1] || !match[2]) return null;
      const found = await repos.sessions.getWithUser(match[1]);
      if (!tokenMatches(match[2], found?.session.secretHash ?? null) || !found) return null;

      const { session, user } = found;
      const idleMs = now.getTime() - session.lastVerifiedAt.getTime();
      if (idleMs >= SESSION_INACTIVITY_TIMEOUT_MS) {
        await repos.sessions.delete(session.id);
        return null;
      }
      if (idleMs >= SESSION_RENEWAL_INTERVAL_MS) {
        await repos.sessions.touch(session.id, now);
        return { session: info({ ...session, lastVerifiedAt: now }), user, renewed: true };
      }
      return { session: info(session), user, renewed: false };
    },

    /** Logout. */
    async invalidateSession(sessionId: string): Promise<void> {
      await repos.sessions.delete(sessionId);
    },

    /** "Log out everywhere", or every session but `except` (after a password change). */
    async invalidateUserSessions(userId: string, options: { except?: string } = {}): Promise<number> {
      return repos.sessions.deleteForUser(userId, options);
    },

    /** Deletes sessions that died of inactivity (they are refused anyway; this only reclaims rows). */
    async deleteExpiredSessions(now: Date): Promise<number> {
      return repos.sessions.deleteVerifiedBefore(new Date(now.getTime() - SESSION_INACTIVITY_TIMEOUT_MS));
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/** The session token in a `Cookie` header, or null. For the collab server, which sees raw upgrade requests. */
export function readSessionCookie(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== SESSION_COOKIE_NAME) continue;
    const value = part.slice(separator + 1).trim();
    return value === '' ? null : value;
  }
  return null;
}
