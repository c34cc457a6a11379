/** The providers Tandem can call; `openai-compatible` is any server speaking OpenAI's Chat Completions (Ollama, LM Studio, vLLM). */
export type LlmProvider = 'openai' | 'anthropic' | 'openai-compatible' | 'mock';

export type LlmMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type LlmRequest = {
  provider: LlmProvider;
  model: string;
  messages: LlmMessage[];
  temperature?: number;
  maxTokens?: number;
  /**
   * Ask for a JSON object as the answer (OpenAI response_format; Anthropic by instruction, since newer models
   * refuse an assistant prefill).
   */
  jsonMode?: boolean;
  /** `(runId, nodeId, attempt)` of the call: a retried delivery of the same call may reuse a stored result. */
  idempotencyKey?: string;
  /** Aborting it cancels the HTTP request inside the SDK. */
  signal?: AbortSignal;
  /** Called with each streamed piece of text, in order; the response's `text` is their concatenation. */
  onDelta?: (text: string) => void;
};

export type LlmUsage = { tokensIn: number; tokensOut: number };

export type LlmResponse = {
  text: string;
  usage: LlmUsage;
  /** USD; null when the model's price is unknown (never 0 for "unknown"). */
  costUsd: number | null;
  model: string;
  finishReason: 'stop' | 'length' | 'other';
};

/** One interface over every provider: streaming, token usage, abort. */
export interface LlmClient {
  complete(request: LlmRequest): Promise<LlmResponse>;
}

/** Why a call failed, so the engine can decide to retry: rate limits, server errors and timeouts are retryable. */
export type LlmErrorKind =
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'auth'
  | 'bad_request'
  | 'aborted';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly kind: LlmErrorKind;
  readonly retryable: boolean;
  /** From a 429's Retry-After, when the provider sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(kind: LlmErrorKind, message: string, options?: { retryAfterMs?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryable = kind === 'rate_limited' || kind === 'server' || kind === 'timeout' || kind === 'network';
    this.retryAfterMs = options?.retryAfterMs;
  }
}
