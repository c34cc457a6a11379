/** A seeded pseudo-random generator: the only randomness the package uses, so reports are reproducible. */
export type Random = {
  /** A float uniformly distributed in [0, 1). */
  nextFloat(): number;
  /** An integer uniformly distributed in [0, n). */
  nextInt(n: number): number;
};

/**
 * Mulberry32: a 32-bit-state generator, fast and statistically adequate for bootstrap resampling.
 * The same seed always yields the same sequence.
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`createRandom: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  const nextFloat = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { nextFloat, nextInt: (n) => Math.floor(nextFloat() * n) };
}

/**
 * A 32-bit seed derived from a base seed and labels (FNV-1a), so each metric's bootstrap gets its own stream
 * and adding a variant or a metric does not shift the intervals of the others.
 */
export function deriveSeed(seed: number, ...labels: string[]): number {
  let h = 0x811c9dc5;
  const text = `${Math.trunc(seed)}\u0000${labels.join('\u0000')}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
