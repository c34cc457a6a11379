import type { RetryPolicy } from './limits';

/**
 * How long to wait before attempt `attempt + 1`: exponential (`base · 2^(attempt-1)`, capped at `maxDelayMs`)
 * with equal jitter (half fixed, half random) so workers that failed together do not retry together.
 * A server's `retryAfterMs` is a floor: we never come back sooner than asked.
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
