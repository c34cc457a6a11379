import { describe, expect, it } from 'vitest';
import { addressKey, createRateLimiter, takeAll } from './rate-limit';

const MINUTE = 60_000;

describe('createRateLimiter', () => {
  it('allows `limit` attempts at once, then one more per window/limit', () => {
    const limiter = createRateLimiter({ limit: 5, windowMs: 10 * MINUTE });
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(takeAll([[limiter, 'k']], t0)).toEqual({ ok: true });
    expect(takeAll([[limiter, 'k']], t0)).toEqual({ ok: false, retryAfterMs: 2 * MINUTE });
    expect(takeAll([[limiter, 'k']], t0 + 2 * MINUTE - 10)).toMatchObject({ ok: false });
    expect(takeAll([[limiter, 'k']], t0 + 2 * MINUTE)).toEqual({ ok: true });
    expect(takeAll([[limiter, 'other']], t0)).toEqual({ ok: true });
  });

  it('refills to the limit, never beyond', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: MINUTE });
    limiter.consume('k', 0);
    expect(limiter.available('k', 10 * MINUTE)).toBe(3);
  });

  it('forgets the least recently used keys past maxKeys', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE }, { maxKeys: 2 });
    limiter.consume('a', 0);
    limiter.consume('b', 0);
    limiter.consume('a', 0);
    limiter.consume('c', 0);
    expect(limiter.available('a', 0)).toBeLessThan(1);
    expect(limiter.available('b', 0)).toBe(1);
    expect(limiter.available('c', 0)).toBeLessThan(1);
  });
});

describe('takeAll', () => {
  it('takes from every limiter or from none', () => {
    const perAddress = createRateLimiter({ limit: 10, windowMs: MINUTE });
    const perEmail = createRateLimiter({ limit: 1, windowMs: MINUTE });
    expect(
      takeAll(
        [
          [perAddress, 'ip'],
          [perEmail, 'a@x.test'],
        ],
        0,
      ),
    ).toEqual({ ok: true });
    expect(
      takeAll(
        [
          [perAddress, 'ip'],
          [perEmail, 'a@x.test'],
        ],
        0,
      ),
    ).toMatchObject({ ok: false });
    // The refused attempt did not use the per-address allowance.
    expect(perAddress.available('ip', 0)).toBe(9);
  });
});

describe('addressKey', () => {
  it('keys IPv4 as is, IPv4-mapped IPv6 as IPv4 and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
