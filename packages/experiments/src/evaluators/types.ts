/** What an evaluator sees of one finished run. */
export type RunOutcome = {
  status: 'succeeded' | 'failed' | 'cancelled';
  outputs: Record<string, unknown> | null;
  error: string | null;
};

/** One evaluator's verdict on one run: `score` is in [0, 1]; `pass` is what pass rates count. */
export type EvaluatorResult = {
  evaluatorId: string;
  pass: boolean;
  score: number;
  /** Why, in a few words a user can read in the row-by-row table ("expected 42, got 41"). */
  detail?: string;
  /** The evaluator itself could not decide (judge unreachable, unparsable answer): counted as a fail. */
  error?: string;
  /** What a judge call cost, when the evaluator made one. */
  usage?: { tokensIn: number; tokensOut: number; costUsd: number | null };
};

/** How an LLM-as-judge evaluator reaches a model (the server adapts its `LlmClient` to it). */
export type JudgePort = (request: {
  provider: string;
  model: string;
  prompt: string;
  /** Stable per (trial, evaluator): a retried evaluation may reuse a stored answer instead of paying again. */
  idempotencyKey: string;
  signal?: AbortSignal;
}) => Promise<{ text: string; tokensIn: number; tokensOut: number; costUsd: number | null }>;
