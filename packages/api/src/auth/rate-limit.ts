import { isIPv4, isIPv6 } from 'node:net';

/** At most `limit` attempts per `windowMs`, refilled continuously (a token bucket of `limit` tokens). */
export type RateLimitRule = { limit: number; windowMs: number };

export type RateLimitResult = { ok: true } | { ok: false; retryAfterMs: number };

export type RateLimiter = {
  /** Tokens left for `key` at `now` (fractional while refilling). */
  available(key: string, now: number): number;
  /** Milliseconds until `key` has a whole token again (0 when it has one). */
  waitMs(key: string, now: number): number;
  /** Takes one token; only call after `available` said there is one. */
  consume(key: string, now: number): void;
};

type Bucket = { tokens: number; at: number };

/**
 * An in-process token bucket per key. State lives in this process only: with several server instances
 * each limits on its own. Memory is bounded: past `maxKeys`, the least recently used keys are dropped
 * (a dropped key starts again with a full bucket).
 */
export function createRateLimiter(rule: RateLimitRule, options: { maxKeys?: number } = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 50_000;
  // Map iteration order is insertion order: re-inserting on use keeps the least recently used first.
  const buckets = new Map<string, Bucket>();

  const available = (key: string, now: number) => {
    const bucket = buckets.get(key);
    if (!bucket) return rule.limit;
    return Math.min(rule.limit, bucket.tokens + (Math.max(0, now - bucket.at) * rule.limit) / rule.windowMs);
  };

  return {
    available,
    waitMs(key, now) {
      const tokens = available(key, now);
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * rule.windowMs) / rule.limit);
    },
    consume(key, now) {
      const tokens = available(key, now) - 1;
      buckets.delete(key);
      buckets.set(key, { tokens, at: now });
      for (const oldest of buckets.keys()) {
        if (buckets.size <= maxKeys) break;
        buckets.delete(oldest);
      }
    },
  };
}

/**
 * Takes one token from every `(limiter, key)` pair, or from none when any of them is empty: an attempt
 * refused by the per-IP limit does not also use up the per-email allowance.
 */
export function takeAll(pairs: readonly (readonly [RateLimiter, string])[], now: number): RateLimitResult {
  const retryAfterMs = Math.max(0, ...pairs.map(([limiter, key]) => limiter.waitMs(key, now)));
  if (retryAfterMs > 0) return { ok: false, retryAfterMs };
  for (const [limiter, key] of pairs) limiter.consume(key, now);
  return { ok: true };
}

/**
 * The key a client address is limited under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64,
 * because one host routinely holds a whole /64 and could otherwise rotate addresses.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const headGroups = parse(head);
  const tailGroups = tail === undefined ? [] : parse(tail);
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array.from({ length: Math.max(0, missing) }, () => '0'), ...tailGroups].map(
    (group) => (group.includes('.') ? group : group.toLowerCase().replace(/^0+(?=.)/, '')),
  );
}
