import { describe, expect, it } from 'vitest';
import {
  binomialCdf,
  logBinomialCoefficient,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
} from './distributions';

describe('normalCdf', () => {
  // Reference values: scipy.stats.norm.cdf (double precision), also in standard normal tables.
  it.each([
    [1.96, 0.9750021048517795],
    [1, 0.8413447460685429],
    [0, 0.5],
    [-1, 0.15865525393145707],
    [-3, 0.0013498980316300933],
    [-5, 2.866515718791933e-7],
    [-10, 7.61985302416047e-24],
  ])('Φ(%d) = %d to 1e-12 relative', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-12);
  });

  it('keeps the upper tail precise instead of computing 1 − Φ', () => {
    // scipy.stats.norm.sf(8) = 6.22096057427174e-16
    expect(Math.abs(normalSf(8) - 6.22096057427174e-16) / 6.22096057427174e-16).toBeLessThan(1e-12);
    expect(normalCdf(-40)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(40)).toBe(1);
  });
});

describe('normalQuantile', () => {
  it('inverts Φ at the published points', () => {
    // Φ⁻¹(0.975) = 1.959963984540054 (scipy.stats.norm.ppf), Φ⁻¹(0.9) = 1.2815515655446004.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normalQuantile(0.5)).toBe(0);
    // scipy.stats.norm.ppf(1e-10) = -6.361340902404056 (tail region of Acklam's approximation).
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  });

  it('round-trips with normalCdf across the range', () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.02425, 0.1, 0.3, 0.7, 0.95, 0.999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p) / p).toBeLessThan(1e-12);
    }
  });

  it('maps 0 and 1 to infinities and rejects values outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(/normalQuantile/);
  });
});

describe('logGamma and binomials', () => {
  it('matches ln Γ at known points', () => {
    // Γ(0.5) = √π; Γ(10) = 9! = 362880; scipy.special.gammaln(100) = 359.1342053695754.
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
    expect(() => logGamma(0)).toThrow(RangeError);
  });

  it('gives exact-enough binomial coefficients', () => {
    expect(Math.exp(logBinomialCoefficient(10, 3))).toBeCloseTo(120, 9);
    expect(logBinomialCoefficient(5, 0)).toBe(0);
    expect(logBinomialCoefficient(5, 6)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('computes binomial CDFs', () => {
    // P(X ≤ 1), X ~ Bin(9, ½) = (1 + 9) / 512.
    expect(binomialCdf(1, 9, 0.5)).toBeCloseTo(10 / 512, 14);
    // P(X ≤ 2), X ~ Bin(10, 0.3) = 0.3827827864 (R: pbinom(2, 10, 0.3)).
    expect(binomialCdf(2, 10, 0.3)).toBeCloseTo(0.3827827864, 9);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    // Large n stays finite: P(X ≤ 1000), X ~ Bin(2000, ½) = ½ + P(X = 1000)/2.
    expect(binomialCdf(1000, 2000, 0.5)).toBeCloseTo(
      0.5 + Math.exp(logBinomialCoefficient(2000, 1000) - 2000 * Math.LN2) / 2,
      10,
    );
  });
});
