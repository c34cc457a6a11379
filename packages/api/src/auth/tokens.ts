import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Characters of {@link randomToken}'s output (oslo's lower-case base32 alphabet). */
export const TOKEN_ALPHABET = 'a-z2-7';

/** `bytes` random bytes from the platform CSPRNG, as lower-case base32 without padding. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

/** SHA-256 of the token's UTF-8 bytes: what is stored in place of a session secret, invite or API key. */
export function hashToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

// Compared against when there is no stored hash, so "no such row" costs the same work as "wrong secret".
const NO_HASH = new Uint8Array(32);

/**
 * Whether `presented` hashes to `stored`, in constant time. A missing row (`stored` null) is hashed and
 * compared like any other, then refused, so callers cannot be timed into telling the two apart.
 */
export function tokenMatches(presented: string, stored: Uint8Array | null): boolean {
  const equal = constantTimeEqual(hashToken(presented), stored ?? NO_HASH);
  return equal && stored !== null;
}
