import type { LlmClient, LlmRequest, LlmResponse } from '@tandem/llm';
import { describe, expect, it } from 'vitest';
import { type LlmResultStore, withStoredResults } from './workspace-llm';

/** A model that answers `answer <n>` and counts its calls, streaming the answer in two pieces. */
function countingModel(): LlmClient & { calls: number } {
  const model = {
    calls: 0,
    async complete(request: LlmRequest): Promise<LlmResponse> {
      model.calls++;
      const text = `answer ${model.calls}`;
      request.onDelta?.(text.slice(0, 3));
      request.onDelta?.(text.slice(3));
      return { text, usage: { tokensIn: 5, tokensOut: 2 }, costUsd: 0.001, model: 'm', finishReason: 'stop' };
    },
  };
  return model;
}

/** The repository's contract (first answer per key wins), in memory. */
function memoryStore(): LlmResultStore & { rows: Map<string, Record<string, unknown>> } {
  const rows = new Map<string, Record<string, unknown>>();
  return {
    rows,
    get: async (key) => rows.get(key) ?? null,
    put: async (key, _runId, response) => {
      if (!rows.has(key)) rows.set(key, response);
    },
  };
}

const request = (idempotencyKey: string | undefined, deltas: string[] = []): LlmRequest => ({
  provider: 'mock',
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  ...(idempotencyKey ? { idempotencyKey } : {}),
  onDelta: (text) => deltas.push(text),
});

describe('model answers kept by idempotency key', () => {
  it('reuses the answer a dead worker already paid for, replaying its text, and calls the model for a new attempt', async () => {
    const model = countingModel();
    const store = memoryStore();
    const firstWorker = withStoredResults(model, store, 'run-1');
    const first = await firstWorker.complete(request('run-1:llm:1'));
    expect(model.calls).toBe(1);
    expect(store.rows.get('run-1:llm:1')).toMatchObject({ text: 'answer 1' });

    // The worker died before the node's completion was stored: the next one repeats the same call.
    const deltas: string[] = [];
    const resumed = await withStoredResults(model, store, 'run-1').complete(request('run-1:llm:1', deltas));
    expect(model.calls).toBe(1);
    expect(resumed).toEqual(first);
    expect(deltas).toEqual(['answer 1']);

    // A retry after a failed attempt is a new call.
    const retried = await firstWorker.complete(request('run-1:llm:2'));
    expect(model.calls).toBe(2);
    expect(retried.text).toBe('answer 2');
  });

  it('passes calls without a key straight through and stores nothing', async () => {
    const model = countingModel();
    const store = memoryStore();
    const client = withStoredResults(model, store, 'run-1');
    await client.complete(request(undefined));
    await client.complete(request(undefined));
    expect(model.calls).toBe(2);
    expect(store.rows.size).toBe(0);
  });

  it('calls the model again when what is stored under the key is not an answer', async () => {
    const model = countingModel();
    const store = memoryStore();
    store.rows.set('run-1:llm:1', { garbage: true });
    const answer = await withStoredResults(model, store, 'run-1').complete(request('run-1:llm:1'));
    expect(model.calls).toBe(1);
    expect(answer.text).toBe('answer 1');
  });
});
