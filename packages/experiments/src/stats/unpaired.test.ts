import { describe, expect, it } from 'vitest';
import { normalSf } from './distributions';
import { fisherExact, mannWhitneyU } from './unpaired';

describe('fisherExact', () => {
  it('reproduces the scipy.stats.fisher_exact documentation example', () => {
    // scipy docs: fisher_exact([[6, 2], [1, 4]]) → pvalue 0.10256410256410256, statistic (odds ratio) 12.
    const result = fisherExact(6, 2, 1, 4);
    expect(result.pValue).toBeCloseTo(0.10256410256410256, 14);
    expect(result.statistic).toBe(12);
    expect(result.n).toBe(13);
  });

  it("reproduces Fisher's lady tasting tea", () => {
    // Fisher (1935), The Design of Experiments: [[3, 1], [1, 3]] → p = 34/70 = 0.4857142857.
    expect(fisherExact(3, 1, 1, 3).pValue).toBeCloseTo(34 / 70, 12);
  });

  it('works on tables in the thousands', () => {
    // scipy.stats.fisher_exact([[1500, 500], [1400, 600]]).pvalue = 0.0004526325820608687 (cross-check).
    expect(fisherExact(1500, 500, 1400, 600).pValue).toBeCloseTo(0.0004526325820608687, 12);
    const big = fisherExact(900, 100, 800, 200).pValue;
    expect(Math.abs(big - 4.1462306224363854e-10) / 4.1462306224363854e-10).toBeLessThan(1e-6);
  });

  it('handles empty and degenerate tables', () => {
    expect(fisherExact(0, 0, 0, 0).pValue).toBe(1);
    expect(fisherExact(5, 0, 5, 0).pValue).toBe(1);
    expect(() => fisherExact(1, 2, Number.NaN, 4)).toThrow(/fisherExact: c/);
    expect(() => fisherExact(1, -2, 3, 4)).toThrow(RangeError);
  });
});

describe('mannWhitneyU', () => {
  it('reproduces the scipy.stats.mannwhitneyu documentation example (exact)', () => {
    // scipy docs: males = [19, 22, 16, 29, 24], females = [20, 11, 17, 12] → U1 = 17, p = 0.1111111111111111.
    const result = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(result.statistic).toBe(17);
    expect(result.pValue).toBeCloseTo(0.1111111111111111, 14);
    expect(result.n).toBe(9);
    // Swapping the samples reports the other U with the same p.
    expect(mannWhitneyU([20, 11, 17, 12], [19, 22, 16, 29, 24])).toMatchObject({ statistic: 3 });
  });

  it('uses the continuity-corrected normal approximation for two samples of 10 (verified by hand)', () => {
    // x = 1…10, y = 11…20: U1 = 0, max U = 100, mean 50, sd = √(10·10·21/12) = √175,
    // z = (100 − 50 − 0.5)/√175 = 3.7418 → p = 2·(1 − Φ(z)) = 0.00018267 (R: wilcox.test(1:10, 11:20,
    // exact = FALSE) prints p-value = 0.0001827; scipy gives 0.00018267179110955002).
    const x = Array.from({ length: 10 }, (_, i) => i + 1);
    const y = Array.from({ length: 10 }, (_, i) => i + 11);
    const result = mannWhitneyU(x, y);
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBeCloseTo(2 * normalSf(49.5 / Math.sqrt(175)), 15);
    expect(result.pValue).toBeCloseTo(0.00018267179110955002, 12);
  });

  it('applies the tie correction', () => {
    // Cross-checked against scipy.stats.mannwhitneyu (1.17.1): statistic 42, pvalue 0.3767165075900797.
    const result = mannWhitneyU([1, 2, 2, 3, 5, 7, 8, 8, 9, 10], [2, 3, 3, 4, 6, 6, 6, 11, 12, 13, 14]);
    expect(result.statistic).toBe(42);
    expect(result.pValue).toBeCloseTo(0.3767165075900797, 12);
  });

  it('handles one value each, all ties, empty samples and NaN', () => {
    // Exact, sizes 1 and 1: U ∈ {0, 1} equally likely → p = 1.
    expect(mannWhitneyU([1], [2])).toEqual({ statistic: 0, pValue: 1, n: 2 });
    expect(mannWhitneyU([3, 3, 3], [3, 3])).toEqual({ statistic: 3, pValue: 1, n: 5 });
    expect(() => mannWhitneyU([], [1])).toThrow(/at least one value/);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(/mannWhitneyU: x: value at index 1 is NaN/);
  });
});
