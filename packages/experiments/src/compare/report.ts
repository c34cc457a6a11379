/** A point estimate with its 95% interval; `low`/`high` are null when there is too little data for one. */
export type Estimate = { value: number | null; low: number | null; high: number | null; n: number };

/** A pass rate: `value` = passes / n, interval by Wilson's score method. */
export type RateEstimate = Estimate & { passes: number };

export type EvaluatorSummary = {
  evaluatorId: string;
  passRate: RateEstimate;
  /** Mean score in [0, 1], interval by percentile bootstrap. */
  meanScore: Estimate;
};

export type VariantSummary = {
  variant: string;
  /** Scored trials. */
  n: number;
  /** Runs that failed or were cancelled (they count as failing every evaluator). */
  runFailures: number;
  /** A trial passes when its run succeeded and every evaluator passed it. */
  passRate: RateEstimate;
  /** Mean over evaluators of each trial's score, then over trials. */
  meanScore: Estimate;
  evaluators: EvaluatorSummary[];
  latencyMs: { p50: number | null; p95: number | null; mean: Estimate };
  tokensPerRun: Estimate;
  /** Null value when some run's cost is unknown (an unpriced model). */
  costPerRunUsd: Estimate;
};

export type TestName = 'mcnemar-exact' | 'wilcoxon-signed-rank' | 'fisher-exact' | 'mann-whitney-u';

/** One significance test of candidate against baseline on one metric. */
export type MetricTest = {
  metric: 'passRate' | 'score' | 'latency';
  test: TestName;
  /** Pairs (paired tests) or total observations (unpaired) that entered the test. */
  n: number;
  /** candidate minus baseline: rate difference, mean score difference, median latency difference (ms). */
  difference: number | null;
  pValue: number | null;
  /** Holm-adjusted across the candidates compared to the same baseline (equals pValue with one candidate). */
  adjustedP: number | null;
  /** McNemar only: pairs where only the baseline passed / only the candidate passed. */
  discordant?: { baselineOnly: number; candidateOnly: number };
};

export type VerdictOutcome = 'better' | 'worse' | 'no-difference' | 'too-few';

export type Verdict = {
  outcome: VerdictOutcome;
  /** e.g. "B is better on pass rate, p = 0.01" or "No detectable difference: about 120 more rows needed for a 5-point effect". */
  text: string;
  /** For no-difference: extra rows (pairs) needed to detect `minEffect` with 80% power at alpha 0.05. */
  moreRowsNeeded?: number;
};

export type VariantComparison = {
  baseline: string;
  candidate: string;
  paired: boolean;
  tests: MetricTest[];
  verdict: Verdict;
};

export type ComparisonReport = {
  variants: VariantSummary[];
  comparisons: VariantComparison[];
  alpha: number;
  minEffect: number;
};
