import { UserError } from '@tandem/workflow';
import type { ApiContext } from '../context';
import { type RateLimiter, takeAll } from './rate-limit';

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Takes one attempt from each `(limiter, key)` pair or refuses with TOO_MANY_REQUESTS (HTTP 429) and a
 * `Retry-After` header. Called before any password is checked, so refused attempts cost no hashing.
 */
export function enforceRateLimit(
  ctx: Pick<ApiContext, 'now' | 'http' | 'services' | 'clientAddress' | 'requestId'>,
  action: string,
  pairs: readonly (readonly [RateLimiter, string])[],
): void {
  const result = takeAll(pairs, ctx.now.getTime());
  if (result.ok) return;
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  ctx.http.setRetryAfter(seconds);
  ctx.services.logger.warn('rate limited', { action, address: ctx.clientAddress, requestId: ctx.requestId });
  throw new UserError(
    'TOO_MANY_REQUESTS',
    `Too many attempts. Please wait ${inWords(seconds)} and try again.`,
  );
}
