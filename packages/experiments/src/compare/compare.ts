import { holmAdjust } from '../stats/power';
import { assertOpenUnit } from '../stats/validate';
import { matchPairs, pairedTests, unpairedTests } from './metric-tests';
import type { ComparisonReport, MetricTest, VariantComparison } from './report';
import { summarizeVariant } from './summarize';
import type { TrialOutcome } from './types';
import { decideVerdict } from './verdict';

export type CompareVariantsInput = {
  /** Variant names, baseline first; trials of other variants are ignored. */
  variants: string[];
  evaluatorIds: string[];
  trials: TrialOutcome[];
  /** Dataset experiments pair trials by `pairKey`; canary traffic is unpaired. */
  paired: boolean;
  /** Significance level for the Holm-adjusted p-values (default 0.05). */
  alpha?: number;
  /** Smallest pass-rate difference worth detecting, for "more rows needed" (default 0.05 = 5 points). */
  minEffect?: number;
  /** Seed of the bootstrap intervals (default 0): the same input and seed give the same report. */
  seed?: number;
};

/**
 * Compares each candidate variant with the baseline (the first variant): per-variant summaries with intervals,
 * significance tests on pass rate, score and latency (paired or unpaired), Holm-adjusted across candidates per
 * metric, and a plain-language verdict per candidate. Pure and deterministic.
 */
export function compareVariants(input: CompareVariantsInput): ComparisonReport {
  const { variants, evaluatorIds, paired, alpha = 0.05, minEffect = 0.05, seed = 0 } = input;
  assertOpenUnit(alpha, 'compareVariants: alpha');
  if (!(minEffect > 0 && minEffect <= 0.5)) {
    throw new RangeError(`compareVariants: minEffect must be in (0, 0.5], got ${minEffect}`);
  }
  if (variants.length === 0)
    throw new RangeError('compareVariants: at least one variant (the baseline) is needed');
  if (new Set(variants).size !== variants.length) {
    throw new RangeError(`compareVariants: variants repeat a name (${variants.join(', ')})`);
  }
  const trialsOf = new Map<string, TrialOutcome[]>(variants.map((v) => [v, []]));
  for (const trial of input.trials) trialsOf.get(trial.variant)?.push(trial);
  const summaries = variants.map((v) => summarizeVariant(v, trialsOf.get(v) ?? [], evaluatorIds, seed));

  const [baseline, ...candidates] = variants as [string, ...string[]];
  const baselineTrials = trialsOf.get(baseline) ?? [];
  const raw = candidates.map((candidate) => {
    const candidateTrials = trialsOf.get(candidate) ?? [];
    if (paired) {
      const pairs = matchPairs(
        { variant: baseline, trials: baselineTrials },
        { variant: candidate, trials: candidateTrials },
      );
      return { candidate, tests: pairedTests(pairs, evaluatorIds), rows: pairs.length };
    }
    return {
      candidate,
      tests: unpairedTests(baselineTrials, candidateTrials, evaluatorIds),
      rows: Math.min(baselineTrials.length, candidateTrials.length),
    };
  });

  // Holm across candidates, separately for each metric (tests sit in the same order for every candidate).
  const metricCount = raw[0]?.tests.length ?? 0;
  for (let m = 0; m < metricCount; m++) {
    const adjusted = holmAdjust(raw.map((r) => (r.tests[m] as MetricTest).pValue));
    raw.forEach((r, i) => {
      (r.tests[m] as MetricTest).adjustedP = adjusted[i] ?? null;
    });
  }

  const baselinePassRate = summaries[0]?.passRate.value ?? null;
  const comparisons: VariantComparison[] = raw.map(({ candidate, tests, rows }) => ({
    baseline,
    candidate,
    paired,
    tests,
    verdict: decideVerdict({ candidate, paired, tests, rows, baselinePassRate, alpha, minEffect }),
  }));
  return { variants: summaries, comparisons, alpha, minEffect };
}
