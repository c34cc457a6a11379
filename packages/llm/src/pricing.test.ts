import { describe, expect, it } from 'vitest';
import { costUsd } from './pricing';

describe('costUsd', () => {
  it('prices input and output tokens separately', () => {
    // 1,000 in at $2.50/M + 500 out at $10/M = $0.0025 + $0.005
    expect(costUsd('openai', 'gpt-4o', 1_000, 500)).toBeCloseTo(0.0075, 10);
  });

  it('reports an unknown model as null, not free', () => {
    expect(costUsd('openai-compatible', 'llama3.1:8b', 1_000, 1_000)).toBeNull();
    expect(costUsd('openai', 'gpt-4o-2099', 10, 10)).toBeNull();
  });

  it('prices the mock provider at zero, since it costs nothing', () => {
    expect(costUsd('mock', 'mock-1', 5_000, 5_000)).toBe(0);
    expect(costUsd('mock', 'mock-slow-fail-30', 5_000, 5_000)).toBe(0);
  });
});
