import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, mean, quantile, wilsonInterval } from './intervals';
import { createRandom } from './random';

describe('wilsonInterval', () => {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872,
  // Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %d–%d', (passes, n, low, high) => {
    const interval = wilsonInterval(passes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('agrees with the closed form computed by hand', () => {
    // 8/10, z = 1.959963984540054: centre = (0.8 + z²/20)/(1 + z²/10), half = z/(1 + z²/10)·√(0.016 + z²/400).
    const z = 1.959963984540054;
    const k = 1 + (z * z) / 10;
    const centre = (0.8 + (z * z) / 20) / k;
    const half = (z / k) * Math.sqrt(0.016 + (z * z) / 400);
    const interval = wilsonInterval(8, 10);
    expect(interval.low).toBeCloseTo(centre - half, 14);
    expect(interval.high).toBeCloseTo(centre + half, 14);
  });

  it('handles the edges', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: null, high: null });
    expect(wilsonInterval(5, 5).high).toBe(1);
    expect(() => wilsonInterval(6, 5)).toThrow(/exceeds/);
    expect(() => wilsonInterval(1.5, 5)).toThrow(RangeError);
  });
});

describe('quantile and mean', () => {
  it('interpolates linearly (R type 7, numpy default)', () => {
    // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75; R quantile(c(1,2,3,4), 0.9) = 3.7.
    expect(quantile([4, 1, 3, 2], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([3, 3, 3], 0.3)).toBe(3);
  });

  it('rejects empty lists, NaN and q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(/no values/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/index 1 is NaN/);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => mean([])).toThrow(/no values/);
    expect(() => mean([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('bootstrapMeanInterval', () => {
  const sample = [0.2, 0.9, 0.4, 0.7, 0.1, 0.8, 0.5, 0.6, 0.3, 1];

  it('is deterministic for a seed and contains the sample mean', () => {
    const a = bootstrapMeanInterval(sample, { seed: 7 });
    const b = bootstrapMeanInterval(sample, { seed: 7 });
    expect(a).toEqual(b);
    expect(a.low).not.toBeNull();
    expect(a.low as number).toBeLessThan(mean(sample));
    expect(a.high as number).toBeGreaterThan(mean(sample));
    expect(bootstrapMeanInterval(sample, { seed: 8 })).not.toEqual(a);
  });

  it('approaches mean ± 1.96·sd/√n on a large normal-ish sample', () => {
    // Irwin–Hall: the sum of 12 uniforms minus 6 has mean 0 and sd 1, close to a normal.
    const random = createRandom(2024);
    const values = Array.from({ length: 2000 }, () => {
      let s = -6;
      for (let i = 0; i < 12; i++) s += random.nextFloat();
      return 10 + 3 * s;
    });
    const m = mean(values);
    const sd = Math.sqrt(values.reduce((acc, v) => acc + (v - m) ** 2, 0) / (values.length - 1));
    const halfWidth = (1.959963984540054 * sd) / Math.sqrt(values.length);
    const interval = bootstrapMeanInterval(values, { seed: 1 });
    expect(Math.abs((interval.low as number) - (m - halfWidth))).toBeLessThan(0.15 * halfWidth);
    expect(Math.abs((interval.high as number) - (m + halfWidth))).toBeLessThan(0.15 * halfWidth);
  });

  it('gives no interval below two values and a point interval when all values tie', () => {
    expect(bootstrapMeanInterval([], { seed: 1 })).toEqual({ low: null, high: null });
    expect(bootstrapMeanInterval([3], { seed: 1 })).toEqual({ low: null, high: null });
    expect(bootstrapMeanInterval([2, 2, 2], { seed: 1 })).toEqual({ low: 2, high: 2 });
  });

  it('rejects NaN and bad options', () => {
    expect(() => bootstrapMeanInterval([1, Number.NaN], { seed: 1 })).toThrow(/NaN/);
    expect(() => bootstrapMeanInterval([1, 2], { seed: 1, resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapMeanInterval([1, 2], { seed: 1, confidence: 1 })).toThrow(/confidence/);
  });
});
