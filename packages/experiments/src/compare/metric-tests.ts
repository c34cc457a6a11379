import { mean, quantile } from '../stats/intervals';
import { mcnemarExact, wilcoxonSignedRank } from '../stats/paired';
import { fisherExact, mannWhitneyU } from '../stats/unpaired';
import type { MetricTest } from './report';
import { knownLatencies } from './summarize';
import { trialPassed, trialScore } from './trial-metrics';
import type { TrialOutcome } from './types';

/** Trials of one variant keyed by pairKey; a missing or repeated key is a caller bug, reported clearly. */
function byPairKey(variant: string, trials: readonly TrialOutcome[]): Map<string, TrialOutcome> {
  const map = new Map<string, TrialOutcome>();
  for (const trial of trials) {
    if (trial.pairKey === null) {
      throw new RangeError(`paired comparison: a trial of variant ${variant} has no pairKey`);
    }
    if (map.has(trial.pairKey)) {
      throw new RangeError(
        `paired comparison: variant ${variant} has two trials with pairKey ${trial.pairKey}`,
      );
    }
    map.set(trial.pairKey, trial);
  }
  return map;
}

/** The matched (baseline, candidate) trials: only pairKeys present in both variants. */
export function matchPairs(
  baseline: { variant: string; trials: readonly TrialOutcome[] },
  candidate: { variant: string; trials: readonly TrialOutcome[] },
): [TrialOutcome, TrialOutcome][] {
  const base = byPairKey(baseline.variant, baseline.trials);
  const cand = byPairKey(candidate.variant, candidate.trials);
  const pairs: [TrialOutcome, TrialOutcome][] = [];
  for (const [key, b] of base) {
    const c = cand.get(key);
    if (c !== undefined) pairs.push([b, c]);
  }
  return pairs;
}

/**
 * Paired tests (dataset experiments): McNemar's exact test on pass/fail, Wilcoxon signed-rank on score
 * differences and on latency differences (pairs where both latencies are known). Differences are candidate
 * minus baseline: pass-rate difference over the pairs, mean score difference, median latency difference.
 * `adjustedP` is left equal to `pValue`; the caller applies Holm across candidates.
 */
export function pairedTests(
  pairs: readonly [TrialOutcome, TrialOutcome][],
  evaluatorIds: readonly string[],
): MetricTest[] {
  let baselineOnly = 0;
  let candidateOnly = 0;
  const scoreDiffs: number[] = [];
  const latencyDiffs: number[] = [];
  for (const [b, c] of pairs) {
    const bPass = trialPassed(b, evaluatorIds);
    const cPass = trialPassed(c, evaluatorIds);
    if (bPass && !cPass) baselineOnly++;
    if (cPass && !bPass) candidateOnly++;
    scoreDiffs.push(trialScore(c, evaluatorIds) - trialScore(b, evaluatorIds));
    if (b.latencyMs !== null && c.latencyMs !== null) latencyDiffs.push(c.latencyMs - b.latencyMs);
  }
  const n = pairs.length;
  const passP = n === 0 ? null : mcnemarExact(baselineOnly, candidateOnly).pValue;
  const scoreP = n === 0 ? null : wilcoxonSignedRank(scoreDiffs).pValue;
  const latencyP = latencyDiffs.length === 0 ? null : wilcoxonSignedRank(latencyDiffs).pValue;
  return [
    {
      metric: 'passRate',
      test: 'mcnemar-exact',
      n,
      difference: n === 0 ? null : (candidateOnly - baselineOnly) / n,
      pValue: passP,
      adjustedP: passP,
      discordant: { baselineOnly, candidateOnly },
    },
    {
      metric: 'score',
      test: 'wilcoxon-signed-rank',
      n,
      difference: n === 0 ? null : mean(scoreDiffs),
      pValue: scoreP,
      adjustedP: scoreP,
    },
    {
      metric: 'latency',
      test: 'wilcoxon-signed-rank',
      n: latencyDiffs.length,
      difference: latencyDiffs.length === 0 ? null : quantile(latencyDiffs, 0.5),
      pValue: latencyP,
      adjustedP: latencyP,
    },
  ];
}

/**
 * Unpaired tests (canary traffic): Fisher's exact test on pass/fail, Mann–Whitney U on scores and on known
 * latencies. Differences are candidate minus baseline: pass rates, mean scores, median latencies. A test with
 * an empty side has null p and difference.
 */
export function unpairedTests(
  baseline: readonly TrialOutcome[],
  candidate: readonly TrialOutcome[],
  evaluatorIds: readonly string[],
): MetricTest[] {
  const nb = baseline.length;
  const nc = candidate.length;
  const bothPresent = nb > 0 && nc > 0;
  const bPasses = baseline.filter((t) => trialPassed(t, evaluatorIds)).length;
  const cPasses = candidate.filter((t) => trialPassed(t, evaluatorIds)).length;
  const bScores = baseline.map((t) => trialScore(t, evaluatorIds));
  const cScores = candidate.map((t) => trialScore(t, evaluatorIds));
  const bLatency = knownLatencies(baseline);
  const cLatency = knownLatencies(candidate);
  const latencyPresent = bLatency.length > 0 && cLatency.length > 0;
  const passP = bothPresent ? fisherExact(cPasses, nc - cPasses, bPasses, nb - bPasses).pValue : null;
  const scoreP = bothPresent ? mannWhitneyU(cScores, bScores).pValue : null;
  const latencyP = latencyPresent ? mannWhitneyU(cLatency, bLatency).pValue : null;
  return [
    {
      metric: 'passRate',
      test: 'fisher-exact',
      n: nb + nc,
      difference: bothPresent ? cPasses / nc - bPasses / nb : null,
      pValue: passP,
      adjustedP: passP,
    },
    {
      metric: 'score',
      test: 'mann-whitney-u',
      n: nb + nc,
      difference: bothPresent ? mean(cScores) - mean(bScores) : null,
      pValue: scoreP,
      adjustedP: scoreP,
    },
    {
      metric: 'latency',
      test: 'mann-whitney-u',
      n: bLatency.length + cLatency.length,
      difference: latencyPresent ? quantile(cLatency, 0.5) - quantile(bLatency, 0.5) : null,
      pValue: latencyP,
      adjustedP: latencyP,
    },
  ];
}
