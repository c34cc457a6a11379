import { binomialCdf, normalSf } from './distributions';
import { rankWithTies, tieSum } from './ranks';
import { assertCount, assertFiniteValues } from './validate';

/** The result of a two-sided significance test. */
export type TestResult = {
  /** The test's statistic (documented per test). */
  statistic: number;
  /** Two-sided p-value in [0, 1]. */
  pValue: number;
  /** Observations that entered the test (after any dropped zeros). */
  n: number;
};

/**
 * McNemar's exact test on the discordant pairs of a paired binary outcome: under H0 each discordant pair is
 * equally likely to favour either side, so p = min(1, 2·P(X ≤ min(b, c))) with X ~ Binomial(b + c, ½);
 * p = 1 when there are no discordant pairs. `statistic` = min(b, c) (as statsmodels' exact mcnemar), n = b + c.
 */
export function mcnemarExact(baselineOnly: number, candidateOnly: number): TestResult {
  assertCount(baselineOnly, 'mcnemarExact: baselineOnly');
  assertCount(candidateOnly, 'mcnemarExact: candidateOnly');
  const n = baselineOnly + candidateOnly;
  const statistic = Math.min(baselineOnly, candidateOnly);
  if (n === 0) return { statistic, pValue: 1, n };
  return { statistic, pValue: Math.min(1, 2 * binomialCdf(statistic, n, 0.5)), n };
}

/** Above this many non-zero differences the exact null distribution gives way to the normal approximation. */
const WILCOXON_EXACT_MAX_N = 50;

/**
 * Number of subsets of {1, …, n} with each rank sum w (w = 0 … n(n+1)/2): the exact null distribution of W+.
 * Counts stay below 2^50 for n ≤ 50, so doubles hold them exactly.
 */
function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let w = (rank * (rank + 1)) / 2; w >= rank; w--) {
      counts[w] = (counts[w] as number) + (counts[w - rank] as number);
    }
  }
  return counts;
}

/**
 * Wilcoxon signed-rank test of paired differences against a zero median, two-sided, following
 * scipy.stats.wilcoxon's defaults: zero differences are dropped (zero_method='wilcox'); with n ≤ 50 remaining
 * and no ties among |d| the exact distribution of W+ is used; otherwise the normal approximation with the tie
 * correction and no continuity correction. `statistic` = min(W+, W−). With no non-zero difference the test
 * has nothing to say: p = 1, n = 0 (scipy returns NaN there).
 */
export function wilcoxonSignedRank(differences: readonly number[]): TestResult {
  assertFiniteValues(differences, 'wilcoxonSignedRank');
  const d = differences.filter((x) => x !== 0);
  const n = d.length;
  if (n === 0) return { statistic: 0, pValue: 1, n: 0 };
  const { ranks, tieSizes } = rankWithTies(d.map(Math.abs));
  let wPlus = 0;
  for (let i = 0; i < n; i++) if ((d[i] as number) > 0) wPlus += ranks[i] as number;
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(wPlus, total - wPlus);

  if (n <= WILCOXON_EXACT_MAX_N && tieSizes.length === 0) {
    const counts = signedRankCounts(n);
    let tail = 0;
    for (let w = 0; w <= statistic; w++) tail += counts[w] as number;
    return { statistic, pValue: Math.min(1, (2 * tail) / 2 ** n), n };
  }
  const meanW = total / 2;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieSum(tieSizes) / 48;
  if (variance <= 0) return { statistic, pValue: 1, n };
  const z = (statistic - meanW) / Math.sqrt(variance);
  return { statistic, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), n };
}
