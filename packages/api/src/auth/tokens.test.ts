import { describe, expect, it } from 'vitest';
import { hashToken, randomToken, tokenMatches } from './tokens';

describe('randomToken', () => {
  it('encodes n random bytes as lower-case base32 without padding', () => {
    expect(randomToken(32)).toMatch(/^[a-z2-7]{52}$/);
    expect(randomToken(15)).toMatch(/^[a-z2-7]{24}$/);
    const many = new Set(Array.from({ length: 1000 }, () => randomToken(15)));
    expect(many.size).toBe(1000);
  });
});

describe('tokenMatches', () => {
  it('accepts the token whose hash is stored and nothing else', () => {
    const token = randomToken(32);
    expect(tokenMatches(token, hashToken(token))).toBe(true);
    expect(tokenMatches(`${token}x`, hashToken(token))).toBe(false);
    expect(tokenMatches(randomToken(32), hashToken(token))).toBe(false);
  });

  it('refuses when nothing is stored', () => {
    expect(tokenMatches(randomToken(32), null)).toBe(false);
    expect(tokenMatches('', null)).toBe(false);
  });

  it('does the same work for a missing row as for a wrong secret', () => {
    // Both paths hash and compare 32 bytes. Skipping the hash for a missing row would make that path ~100×
    // faster, so wide bounds still catch it while staying stable on a busy machine.
    const stored = hashToken(randomToken(32));
    const presented = randomToken(32);
    const time = (storedHash: Uint8Array | null) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 3000; i++) tokenMatches(presented, storedHash);
      return Number(process.hrtime.bigint() - started);
    };
    time(stored);
    time(null); // warm up both paths
    const samples = Array.from({ length: 7 }, () => time(null) / time(stored)).sort((a, b) => a - b);
    const median = samples[3] ?? 0;
    expect(median).toBeGreaterThan(0.25);
    expect(median).toBeLessThan(4);
  });
});
