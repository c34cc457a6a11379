import type { Database, Repositories } from '@tandem/db';
import type { PasswordHasher } from './auth/passwords';
import type { RateLimiter } from './auth/rate-limit';
import type { SessionService, ValidatedSession } from './auth/sessions';
import type { LiveDocuments } from './live-documents';
import type { RunQueue } from './runs/run-queue';
import type { SecretBox } from './secrets/secret-box';

export type ApiLogFields = Record<string, string | number | boolean | null | undefined>;

/** Where the api reports security events. Fields are explicit values, never tokens, keys or passwords. */
export type ApiLogger = {
  info(message: string, fields?: ApiLogFields): void;
  warn(message: string, fields?: ApiLogFields): void;
};

/** The auth rate limits, each in-process (per server instance). */
export type AuthRateLimiters = {
  loginPerAddress: RateLimiter;
  loginPerEmail: RateLimiter;
  signupPerAddress: RateLimiter;
  signupPerEmail: RateLimiter;
  /** Current-password attempts when changing it, per account. */
  passwordPerUser: RateLimiter;
};

/** Long-lived collaborators, built once per process by {@link createApiServices}. */
export type ApiServices = {
  db: Pick<Database, 'driver' | 'migrationState'>;
  repos: Repositories;
  /** Runs `work` with repositories bound to one transaction. */
  transact<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  sessions: SessionService;
  passwords: PasswordHasher;
  /** A hash of an unknown password, verified against when the email is unknown (uniform login timing). */
  decoyPasswordHash(): Promise<string>;
  secretBox: SecretBox;
  limits: AuthRateLimiters;
  logger: ApiLogger;
  /** The live graph documents (through the collaboration server when it runs in this process). */
  live: LiveDocuments;
  /** Where started runs go (the run workers). */
  runQueue: RunQueue;
};

/** What the HTTP layer lets a procedure change about its response. */
export type ResponseControls = {
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** Sets `Retry-After` (whole seconds) on a refused request. */
  setRetryAfter(seconds: number): void;
};

/** What every procedure may use. The server builds one per request with {@link createApiContext}. */
export type ApiContext = {
  services: ApiServices;
  requestId: string;
  /** The request's time from the server's (injectable) clock; every expiry is judged against it. */
  now: Date;
  /** The client's address as the server determined it (the socket, or a trusted proxy's header). */
  clientAddress: string;
  /** The signed-in user, or null. */
  auth: ValidatedSession | null;
  http: ResponseControls;
};

/**
 * Builds a request's context: validates the session token (from the `tandem_session` cookie), clears a
 * cookie whose session is gone, and re-sends one whose session was just renewed so its expiry moves too.
 */
export async function createApiContext(
  services: ApiServices,
  request: {
    requestId: string;
    now: Date;
    clientAddress: string;
    sessionToken: string | null;
    http: ResponseControls;
  },
): Promise<ApiContext> {
  const { sessionToken, ...rest } = request;
  let auth: ValidatedSession | null = null;
  if (sessionToken !== null) {
    auth = await services.sessions.validateSessionToken(sessionToken, request.now);
    if (!auth) request.http.clearSessionCookie();
    else if (auth.renewed) request.http.setSessionCookie(sessionToken, auth.session.expiresAt);
  }
  return { services, ...rest, auth };
}
