import { type LlmClient, LlmError, type LlmRequest, type LlmResponse } from '@tandem/llm';
import type { Clock } from '../ports';

/** One scripted answer. */
export type LlmStep = {
  text?: string;
  /** Streamed before answering, `deltaDelayMs` apart (on the given clock). */
  deltas?: string[];
  deltaDelayMs?: number;
  /** Time the call takes before answering. */
  delayMs?: number;
  error?: Error;
  /** Never answers; settles only when its signal aborts. */
  hang?: boolean;
  usage?: { tokensIn: number; tokensOut: number };
  costUsd?: number | null;
};

function abortable(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return clock.sleep(ms, signal).catch(() => {
    throw new LlmError('aborted', 'The request was aborted.');
  });
}

/**
 * A tiny `LlmClient` that answers from a script keyed by model name (steps are used in order; the last one
 * repeats). It records every request and whether the request's signal was aborted when the call ended.
 */
export class ScriptedLlm implements LlmClient {
  readonly calls: LlmRequest[] = [];
  readonly abortedCalls: LlmRequest[] = [];
  private readonly used = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly script: Record<string, LlmStep[]>,
  ) {}

  async complete(request: LlmRequest): Promise<LlmResponse> {
    this.calls.push(request);
    const steps = this.script[request.model] ?? [{ text: `answer from ${request.model}` }];
    const index = this.used.get(request.model) ?? 0;
    this.used.set(request.model, index + 1);
    const step = steps[Math.min(index, steps.length - 1)] ?? {};
    try {
      if (step.delayMs) await abortable(this.clock, step.delayMs, request.signal);
      for (const delta of step.deltas ?? []) {
        request.onDelta?.(delta);
        await abortable(this.clock, step.deltaDelayMs ?? 0, request.signal);
      }
      if (step.hang) {
        await new Promise<never>((_, reject) => {
          const fail = () => reject(new LlmError('aborted', 'The request was aborted.'));
          if (request.signal?.aborted) fail();
          request.signal?.addEventListener('abort', fail, { once: true });
        });
      }
      if (step.error) throw step.error;
      return {
        text: step.text ?? (step.deltas ?? []).join(''),
        usage: step.usage ?? { tokensIn: 10, tokensOut: 5 },
        costUsd: step.costUsd === undefined ? 0.001 : step.costUsd,
        model: request.model,
        finishReason: 'stop',
      };
    } finally {
      if (request.signal?.aborted) this.abortedCalls.push(request);
    }
  }
}
