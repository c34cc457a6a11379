import type { Trial } from '@tandem/db';
import {
  type ComparisonReport,
  compareVariants,
  type EvaluatorResult,
  type TrialOutcome,
} from '@tandem/experiments';
import { z } from 'zod';
import type { ExperimentConfig } from './config';

const storedResultSchema = z.looseObject({
  evaluatorId: z.string(),
  pass: z.boolean(),
  score: z.number().min(0).max(1),
  detail: z.string().optional(),
  error: z.string().optional(),
});

/** A trial's stored evaluation, checked (a malformed entry is dropped, which counts as a fail). */
export function storedResults(raw: unknown): EvaluatorResult[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = storedResultSchema.safeParse(item);
    return parsed.success ? [parsed.data as EvaluatorResult] : [];
  });
}

const RUN_STATUSES = new Set(['succeeded', 'failed', 'cancelled']);

export function trialOutcome(trial: Trial, paired: boolean): TrialOutcome {
  return {
    variant: trial.variant,
    pairKey: paired ? `${trial.rowPosition}#${trial.repetition}` : null,
    status: RUN_STATUSES.has(trial.runStatus ?? '') ? (trial.runStatus as TrialOutcome['status']) : 'failed',
    results: storedResults(trial.results),
    latencyMs: trial.latencyMs,
    tokensIn: trial.tokensIn,
    tokensOut: trial.tokensOut,
    costUsd: trial.costUsd,
  };
}

/** Seeds the bootstrap from the experiment id, so one experiment's report is the same on every read. */
function seedOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** The comparison of an experiment's scored trials: paired for a dataset experiment, unpaired for a canary. */
export function experimentReport(
  experimentId: string,
  config: ExperimentConfig,
  trials: readonly Trial[],
): ComparisonReport {
  const paired = config.kind === 'dataset';
  return compareVariants({
    variants: config.variants.map((variant) => variant.key),
    evaluatorIds: config.evaluators.map((evaluator) => evaluator.id),
    trials: trials.map((trial) => trialOutcome(trial, paired)),
    paired,
    minEffect: config.minEffect,
    seed: seedOf(experimentId),
  });
}
