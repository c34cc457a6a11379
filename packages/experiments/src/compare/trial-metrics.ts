import type { TrialOutcome } from './types';

/**
 * Whether one evaluator passed one trial: the run succeeded, a result exists and passed, and the evaluator
 * did not error (an undecided evaluator counts as a fail).
 */
export function evaluatorPassed(trial: TrialOutcome, evaluatorId: string): boolean {
  if (trial.status !== 'succeeded') return false;
  const result = trial.results.find((r) => r.evaluatorId === evaluatorId);
  return result?.pass === true && result.error === undefined;
}

/** One evaluator's score for one trial: 0 for a failed run, a missing result or an evaluator error. */
export function evaluatorScore(trial: TrialOutcome, evaluatorId: string): number {
  if (trial.status !== 'succeeded') return 0;
  const result = trial.results.find((r) => r.evaluatorId === evaluatorId);
  if (result === undefined || result.error !== undefined) return 0;
  if (!Number.isFinite(result.score)) {
    throw new RangeError(`evaluator ${evaluatorId} gave a non-finite score (${String(result.score)})`);
  }
  return result.score;
}

/** A trial passes when its run succeeded and every listed evaluator passed it (no evaluators: it succeeded). */
export function trialPassed(trial: TrialOutcome, evaluatorIds: readonly string[]): boolean {
  return trial.status === 'succeeded' && evaluatorIds.every((id) => evaluatorPassed(trial, id));
}

/** A trial's score: the mean of its evaluators' scores; with no evaluators, 1 if the run succeeded else 0. */
export function trialScore(trial: TrialOutcome, evaluatorIds: readonly string[]): number {
  if (evaluatorIds.length === 0) return trial.status === 'succeeded' ? 1 : 0;
  let sum = 0;
  for (const id of evaluatorIds) sum += evaluatorScore(trial, id);
  return sum / evaluatorIds.length;
}
