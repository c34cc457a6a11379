import { bootstrapMeanInterval, mean, quantile, wilsonInterval } from '../stats/intervals';
import { deriveSeed } from '../stats/random';
import type { Estimate, EvaluatorSummary, RateEstimate, VariantSummary } from './report';
import { evaluatorPassed, evaluatorScore, trialPassed, trialScore } from './trial-metrics';
import type { TrialOutcome } from './types';

/** A pass-rate estimate with its Wilson interval (null value and bounds when n = 0). */
function rateEstimate(passes: number, n: number): RateEstimate {
  const { low, high } = wilsonInterval(passes, n);
  return { value: n === 0 ? null : passes / n, low, high, n, passes };
}

/** A mean with its percentile-bootstrap interval, seeded from `seed` and `labels`. */
function meanEstimate(values: readonly number[], seed: number, ...labels: string[]): Estimate {
  if (values.length === 0) return { value: null, low: null, high: null, n: 0 };
  const { low, high } = bootstrapMeanInterval(values, { seed: deriveSeed(seed, ...labels) });
  return { value: mean(values), low, high, n: values.length };
}

/** Latencies that were recorded (a null latency is unknown, not zero). */
export function knownLatencies(trials: readonly TrialOutcome[]): number[] {
  const latencies: number[] = [];
  for (const trial of trials) if (trial.latencyMs !== null) latencies.push(trial.latencyMs);
  return latencies;
}

/**
 * Summarises one variant's trials: pass rate, mean score, per-evaluator results, latency, tokens and cost.
 * Bootstrap seeds are derived from `seed`, the variant and the metric, so the summary is reproducible.
 */
export function summarizeVariant(
  variant: string,
  trials: readonly TrialOutcome[],
  evaluatorIds: readonly string[],
  seed: number,
): VariantSummary {
  const n = trials.length;
  const passes = trials.filter((t) => trialPassed(t, evaluatorIds)).length;
  const evaluators: EvaluatorSummary[] = evaluatorIds.map((evaluatorId) => ({
    evaluatorId,
    passRate: rateEstimate(trials.filter((t) => evaluatorPassed(t, evaluatorId)).length, n),
    meanScore: meanEstimate(
      trials.map((t) => evaluatorScore(t, evaluatorId)),
      seed,
      variant,
      'evaluator',
      evaluatorId,
    ),
  }));
  const latencies = knownLatencies(trials);
  const costs = trials.map((t) => t.costUsd);
  const knownCosts = costs.filter((c): c is number => c !== null);
  const costPerRunUsd: Estimate =
    knownCosts.length === costs.length
      ? meanEstimate(knownCosts, seed, variant, 'cost')
      : { value: null, low: null, high: null, n };
  return {
    variant,
    n,
    runFailures: trials.filter((t) => t.status !== 'succeeded').length,
    passRate: rateEstimate(passes, n),
    meanScore: meanEstimate(
      trials.map((t) => trialScore(t, evaluatorIds)),
      seed,
      variant,
      'score',
    ),
    evaluators,
    latencyMs: {
      p50: latencies.length === 0 ? null : quantile(latencies, 0.5),
      p95: latencies.length === 0 ? null : quantile(latencies, 0.95),
      mean: meanEstimate(latencies, seed, variant, 'latency'),
    },
    tokensPerRun: meanEstimate(
      trials.map((t) => t.tokensIn + t.tokensOut),
      seed,
      variant,
      'tokens',
    ),
    costPerRunUsd,
  };
}
