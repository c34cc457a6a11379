/** Bounds of one run. Every field has a default (`DEFAULT_LIMITS`); callers override what they need. */
export type RunLimits = {
  /** How many nodes may run at once. */
  maxParallel: number;
  /** The whole run, from start (or resume) to its last node. */
  runTimeoutMs: number;
  /** One attempt of an `llm`, `template`, `condition`, `merge` node; `http` and `code` use their config's `timeoutMs`. */
  nodeTimeoutMs: number;
  retry: RetryPolicy;
  code: { memoryLimitBytes: number; maxStackSizeBytes: number; maxOutputBytes: number };
  http: { maxBodyBytes: number };
};

export type RetryPolicy = {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_LIMITS: RunLimits = {
  maxParallel: 4,
  runTimeoutMs: 15 * 60_000,
  nodeTimeoutMs: 120_000,
  retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30_000 },
  code: { memoryLimitBytes: 32 * 1024 * 1024, maxStackSizeBytes: 512 * 1024, maxOutputBytes: 1024 * 1024 },
  http: { maxBodyBytes: 5 * 1024 * 1024 },
};

export type RunLimitsInput = Partial<Omit<RunLimits, 'retry' | 'code' | 'http'>> & {
  retry?: Partial<RetryPolicy>;
  code?: Partial<RunLimits['code']>;
  http?: Partial<RunLimits['http']>;
};

/** `DEFAULT_LIMITS` with `input`'s fields laid over it. */
export function resolveLimits(input: RunLimitsInput | undefined): RunLimits {
  const d = DEFAULT_LIMITS;
  return {
    maxParallel: Math.max(1, input?.maxParallel ?? d.maxParallel),
    runTimeoutMs: input?.runTimeoutMs ?? d.runTimeoutMs,
    nodeTimeoutMs: input?.nodeTimeoutMs ?? d.nodeTimeoutMs,
    retry: {
      maxAttempts: Math.max(1, input?.retry?.maxAttempts ?? d.retry.maxAttempts),
      baseDelayMs: input?.retry?.baseDelayMs ?? d.retry.baseDelayMs,
      maxDelayMs: input?.retry?.maxDelayMs ?? d.retry.maxDelayMs,
    },
    code: {
      memoryLimitBytes: input?.code?.memoryLimitBytes ?? d.code.memoryLimitBytes,
      maxStackSizeBytes: input?.code?.maxStackSizeBytes ?? d.code.maxStackSizeBytes,
      maxOutputBytes: input?.code?.maxOutputBytes ?? d.code.maxOutputBytes,
    },
    http: { maxBodyBytes: input?.http?.maxBodyBytes ?? d.http.maxBodyBytes },
  };
}
