import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './rate-limit';

describe('createTokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = createTokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000;
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});
