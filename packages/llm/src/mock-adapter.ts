import { sleep, throwIfAborted, waitForAbort } from './abort';
import { type LlmClient, LlmError, type LlmErrorKind, type LlmRequest, type LlmResponse } from './llm-client';
import { type MockDirectives, modelDirectives, promptDirectives } from './mock-directives';
import { callHash, deltasOf, mockAnswer } from './mock-output';
import { costUsd } from './pricing';
import { seededRandom } from './seeded-random';
import { estimatePromptTokens, estimateTokens } from './tokens';

/** Client-wide behaviour of the mock; a model name or prompt directive overrides it for one call. */
export type MockOptions = {
  /** Total duration of a call in ms; streamed deltas are spread over it. Default 0. */
  latencyMs?: number;
  /** Every n-th call of this client fails (calls n, 2n, …). */
  failEvery?: number;
  /** Probability 0..1 that a call fails, drawn from a PRNG seeded with `seed`, so a run replays exactly. */
  failRate?: number;
  /** Seed of the failure PRNG. Default 1. */
  seed?: number;
  /** Kind of injected failures. Default `server` (retryable). */
  failKind?: LlmErrorKind;
  /** `retryAfterMs` of injected `rate_limited` failures. Default 1000. */
  retryAfterMs?: number;
  /** Fixed answer for every call (a prompt's `[[mock:reply=…]]` still wins). */
  output?: string;
};

/**
 * A deterministic, network-free `LlmClient`: the same model and messages give the same answer, with token
 * counts at ~4 characters per token and a cost of 0. Steered by options, model names and prompt directives
 * (see CONTEXT.md). Each client keeps its own call counter and PRNG, so failure injection replays per client.
 */
export function createMockAdapter(options: MockOptions = {}): LlmClient {
  const random = seededRandom(options.seed ?? 1);
  let calls = 0;
  // Per identical call: how many times a `[[mock:fail=kind:n]]` prompt has failed so far.
  const failuresByHash = new Map<string, number>();

  return {
    async complete(request: LlmRequest): Promise<LlmResponse> {
      throwIfAborted(request.signal);
      calls += 1;
      const directives: MockDirectives = {
        ...modelDirectives(request.model),
        ...promptDirectives(request.messages),
      };
      const hash = callHash(request.model, request.messages);
      const latencyMs = directives.latencyMs ?? options.latencyMs ?? 0;
      if (directives.hang) return waitForAbort(request.signal);

      const failure = chooseFailure();
      if (failure) {
        await sleep(latencyMs, request.signal);
        throw failure;
      }

      const jsonMode = request.jsonMode === true || directives.json === true;
      let text = mockAnswer({
        hash,
        messages: request.messages,
        jsonMode,
        fixed: directives.reply ?? options.output,
        echo: directives.echo === true,
        words: directives.words,
      });
      let finishReason: LlmResponse['finishReason'] = 'stop';
      // Like a real model, stop at maxTokens; not in jsonMode, which promises a parseable object.
      if (!jsonMode && request.maxTokens !== undefined && estimateTokens(text) > request.maxTokens) {
        text = text.slice(0, request.maxTokens * 4);
        finishReason = 'length';
      }

      await deliver(text, latencyMs, request);
      const tokensIn = estimatePromptTokens(request.messages);
      const tokensOut = estimateTokens(text);
      return {
        text,
        usage: { tokensIn, tokensOut },
        costUsd: costUsd('mock', request.model, tokensIn, tokensOut),
        model: request.model,
        finishReason,
      };

      function chooseFailure(): LlmError | undefined {
        if (directives.forceFail) {
          const kind = directives.failKind ?? 'server';
          if (directives.failTimes === undefined) return injected(kind, 'the prompt asks for it');
          const failed = failuresByHash.get(hash) ?? 0;
          if (failed >= directives.failTimes) return undefined;
          failuresByHash.set(hash, failed + 1);
          return injected(
            kind,
            `the prompt asks for ${directives.failTimes} failure(s), this is #${failed + 1}`,
          );
        }
        const kind = directives.failKind ?? options.failKind ?? 'server';
        const every = directives.failEvery ?? options.failEvery;
        if (every !== undefined && every > 0 && calls % every === 0)
          return injected(kind, `every ${every} calls`);
        const rate = directives.failRate ?? options.failRate;
        // Drawn on every call that has a rate, so the sequence depends only on the call count and the seed.
        if (rate !== undefined && rate > 0 && random() < rate) return injected(kind, `rate ${rate}`);
        return undefined;
      }
    },
  };

  function injected(kind: LlmErrorKind, why: string): LlmError {
    const message = `Mock failure (${kind}) injected: ${why}.`;
    if (kind === 'rate_limited')
      return new LlmError(kind, message, { retryAfterMs: options.retryAfterMs ?? 1000 });
    return new LlmError(kind, message);
  }
}

/** Waits out the latency; when streaming, spreads the deltas evenly over it (the last gap ends the call). */
async function deliver(text: string, latencyMs: number, request: LlmRequest): Promise<void> {
  const onDelta = request.onDelta;
  if (!onDelta) return sleep(latencyMs, request.signal);
  const deltas = deltasOf(text);
  const gap = latencyMs / (deltas.length + 1);
  for (const delta of deltas) {
    await sleep(gap, request.signal);
    onDelta(delta);
  }
  await sleep(gap, request.signal);
}
