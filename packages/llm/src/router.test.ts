import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LlmError, type LlmMessage } from './llm-client';
import { createLlmClient } from './router';
import { type FakeLlmServer, startFakeLlmServer } from './testing';

const CANARY_KEY = 'sk-canary-router-91c2d3e4f5a6';
const messages: LlmMessage[] = [{ role: 'user', content: 'Ping' }];
let server: FakeLlmServer;

beforeAll(async () => {
  // This fake refuses requests without the canary key, so a passing call proves the key was sent.
  server = await startFakeLlmServer({ apiKey: CANARY_KEY });
});
afterEach(() => server.reset());
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmError)) throw new Error(`expected an LlmError, got ${inspect(error)}`);
  return error;
}

describe('createLlmClient', () => {
  it('works with no configuration at all, through the mock', async () => {
    const res = await createLlmClient().complete({ provider: 'mock', model: 'mock-1', messages });
    expect(res.text).toMatch(/^Mock answer [0-9a-f]{8}/);
    expect(res.costUsd).toBe(0);
  });

  it('dispatches on request.provider to the OpenAI and Anthropic adapters', async () => {
    const client = createLlmClient({
      openai: { apiKey: CANARY_KEY, baseURL: server.openaiBaseURL },
      anthropic: { apiKey: CANARY_KEY, baseURL: server.anthropicBaseURL },
    });
    const a = await client.complete({ provider: 'openai', model: 'gpt-4o-mini', messages });
    const b = await client.complete({ provider: 'anthropic', model: 'claude-haiku-4-5', messages });
    expect([a.text, b.text]).toEqual(['Fake reply to: Ping', 'Fake reply to: Ping']);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/messages']);
    expect(a.costUsd).not.toBeNull();
    expect(b.costUsd).not.toBeNull();
  });

  it('reports a missing credential as auth, naming the provider, without calling anyone', async () => {
    const client = createLlmClient({});
    const openai = await failure(client.complete({ provider: 'openai', model: 'gpt-4o', messages }));
    expect(openai.kind).toBe('auth');
    expect(openai.retryable).toBe(false);
    expect(openai.message).toMatch(/^No OpenAI credential is set for this workspace/);
    const anthropic = await failure(
      client.complete({ provider: 'anthropic', model: 'claude-sonnet-4-5', messages }),
    );
    expect(anthropic.message).toMatch(/^No Anthropic credential is set for this workspace/);
    const compatible = await failure(
      client.complete({ provider: 'openai-compatible', model: 'llama3', messages }),
    );
    expect(compatible.message).toMatch(/^No OpenAI-compatible credential is set for this workspace/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports an invalid credential by field name, never by value', async () => {
    const client = createLlmClient({ openai: { apiKey: CANARY_KEY, baseURL: `not a url ${CANARY_KEY}` } });
    const error = await failure(client.complete({ provider: 'openai', model: 'gpt-4o', messages }));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('baseURL');
    expect(inspect(error)).not.toContain('canary');
  });

  it('calls an OpenAI-compatible server at a custom baseURL with no key and no Authorization header', async () => {
    const open = await startFakeLlmServer();
    try {
      const client = createLlmClient({ openaiCompatible: { baseURL: open.openaiBaseURL } });
      const res = await client.complete({
        provider: 'openai-compatible',
        model: 'llama3.1:8b',
        messages,
        maxTokens: 32,
      });
      expect(res.text).toBe('Fake reply to: Ping');
      // Local models have no list price: unknown, not free.
      expect(res.costUsd).toBeNull();
      const [req] = open.requests;
      expect(req?.headers.authorization).toBeUndefined();
      // Ollama, LM Studio and vLLM read max_tokens, not OpenAI's newer max_completion_tokens.
      expect(req?.body).toMatchObject({ max_tokens: 32 });
      expect(req?.body.max_completion_tokens).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('sends an OpenAI-compatible key when one is configured', async () => {
    const client = createLlmClient({
      openaiCompatible: { baseURL: server.openaiBaseURL, apiKey: CANARY_KEY },
    });
    await client.complete({ provider: 'openai-compatible', model: 'qwen', messages });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
  });

  it('applies timeoutMs at the SDK level', async () => {
    server.enqueue({ type: 'hang' });
    const client = createLlmClient({
      openai: { apiKey: CANARY_KEY, baseURL: server.openaiBaseURL },
      timeoutMs: 150,
    });
    const error = await failure(client.complete({ provider: 'openai', model: 'gpt-4o', messages }));
    expect(error.kind).toBe('timeout');
    expect(server.requests).toHaveLength(1);
  });

  it('passes mock options through', async () => {
    const client = createLlmClient({ mock: { output: 'fixed' } });
    expect((await client.complete({ provider: 'mock', model: 'mock-1', messages })).text).toBe('fixed');
  });
});
