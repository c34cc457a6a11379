import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retry';

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles per attempt with equal jitter and a cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      50, 100, 200, 400, 500,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
  });

  it('never retries sooner than the server asked', () => {
    expect(backoffDelay(1, policy, () => 0, 5_000)).toBe(5_000);
    expect(backoffDelay(4, policy, () => 1, 10)).toBe(800);
  });
});
