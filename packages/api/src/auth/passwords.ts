import { hash, parseOptions, verify } from '@node-rs/argon2';
import { randomToken } from './tokens';

/**
 * OWASP Password Storage Cheat Sheet, argon2id: 19 MiB of memory, 2 iterations, 1 degree of parallelism
 * (argon2id is the library's default algorithm; the tests check the encoded hash says so).
 */
export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash that cannot be read; never throws for either. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Whether the stored hash was made with other parameters than today's (rehash after a good login). */
  needsRehash(passwordHash: string): boolean;
};

export function createArgon2PasswordHasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, ARGON2_PARAMETERS),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    needsRehash(passwordHash) {
      try {
        const used = parseOptions(passwordHash);
        return (
          used.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
          used.timeCost !== ARGON2_PARAMETERS.timeCost ||
          used.parallelism !== ARGON2_PARAMETERS.parallelism ||
          used.outputLen !== ARGON2_PARAMETERS.outputLen
        );
      } catch {
        return true;
      }
    },
  };
}

/**
 * A hash of a random password nobody knows, made once per process. Logging in with an unknown email
 * verifies against it, so the answer takes as long as for a known email with a wrong password.
 */
export function createDecoyHash(hasher: PasswordHasher): () => Promise<string> {
  let decoy: Promise<string> | undefined;
  return () => {
    decoy ??= hasher.hash(randomToken(32)).catch((error: unknown) => {
      decoy = undefined; // a failed hash is retried by the next caller, not cached
      throw error;
    });
    return decoy;
  };
}
