import { normalQuantile } from './distributions';
import { createRandom } from './random';
import { assertCount, assertFiniteValues, assertOpenUnit } from './validate';

/** An interval estimate; `low`/`high` are null when the data cannot support one. */
export type Interval = { low: number | null; high: number | null };

/** Arithmetic mean; throws on an empty list or a non-finite value. */
export function mean(values: readonly number[]): number {
  assertFiniteValues(values, 'mean');
  if (values.length === 0) throw new RangeError('mean: no values');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Quantile of an ascending-sorted list by linear interpolation (Hyndman–Fan type 7). */
function sortedQuantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics: R's type 7, numpy's default
 * ("linear"). Throws on an empty list or a non-finite value.
 */
export function quantile(values: readonly number[], q: number): number {
  assertFiniteValues(values, 'quantile');
  if (values.length === 0) throw new RangeError('quantile: no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${String(q)}`);
  const sorted = [...values].sort((x, y) => x - y);
  return sortedQuantile(sorted, q);
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; method 3 of Newcombe 1998), without continuity
 * correction. Stays inside [0, 1] and behaves at 0 and n passes. Null bounds when n = 0.
 */
export function wilsonInterval(passes: number, n: number, confidence = 0.95): Interval {
  assertCount(passes, 'wilsonInterval: passes');
  assertCount(n, 'wilsonInterval: n');
  assertOpenUnit(confidence, 'wilsonInterval: confidence');
  if (passes > n) throw new RangeError(`wilsonInterval: passes (${passes}) exceeds n (${n})`);
  if (n === 0) return { low: null, high: null };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = passes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Exact ends at 0 and n passes (the formula gives them up to rounding).
  return {
    low: passes === 0 ? 0 : Math.max(0, centre - half),
    high: passes === n ? 1 : Math.min(1, centre + half),
  };
}

export type BootstrapOptions = { seed: number; resamples?: number; confidence?: number };

/**
 * Percentile bootstrap interval for the mean (Efron): resample with replacement `resamples` times from a
 * generator seeded with `seed`, take the (1−c)/2 and (1+c)/2 type-7 quantiles of the resampled means.
 * Null bounds when there are fewer than 2 values. Same values and seed → same interval.
 */
export function bootstrapMeanInterval(values: readonly number[], options: BootstrapOptions): Interval {
  const { seed, resamples = 2000, confidence = 0.95 } = options;
  assertFiniteValues(values, 'bootstrapMeanInterval');
  assertOpenUnit(confidence, 'bootstrapMeanInterval: confidence');
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrapMeanInterval: resamples must be a positive integer, got ${resamples}`);
  }
  const n = values.length;
  if (n < 2) return { low: null, high: null };
  const random = createRandom(seed);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[random.nextInt(n)] as number;
    means[r] = sum / n;
  }
  means.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return { low: sortedQuantile(means, tail), high: sortedQuantile(means, 1 - tail) };
}
