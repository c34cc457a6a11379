import { describe, expect, it } from 'vitest';
import { mcnemarExact, wilcoxonSignedRank } from './paired';

describe('mcnemarExact', () => {
  it('b = 1, c = 8 → p = 2·(1 + 9)/2⁹ = 20/512 (exact binomial, computed by hand)', () => {
    const result = mcnemarExact(1, 8);
    expect(result.pValue).toBeCloseTo(0.0390625, 14);
    expect(result).toMatchObject({ statistic: 1, n: 9 });
  });

  it('is symmetric and gives p = 1 when b = c or nothing is discordant', () => {
    expect(mcnemarExact(8, 1).pValue).toBeCloseTo(mcnemarExact(1, 8).pValue, 15);
    expect(mcnemarExact(5, 5).pValue).toBe(1);
    expect(mcnemarExact(0, 0)).toEqual({ statistic: 0, pValue: 1, n: 0 });
  });

  it('b = 0, c = 15 → p = 2/2¹⁵', () => {
    expect(mcnemarExact(0, 15).pValue).toBeCloseTo(2 / 32768, 15);
  });

  it('rejects non-counts', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(/baselineOnly/);
    expect(() => mcnemarExact(1, Number.NaN)).toThrow(/candidateOnly/);
  });
});

describe('wilcoxonSignedRank', () => {
  it('reproduces the scipy.stats.wilcoxon documentation example (exact)', () => {
    // scipy.stats.wilcoxon docs: d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]
    // → statistic 24.0, pvalue 0.041259765625.
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const result = wilcoxonSignedRank(d);
    expect(result.statistic).toBe(24);
    expect(result.pValue).toBeCloseTo(0.041259765625, 14);
    expect(result.n).toBe(15);
  });

  it('uses the tie-corrected normal approximation when |d| ties (verified by hand)', () => {
    // |d| ranks: 1→1.5, 2→3.5, 3→6, 4→8, 5→9.5, 6→11, 7→12; W− = 3.5 + 6 + 1.5 = 11, n = 12.
    // mean 39, variance 12·13·25/24 − (6 + 6 + 24 + 6)/48 = 161.625, z = −28/√161.625 = −2.2024,
    // p = 2Φ(−2.2024) = 0.027634358798249086 (scipy.stats.wilcoxon(d, method='asymptotic') agrees).
    const d = [1, -2, 2, 3, 3, -3, 4, 5, 5, 6, -1, 7];
    const result = wilcoxonSignedRank(d);
    expect(result.statistic).toBe(11);
    expect(result.pValue).toBeCloseTo(0.027634358798249086, 12);
  });

  it('drops zero differences (zero_method="wilcox")', () => {
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    expect(wilcoxonSignedRank([0, ...d, 0])).toEqual(wilcoxonSignedRank(d));
  });

  it('switches to the normal approximation above 50 differences', () => {
    // 60 distinct positive differences: W− = 0, z = −(60·61/4)/√(60·61·121/24) = −6.7357,
    // p = 2Φ(z) = 1.6295557943119345e-11 (scipy.stats.wilcoxon(range(1, 61)) agrees).
    const d = Array.from({ length: 60 }, (_, i) => i + 1);
    const result = wilcoxonSignedRank(d);
    expect(result.statistic).toBe(0);
    expect(Math.abs(result.pValue - 1.6295557943119345e-11) / 1.6295557943119345e-11).toBeLessThan(1e-9);
  });

  it('handles empty input, one value, all zeros and all ties', () => {
    expect(wilcoxonSignedRank([])).toEqual({ statistic: 0, pValue: 1, n: 0 });
    expect(wilcoxonSignedRank([0, 0, 0])).toEqual({ statistic: 0, pValue: 1, n: 0 });
    // One positive difference: P(W+ ≥ 1) = ½ each way → p = 1.
    expect(wilcoxonSignedRank([2.5])).toEqual({ statistic: 0, pValue: 1, n: 1 });
    // All |d| tied, all positive: ranks 2.5 each, W− = 0, variance 4·5·9/24 − 60/48 = 6.25, z = −2 → p = 2Φ(−2).
    expect(wilcoxonSignedRank([1, 1, 1, 1]).pValue).toBeCloseTo(0.04550026389635842, 12);
  });

  it('rejects NaN with a clear error', () => {
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow(/wilcoxonSignedRank: value at index 1 is NaN/);
  });
});
