import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicAdapter } from './anthropic-adapter';
import { LlmError, type LlmRequest } from './llm-client';
import { type FakeLlmServer, startFakeLlmServer } from './testing';

const CANARY_KEY = 'sk-ant-canary-4b8e1f7a2c9d6e30';
let server: FakeLlmServer;

beforeAll(async () => {
  server = await startFakeLlmServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

function adapter(timeoutMs = 5_000) {
  return createAnthropicAdapter({ apiKey: CANARY_KEY, baseURL: server.anthropicBaseURL, timeoutMs });
}

const ask = (overrides: Partial<LlmRequest> = {}): LlmRequest => ({
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Say hi' },
  ],
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmError)) throw new Error(`expected an LlmError, got ${inspect(error)}`);
  return error;
}

describe('anthropic adapter (real SDK against the fake server)', () => {
  it('completes without streaming, with the system prompt as `system` and the key as the SDK sends it', async () => {
    server.enqueue({ type: 'text', text: 'Hi.', usage: { input: 2_000, output: 1_000 } });
    const res = await adapter().complete(ask({ maxTokens: 50, temperature: 0.7 }));
    expect(res).toMatchObject({
      text: 'Hi.',
      usage: { tokensIn: 2_000, tokensOut: 1_000 },
      finishReason: 'stop',
    });
    // 2,000 in at $3/M + 1,000 out at $15/M
    expect(res.costUsd).toBeCloseTo(0.021, 10);
    const [req] = server.requests;
    expect(req?.path).toBe('/v1/messages');
    // @anthropic-ai/sdk 1.x sends `apiKey` as a Bearer token (0.x sent it as x-api-key).
    expect(req?.headers.authorization).toBe(`Bearer ${CANARY_KEY}`);
    expect(req?.headers['x-api-key']).toBeUndefined();
    expect(req?.headers['anthropic-version']).toBeDefined();
    // No temperature: the Messages API of SDK 1.x has no such parameter.
    expect(req?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
      stream: false,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Say hi' }],
    });
  });

  it('streams deltas in order and takes usage from message_start and message_delta', async () => {
    server.enqueue({ type: 'text', chunks: ['Hel', 'lo ', 'world'], usage: { input: 21, output: 4 } });
    const deltas: string[] = [];
    const res = await adapter().complete(ask({ onDelta: (d) => deltas.push(d) }));
    expect(deltas).toEqual(['Hel', 'lo ', 'world']);
    expect(res.text).toBe('Hello world');
    expect(res.usage).toEqual({ tokensIn: 21, tokensOut: 4 });
    expect(res.costUsd).toBeCloseTo((21 * 3 + 4 * 15) / 1e6, 12);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, max_tokens: 4096 });
  });

  it('maps max_tokens to finish "length" and an unknown model to cost null', async () => {
    server.enqueue({ type: 'text', text: 'cut', finishReason: 'length' });
    const res = await adapter().complete(ask({ model: 'claude-unknown-9' }));
    expect(res.finishReason).toBe('length');
    expect(res.costUsd).toBeNull();
  });

  it('asks for JSON by instruction in the system prompt, with no prefill', async () => {
    server.enqueue({ type: 'text', text: '{"ok":true}' });
    const res = await adapter().complete(ask({ jsonMode: true }));
    expect(JSON.parse(res.text)).toEqual({ ok: true });
    const body = server.requests[0]?.body;
    expect(body?.system).toMatch(/^You are terse\.\n\n.*JSON object/);
    expect(body?.messages).toEqual([{ role: 'user', content: 'Say hi' }]);
  });

  it('maps 429 (with Retry-After), 529, 500, 400 and 401 to their kinds without SDK retries', async () => {
    server.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after': '2' } },
      { type: 'error', status: 529 },
      { type: 'error', status: 500 },
      { type: 'error', status: 400 },
      { type: 'error', status: 401 },
    );
    const limited = await failure(adapter().complete(ask()));
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2_000, retryable: true });
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) kinds.push((await failure(adapter().complete(ask()))).kind);
    expect(kinds).toEqual(['server', 'server', 'bad_request', 'auth']);
    expect(server.requests).toHaveLength(5);
  });

  it('maps a hung server to timeout', async () => {
    server.enqueue({ type: 'hang' });
    const error = await failure(adapter(200).complete(ask()));
    expect(error.kind).toBe('timeout');
  });

  it('aborts mid-stream', async () => {
    server.enqueue({ type: 'text', chunks: ['a ', 'b ', 'c'], chunkDelayMs: 100 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const error = await failure(
      adapter().complete(
        ask({
          signal: controller.signal,
          onDelta: (d) => {
            deltas.push(d);
            controller.abort();
          },
        }),
      ),
    );
    expect(error.kind).toBe('aborted');
    expect(deltas).toEqual(['a ']);
  });

  it('rejects at once when the signal is already aborted, without a request', async () => {
    const error = await failure(adapter().complete(ask({ signal: AbortSignal.abort() })));
    expect(error.kind).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });

  it('maps a server dying mid-stream to network', async () => {
    server.enqueue({ type: 'text', chunks: ['a ', 'b ', 'c'], dropAfterChunks: 1 });
    const error = await failure(adapter().complete(ask({ onDelta: () => {} })));
    expect(error.kind).toBe('network');
  });

  it('never puts the key into an error, even when the server echoes it', async () => {
    server.setDefault((req) => ({
      type: 'error',
      status: 403,
      message: `key ${CANARY_KEY} (${req.headers.authorization ?? req.headers['x-api-key'] ?? ''}) lacks access`,
    }));
    const error = await failure(adapter().complete(ask()));
    expect(error.kind).toBe('auth');
    for (const text of [
      error.message,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error.stack),
    ]) {
      expect(text).not.toContain('canary');
    }
  });
});
