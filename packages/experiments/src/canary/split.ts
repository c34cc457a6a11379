import { z } from 'zod';

/** Who a canary routes: a user id, a session id, any stable caller key. */
export const subjectSchema = z
  .string()
  .min(1, 'subject must not be empty')
  .max(256, 'subject is at most 256 characters');

/** A canary's share of traffic, in percent with at most two decimals (0.01 % steps). */
export const canaryPercentSchema = z
  .number()
  .min(0, 'percent must be between 0 and 100')
  .max(100, 'percent must be between 0 and 100')
  .refine((p) => isHundredth(p), 'percent has at most two decimals');

const BUCKETS = 10_000;

/**
 * Which side of a canary a subject falls on. Deterministic and sticky per (canaryId, subject); subjects are
 * spread uniformly over 10 000 buckets, and the candidate gets buckets below `percent · 100`, so raising the
 * percentage only moves subjects from baseline to candidate. Each canary hashes differently, so the subjects
 * of one canary's candidate are independent of another's.
 *
 * @throws RangeError when `percent` is outside [0, 100] or has more than two decimals.
 */
export function assignVariant({
  canaryId,
  subject,
  percent,
}: {
  canaryId: string;
  subject: string;
  percent: number;
}): 'baseline' | 'candidate' {
  if (!(percent >= 0 && percent <= 100) || !isHundredth(percent)) {
    throw new RangeError(`canary percent must be in [0, 100] with at most two decimals, got ${percent}`);
  }
  return bucketOf(canaryId, subject) < Math.round(percent * 100) ? 'candidate' : 'baseline';
}

function isHundredth(p: number): boolean {
  return Math.abs(p * 100 - Math.round(p * 100)) < 1e-6;
}

/** The subject's bucket in [0, 10 000) for this canary. */
export function bucketOf(canaryId: string, subject: string): number {
  // Length-prefixed so ("ab", "c") and ("a", "bc") hash apart.
  const bytes = new TextEncoder().encode(`${canaryId.length}:${canaryId}:${subject}`);
  return hash53(bytes) % BUCKETS;
}

/**
 * A 53-bit hash of bytes (cyrb53: two 32-bit multiply-xor lanes with murmur3-style finalisers that mix each
 * lane into the other), so a one-byte change flips about half of the output bits. 2^53 mod 10 000 leaves a
 * bucket bias below 1e-12.
 */
function hash53(bytes: Uint8Array, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (const byte of bytes) {
    h1 = Math.imul(h1 ^ byte, 2654435761);
    h2 = Math.imul(h2 ^ byte, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
