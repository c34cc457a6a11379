import { logBinomialCoefficient, normalSf } from './distributions';
import type { TestResult } from './paired';
import { rankWithTies, tieSum } from './ranks';
import { assertCount, assertFiniteValues } from './validate';

/** Relative tolerance scipy uses when deciding a table is "as or less likely" than the observed one. */
const FISHER_RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test on the 2×2 table [[a, b], [c, d]], two-sided: the sum of the hypergeometric
 * probabilities (margins fixed) of every table no more likely than the observed one, with scipy's 1e-7
 * relative tolerance. Computed in log space, so tables in the thousands are fine. `statistic` is the sample
 * odds ratio ad/bc (Infinity or NaN when a zero cell makes it undefined), `n` = a + b + c + d.
 */
export function fisherExact(a: number, b: number, c: number, d: number): TestResult {
  for (const [name, v] of [
    ['a', a],
    ['b', b],
    ['c', c],
    ['d', d],
  ] as const) {
    assertCount(v, `fisherExact: ${name}`);
  }
  const n = a + b + c + d;
  const statistic = (a * d) / (b * c);
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const logPmf = (x: number) =>
    logBinomialCoefficient(row1, x) +
    logBinomialCoefficient(row2, col1 - x) -
    logBinomialCoefficient(n, col1);
  const observed = logPmf(a);
  // Sum ratios to the observed table so nothing underflows before the final scaling.
  let ratioSum = 0;
  for (let x = lo; x <= hi; x++) {
    const ratio = Math.exp(logPmf(x) - observed);
    if (ratio <= FISHER_RELATIVE_TOLERANCE) ratioSum += ratio;
  }
  return { statistic, pValue: Math.min(1, Math.exp(observed) * ratioSum), n };
}

/** scipy's rule: exact when the smaller sample has at most 8 values and nothing is tied. */
const MWU_EXACT_MAX_SMALLER = 8;

/**
 * Probabilities of U = 0 … m·n under H0 for samples of sizes m and n: the number of partitions fitting in an
 * m × n box with each sum, over C(m + n, m). Built by adding parts of size 0 … n, all additions of positive
 * counts (no cancellation, so precision holds even where counts exceed 2^53).
 */
function mannWhitneyDistribution(m: number, n: number): number[] {
  const maxU = m * n;
  // ways[j][u]: choices of j parts (each ≤ current size) with sum u.
  const ways = Array.from({ length: m + 1 }, () => new Array<number>(maxU + 1).fill(0));
  (ways[0] as number[])[0] = 1;
  for (let size = 0; size <= n; size++) {
    for (let j = 1; j <= m; j++) {
      const row = ways[j] as number[];
      const prev = ways[j - 1] as number[];
      for (let u = size; u <= maxU; u++) row[u] = (row[u] as number) + (prev[u - size] as number);
    }
  }
  const counts = ways[m] as number[];
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => c / total);
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum), two-sided, following scipy.stats.mannwhitneyu's defaults: exact
 * null distribution when min(nx, ny) ≤ 8 and there are no ties (scipy's `_mwu_choose_method`); otherwise the
 * normal approximation with the tie correction and a 0.5 continuity correction. `statistic` is U of `x`
 * (the number of (x, y) pairs with x > y, ties counting ½); `n` = nx + ny. Throws when a sample is empty.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): TestResult {
  assertFiniteValues(x, 'mannWhitneyU: x');
  assertFiniteValues(y, 'mannWhitneyU: y');
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) throw new RangeError('mannWhitneyU: both samples need at least one value');
  const { ranks, tieSizes } = rankWithTies([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < nx; i++) rankSumX += ranks[i] as number;
  const u1 = rankSumX - (nx * (nx + 1)) / 2;
  const uMax = Math.max(u1, nx * ny - u1);
  const total = nx + ny;

  if (Math.min(nx, ny) <= MWU_EXACT_MAX_SMALLER && tieSizes.length === 0) {
    const probabilities = mannWhitneyDistribution(Math.min(nx, ny), Math.max(nx, ny));
    let upper = 0;
    for (let u = uMax; u < probabilities.length; u++) upper += probabilities[u] as number;
    return { statistic: u1, pValue: Math.min(1, 2 * upper), n: total };
  }
  const meanU = (nx * ny) / 2;
  const variance = ((nx * ny) / 12) * (total + 1 - tieSum(tieSizes) / (total * (total - 1)));
  // Every value tied: no ordering information at all.
  if (variance <= 0) return { statistic: u1, pValue: 1, n: total };
  const z = (uMax - meanU - 0.5) / Math.sqrt(variance);
  return { statistic: u1, pValue: Math.min(1, 2 * normalSf(z)), n: total };
}
