import { createRepositories, type Database, inTransaction } from '@tandem/db';
import { createArgon2PasswordHasher, createDecoyHash, type PasswordHasher } from './auth/passwords';
import { createRateLimiter, type RateLimitRule } from './auth/rate-limit';
import { createSessionService } from './auth/sessions';
import type { ApiLogger, ApiServices, AuthRateLimiters } from './context';
import { type LiveDocuments, storedLiveDocuments } from './live-documents';
import { IDLE_RUN_QUEUE, type RunQueue } from './runs/run-queue';
import { createSecretBox } from './secrets/secret-box';

const MINUTE_MS = 60_000;

export type RateLimitConfig = Record<keyof AuthRateLimiters, RateLimitRule>;

/**
 * Defaults: generous enough for an office behind one address, tight enough to make password guessing
 * pointless (10 tries per email per 15 minutes ≈ 1,000 a day).
 */
const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  loginPerAddress: { limit: 50, windowMs: 15 * MINUTE_MS },
  loginPerEmail: { limit: 10, windowMs: 15 * MINUTE_MS },
  signupPerAddress: { limit: 20, windowMs: 60 * MINUTE_MS },
  signupPerEmail: { limit: 5, windowMs: 60 * MINUTE_MS },
  passwordPerUser: { limit: 10, windowMs: 15 * MINUTE_MS },
};

export type ApiServicesOptions = {
  database: Pick<Database, 'db' | 'driver' | 'migrationState'>;
  /** 32 bytes (from `TANDEM_SECRET_KEY` or the data dir's key file) encrypting provider credentials. */
  secretKey: Uint8Array;
  logger: ApiLogger;
  rateLimits?: Partial<RateLimitConfig>;
  passwords?: PasswordHasher;
  /** Default: the stored documents (right only when no collaboration server runs beside this api). */
  liveDocuments?: LiveDocuments;
  /** Default: runs wait in the table for a polling worker. */
  runQueue?: RunQueue;
};

/** Builds the api's collaborators once per process (tests build one per test file). */
export function createApiServices(options: ApiServicesOptions): ApiServices {
  const { database } = options;
  const repos = createRepositories(database.db);
  const passwords = options.passwords ?? createArgon2PasswordHasher();
  const rules = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const decoyPasswordHash = createDecoyHash(passwords);
  // Made now, not on the first unknown-email login, which would otherwise take twice as long as the rest.
  decoyPasswordHash().catch(() => undefined);
  return {
    db: database,
    repos,
    transact: (work) => inTransaction(database.db, work),
    sessions: createSessionService(repos),
    passwords,
    decoyPasswordHash,
    secretBox: createSecretBox(options.secretKey),
    limits: {
      loginPerAddress: createRateLimiter(rules.loginPerAddress),
      loginPerEmail: createRateLimiter(rules.loginPerEmail),
      signupPerAddress: createRateLimiter(rules.signupPerAddress),
      signupPerEmail: createRateLimiter(rules.signupPerEmail),
      passwordPerUser: createRateLimiter(rules.passwordPerUser),
    },
    logger: options.logger,
    live: options.liveDocuments ?? storedLiveDocuments(repos.docs),
    runQueue: options.runQueue ?? IDLE_RUN_QUEUE,
  };
}
