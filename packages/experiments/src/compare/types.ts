import type { EvaluatorResult } from '../evaluators/types';

/** One scored run of an experiment: a variant's answer to one dataset row (or one production call). */
export type TrialOutcome = {
  variant: string;
  /**
   * What pairs trials across variants: `<rowId>#<repetition>` in a dataset experiment; null for canary traffic
   * (different callers, different inputs: nothing to pair).
   */
  pairKey: string | null;
  status: 'succeeded' | 'failed' | 'cancelled';
  results: EvaluatorResult[];
  latencyMs: number | null;
  tokensIn: number;
  tokensOut: number;
  /** Null when any model's price is unknown. */
  costUsd: number | null;
};
