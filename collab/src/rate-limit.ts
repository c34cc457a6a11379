/** A token bucket: `take(n)` succeeds while the average stays under `perSecond`, with bursts up to `burst`. */
export type TokenBucket = { take(amount?: number): boolean };

export function createTokenBucket(
  perSecond: number,
  burst: number,
  now: () => number = performance.now.bind(performance),
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take(amount = 1) {
      const current = now();
      tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond);
      last = current;
      if (tokens < amount) return false;
      tokens -= amount;
      return true;
    },
  };
}
